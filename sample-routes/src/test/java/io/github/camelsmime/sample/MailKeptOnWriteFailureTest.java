package io.github.camelsmime.sample;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** When neither the verified nor the rejected folder can be written, the mail stays on the server, unseen. */
class MailKeptOnWriteFailureTest {

    @TempDir
    Path data;

    @Test
    void mailIsNotDeletedWhenNothingWasWritten() throws Exception {
        Path blocker = data.resolve("not-a-folder");
        Files.writeString(blocker, "a file where the folders should be");
        try (GatewayHarness gateway = GatewayHarness.start(data, Map.of("jms.enabled", "false",
                "http.enabled", "false", "gateway.file.enabled", "false",
                "mail.inbound.verified", blocker.resolve("verified").toString(),
                "mail.inbound.rejected", blocker.resolve("rejected").toString()))) {
            MailSupport.sendRaw(gateway, ("From: alice@example.com\r\nTo: bob@example.com\r\nSubject: keep me\r\n"
                    + "Content-Type: text/plain\r\n\r\nunsigned\r\n").getBytes(StandardCharsets.US_ASCII));
            // several polls (every 500 ms) fail to write anything
            Thread.sleep(4000);
            MimeMessage[] onServer = gateway.mail().greenMail().getReceivedMessages();
            assertThat(onServer).hasSize(1);
            assertThat(onServer[0].getFlags().contains(Flags.Flag.DELETED)).isFalse();
            assertThat(onServer[0].getFlags().contains(Flags.Flag.SEEN)).isFalse();
        }
    }
}

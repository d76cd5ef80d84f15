package io.github.camelsmime.sample;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One input cannot stop a route: a message of too many MIME parts through file-verify, a mail carrying junk CA
 * certificates and a mail with an oversized header block through mail-inbound each go to rejected with their original
 * bytes and reason limit-exceeded, and the next valid input is processed. The component's limits are set low here
 * (camel.component.smime.*), so the hostile inputs stay small; FileGatewayTest sends one at the default limit.
 */
class HostileInputLimitsTest {

    static final int MAX_PARTS = 50;
    static final int MAX_CERTIFICATES = 20;
    static final int MAX_HEADER_SIZE = 64 * 1024;

    @TempDir
    static Path data;
    @TempDir
    static Path work;
    static GatewayHarness gateway;
    static Path verifyIn, verifyOut, rejected, mailVerified, mailRejected;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start(data, Map.of("jms.enabled", "false", "http.enabled", "false",
                "camel.component.smime.max-parts", String.valueOf(MAX_PARTS),
                "camel.component.smime.max-certificates", String.valueOf(MAX_CERTIFICATES),
                "camel.component.smime.max-header-size", String.valueOf(MAX_HEADER_SIZE)));
        verifyIn = data.resolve("gateway/verify/inbox");
        verifyOut = data.resolve("gateway/verify/outbox");
        rejected = data.resolve("gateway/verify/rejected");
        mailVerified = data.resolve("mail/verified");
        mailRejected = data.resolve("mail/rejected");
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static void drop(String name, byte[] content) throws Exception {
        Files.createDirectories(verifyIn);
        Files.write(verifyIn.resolve("." + name), content);
        Files.move(verifyIn.resolve("." + name), verifyIn.resolve(name));
    }

    private static void await30(java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(condition);
    }

    @Test
    void tooManyPartsAreRejectedAndTheNextFileIsVerified() throws Exception {
        byte[] parts = SignedInputs.manyParts(MAX_PARTS * 20);
        drop("parts.eml", parts);
        await30(() -> Files.exists(rejected.resolve("parts.eml")));
        assertThat(rejected.resolve("parts.eml")).hasBinaryContent(parts);
        assertThat(Files.readString(rejected.resolve("parts.eml.reason.txt"))).contains("reason: limit-exceeded");

        drop("after-parts.eml", SignedInputs.signByAlice(gateway, work,
                "Content-Type: text/plain\r\n\r\nstill running\r\n".getBytes(StandardCharsets.US_ASCII)));
        await30(() -> Files.exists(verifyOut.resolve("after-parts.eml")));
        assertThat(Files.readString(verifyOut.resolve("after-parts.eml"))).isEqualTo("still running\r\n");
    }

    @Test
    void junkCaCertificatesInAMailAreRejectedAndTheNextMailIsVerified() throws Exception {
        Path junk = SignedInputs.junkCaCertificates(work, MAX_CERTIFICATES * 3);
        byte[] signed = SignedInputs.signByAlice(gateway, work,
                "Content-Type: text/plain\r\n\r\ncarrying junk\r\n".getBytes(StandardCharsets.US_ASCII),
                "-certfile", junk.toString(), "-from", "alice@example.com", "-to", "bob@example.com",
                "-subject", "junk");
        MailSupport.sendRaw(gateway, signed);
        await30(() -> MailSupport.find(mailRejected, "junk.", ".reason.txt").size() == 1);
        assertThat(Files.readString(MailSupport.find(mailRejected, "junk.", ".reason.txt").get(0)))
                .contains("reason: limit-exceeded");
        assertThat(MailSupport.find(mailRejected, "junk.", ".eml")).hasSize(1);
        assertNextMailIsVerified("after-junk");
    }

    @Test
    void anOversizedHeaderBlockIsRejectedAndTheNextMailIsVerified() throws Exception {
        StringBuilder mail = new StringBuilder("From: alice@example.com\r\nTo: bob@example.com\r\nSubject: header\r\n");
        while (mail.length() < 3 * MAX_HEADER_SIZE) {
            mail.append("X-Junk: ").append("h".repeat(900)).append("\r\n");
        }
        mail.append("Content-Type: text/plain\r\n\r\nbody\r\n");
        MailSupport.sendRaw(gateway, mail.toString().getBytes(StandardCharsets.US_ASCII));
        await30(() -> MailSupport.find(mailRejected, "header.", ".reason.txt").size() == 1);
        assertThat(Files.readString(MailSupport.find(mailRejected, "header.", ".reason.txt").get(0)))
                .contains("reason: limit-exceeded");
        assertThat(Files.size(MailSupport.find(mailRejected, "header.", ".eml").get(0)))
                .isGreaterThan(3L * MAX_HEADER_SIZE);
        assertNextMailIsVerified("after-header");
    }

    private static void assertNextMailIsVerified(String subject) throws Exception {
        byte[] signed = SignedInputs.signByAlice(gateway, work,
                "Content-Type: text/plain\r\n\r\nnext one\r\n".getBytes(StandardCharsets.US_ASCII),
                "-from", "alice@example.com", "-to", "bob@example.com", "-subject", subject);
        MailSupport.sendRaw(gateway, signed);
        await30(() -> MailSupport.find(mailVerified, subject + ".", ".verdict.json").size() == 1);
    }
}

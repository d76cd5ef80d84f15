package io.github.camelsmime.sample;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelsmime.sample.routes.InboundMailRoutes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Outbound (file -> sign + encrypt -> SMTP) and inbound (IMAP -> unwrap -> verified/rejected) over GreenMail. */
class MailRoutesTest {

    @TempDir
    static Path data;
    @TempDir
    static Path work;
    static GatewayHarness gateway;
    static Path outbox, sent, verified, rejected;
    /** Low in the test (the default is 25 MiB), so an oversized mail stays small enough for CI. */
    static final int MAX_SIZE = 256 * 1024;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start(data, Map.of("jms.enabled", "false", "http.enabled", "false",
                "gateway.file.enabled", "false", "mail.inbound.max.size", String.valueOf(MAX_SIZE)));
        outbox = data.resolve("mail/outbox");
        sent = data.resolve("mail/sent");
        verified = data.resolve("mail/verified");
        rejected = data.resolve("mail/rejected");
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static int messagesOnServer() {
        // Bob's domain only: a message that reached an injected address elsewhere is checked by its own test
        return gateway.mail().greenMail().getReceivedMessagesForDomain("example.com").length;
    }

    @Test
    void documentGoesOutSignedAndEncryptedAndComesBackVerified() throws Exception {
        Files.createDirectories(outbox);
        Files.writeString(outbox.resolve(".hello.tmp"), "Hello Bob,\nsee you on Monday.\n");
        Files.move(outbox.resolve(".hello.tmp"), outbox.resolve("hello.txt"));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> MailSupport.find(verified, "hello.", ".txt").size() == 1);
        Path content = MailSupport.find(verified, "hello.", ".txt").get(0);
        assertThat(Files.readString(content).replace("\r\n", "\n")).isEqualTo("Hello Bob,\nsee you on Monday.\n");
        String verdict = Files.readString(Path.of(content + ".verdict.json"));
        assertThat(verdict).contains("\"signed\": true").contains("\"signatureValid\": true")
                .contains("\"trusted\": true").contains("\"encrypted\": true").contains("alice@example.com");
        // sent, and gone from the mailbox once written
        assertThat(MailSupport.find(sent, "", "-hello.txt")).hasSize(1);
        assertThat(outbox.resolve("hello.txt")).doesNotExist();
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesOnServer() == 0);
    }

    @Test
    void tamperedMailIsRejectedWithItsOriginalBytes() throws Exception {
        Path aliceKey = Openssl.key(gateway.pki("alice.p12"), "changeit");
        Files.writeString(work.resolve("pay.txt"), "Please pay 100 EUR to account 1234.\n");
        Openssl.run(work, "cms", "-sign", "-in", "pay.txt", "-text", "-signer", gateway.pki("alice.pem").toString(),
                "-inkey", aliceKey.toString(), "-from", "alice@example.com", "-to", "bob@example.com",
                "-subject", "payment", "-out", "pay.eml");
        String signed = Files.readString(work.resolve("pay.eml"), StandardCharsets.ISO_8859_1);
        String tampered = signed.replace("account 1234", "account 6666");
        assertThat(tampered).isNotEqualTo(signed);
        MailSupport.sendRaw(gateway, tampered.getBytes(StandardCharsets.ISO_8859_1));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> MailSupport.find(rejected, "payment.", ".eml").size() == 1);
        Path original = MailSupport.find(rejected, "payment.", ".eml").get(0);
        String stored = Files.readString(original, StandardCharsets.ISO_8859_1);
        // the body, byte for byte, as sent (GreenMail adds trace headers in front and keeps no final CRLF)
        String sentBody = tampered.substring(tampered.indexOf("\n\n") + 2).replace("\r\n", "\n")
                .replace("\n", "\r\n").stripTrailing();
        assertThat(stored.stripTrailing()).endsWith(sentBody);
        assertThat(stored).contains("account 6666");
        assertThat(Files.readString(Path.of(original.toString().replaceAll("\\.eml$", "") + ".reason.txt")))
                .contains("reason: signature-invalid");
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesOnServer() == 0);
        assertThat(MailSupport.find(verified, "payment.", "")).isEmpty();
    }

    @Test
    void externalServersReplaceTheEmbeddedOnes(@TempDir Path otherData) throws Exception {
        // a second gateway pointed at the first one's GreenMail as external SMTP and IMAP servers
        try (GatewayHarness second = GatewayHarness.start(otherData, Map.of("jms.enabled", "false",
                "http.enabled", "false", "gateway.file.enabled", "false",
                "mail.smtp.host", "127.0.0.1", "mail.smtp.port", gateway.property("mail.smtp.port"),
                "mail.imap.host", "127.0.0.1", "mail.imap.port", gateway.property("mail.imap.port"),
                "pki.create", "false", "pki.dir", data.resolve("pki").toString()))) {
            assertThat(second.mail()).isNull();
            assertThat(second.property("mail.embedded")).isEqualTo("false");
            Path otherOutbox = otherData.resolve("mail/outbox");
            Files.createDirectories(otherOutbox);
            Files.writeString(otherOutbox.resolve(".x"), "via the external server\n");
            Files.move(otherOutbox.resolve(".x"), otherOutbox.resolve("external.txt"));
            // one poller per mailbox: the first instance's IMAP route pauses, the second one reads Bob's mail
            gateway.context().getRouteController().stopRoute(InboundMailRoutes.ROUTE_ID);
            try {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                        MailSupport.find(otherData.resolve("mail/verified"), "external.", ".txt").size() == 1);
            } finally {
                gateway.context().getRouteController().startRoute(InboundMailRoutes.ROUTE_ID);
            }
            assertThat(MailSupport.find(otherData.resolve("mail/sent"), "", "-external.txt")).hasSize(1);
            assertThat(MailSupport.find(verified, "external.", ".txt")).isEmpty();
        }
    }

    @Test
    void unsignedMailIsRejected() throws Exception {
        byte[] plain = ("From: alice@example.com\r\nTo: bob@example.com\r\nSubject: unsigned\r\n"
                + "Content-Type: text/plain\r\n\r\nnothing to verify here\r\n").getBytes(StandardCharsets.US_ASCII);
        MailSupport.sendRaw(gateway, plain);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> MailSupport.find(rejected, "unsigned.", ".reason.txt").size() == 1);
        List<Path> eml = MailSupport.find(rejected, "unsigned.", ".eml");
        assertThat(eml).hasSize(1);
        assertThat(Files.readString(eml.get(0)).stripTrailing()).endsWith("\r\n\r\nnothing to verify here");
        assertThat(Files.readString(MailSupport.find(rejected, "unsigned.", ".reason.txt").get(0)))
                .contains("reason: signature-invalid");
    }

    @Test
    void everyPartOfASignedAndEncryptedMailIsWritten() throws Exception {
        byte[] signed = SignedInputs.signByAlice(gateway, work, SignedInputs.mixedEntity(),
                "-from", "alice@example.com", "-to", "bob@example.com", "-subject", "parts");
        Files.write(work.resolve("parts.signed"), signed);
        Openssl.run(work, "cms", "-encrypt", "-in", "parts.signed", "-aes256", "-out", "parts.eml",
                "-from", "alice@example.com", "-to", "bob@example.com", "-subject", "parts",
                gateway.pki("bob.pem").toString());
        MailSupport.sendRaw(gateway, Files.readAllBytes(work.resolve("parts.eml")));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> MailSupport.find(verified, "parts.", ".verdict.json").size() == 1);
        Path verdict = MailSupport.find(verified, "parts.", ".verdict.json").get(0);
        String name = verdict.getFileName().toString().replace(".verdict.json", "");
        assertThat(Files.readString(verdict)).contains("\"encrypted\": true").contains("\"trusted\": true");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(verified.resolve(name)));
        assertThat(Files.readString(verified.resolve(name))).isEqualTo(SignedInputs.MAIN_TEXT);
        Map<String, String> attachments = SignedInputs.filesIn(verified.resolve(name + ".attachments"));
        assertThat(attachments.values()).containsExactlyInAnyOrderElementsOf(SignedInputs.ATTACHMENTS);
        assertThat(attachments.keySet()).contains("data.bin", "a_b.txt").hasSize(SignedInputs.ATTACHMENTS.size());
    }

    @Test
    void aFileNameCannotInjectARecipient() throws Exception {
        Files.createDirectories(outbox);
        String name = "memo\r\nBcc: eve@evil.example\r\nX-Injected: yes";
        Files.writeString(outbox.resolve(".memo.tmp"), "for Bob only\n");
        Files.move(outbox.resolve(".memo.tmp"), outbox.resolve(name));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> !Files.exists(outbox.resolve(name)));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> MailSupport.find(verified, "memo", ".verdict.json").size() == 1);
        // the injected address got nothing; the verified mail carries no injected header
        assertThat(gateway.mail().greenMail().getReceivedMessagesForDomain("evil.example")).isEmpty();
        Path content = Path.of(MailSupport.find(verified, "memo", ".verdict.json").get(0).toString()
                .replace(".verdict.json", ""));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(content));
        assertThat(Files.readString(content).replace("\r\n", "\n")).isEqualTo("for Bob only\n");
        assertThat(MailSupport.find(data.resolve("mail/failed"), "", "")).isEmpty();
    }

    @Test
    void aMailOverTheSizeLimitIsRejectedUnreadAndTheNextIsProcessed() throws Exception {
        // the shape of the 50 MiB header attack, scaled to the test's limit: a header block twice the limit
        StringBuilder mail = new StringBuilder("From: alice@example.com\r\nTo: bob@example.com\r\nSubject: huge\r\n");
        while (mail.length() < 2 * MAX_SIZE) {
            mail.append("X-Junk: ").append("j".repeat(900)).append("\r\n");
        }
        mail.append("Content-Type: text/plain\r\n\r\nthe body after the junk\r\n");
        MailSupport.sendRaw(gateway, mail.toString().getBytes(StandardCharsets.US_ASCII));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> MailSupport.find(rejected, "oversized.", ".eml").size() == 1);
        Path original = MailSupport.find(rejected, "oversized.", ".eml").get(0);
        assertThat(Files.size(original)).isGreaterThan(2L * MAX_SIZE);
        assertThat(Files.readString(original).stripTrailing()).endsWith("the body after the junk");
        assertThat(Files.readString(Path.of(original.toString().replaceAll("\\.eml$", "") + ".reason.txt")))
                .contains("reason: limit-exceeded").contains("mail.inbound.max.size");

        // the route goes on
        Files.createDirectories(outbox);
        Files.writeString(outbox.resolve(".next.tmp"), "after the huge one\n");
        Files.move(outbox.resolve(".next.tmp"), outbox.resolve("next.txt"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> MailSupport.find(verified, "next.", ".txt").size() == 1);
    }
}

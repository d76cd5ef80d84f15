package io.github.camelsmime.sample;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The file gateway end to end: sign + encrypt to Bob on one side, unwrap on the other, checked with the openssl CLI
 * in both directions, plus rejections (unsigned, tampered, untrusted) and the read lock.
 */
class FileGatewayTest {

    @TempDir
    static Path data;
    @TempDir
    static Path work;
    static GatewayHarness gateway;
    static Path signIn, signOut, verifyIn, verifyOut, rejected;
    static Path bobKey, aliceKey;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start(data, Map.of("mail.enabled", "false", "jms.enabled", "false",
                "http.enabled", "false", "gateway.sign.recipients", "bob@example.com"));
        signIn = data.resolve("gateway/sign/inbox");
        signOut = data.resolve("gateway/sign/outbox");
        verifyIn = data.resolve("gateway/verify/inbox");
        verifyOut = data.resolve("gateway/verify/outbox");
        rejected = data.resolve("gateway/verify/rejected");
        bobKey = Openssl.key(gateway.pki("bob.p12"), "changeit");
        aliceKey = Openssl.key(gateway.pki("alice.p12"), "changeit");
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static void drop(Path inbox, String name, byte[] content) throws Exception {
        Files.createDirectories(inbox);
        Path tmp = inbox.resolve("." + name + ".writing");
        Files.write(tmp, content);
        Files.move(tmp, inbox.resolve(name));
    }

    private static Path awaitFile(Path file) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.isRegularFile(file));
        return file;
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void signedAndEncryptedOutputOpensWithOpensslAndRoundTrips() throws Exception {
        byte[] doc = "id;amount\n1;12.50\n2;7.00\nGrüße\n".getBytes(StandardCharsets.UTF_8);
        drop(signIn, "report.csv", doc);
        Path eml = awaitFile(signOut.resolve("report.csv.eml"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(signIn.resolve("report.csv")));

        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), Files.newInputStream(eml));
        assertThat(message.getFrom()[0].toString()).isEqualTo("alice@example.com");
        assertThat(message.getHeader("To", ",")).isEqualTo("bob@example.com");
        assertThat(message.getSubject()).isEqualTo("report.csv");
        assertThat(message.getContentType()).contains("application/pkcs7-mime");

        // openssl: decrypt with Bob's key, verify against the demo CA
        Files.copy(eml, work.resolve("report.eml"));
        Openssl.run(work, "cms", "-decrypt", "-in", "report.eml", "-recip", gateway.pki("bob.pem").toString(),
                "-inkey", bobKey.toString(), "-out", "report.signed");
        byte[] inner = Openssl.run(work, "cms", "-verify", "-in", "report.signed",
                "-CAfile", gateway.pki("ca.pem").toString());
        MimeBodyPart part = new MimeBodyPart(new ByteArrayInputStream(inner));
        assertThat(part.getInputStream().readAllBytes()).isEqualTo(doc);

        // the other side of the gateway gives the document back under its own name, with its verdict
        Files.copy(eml, verifyIn.resolve(".report.csv.eml.tmp"));
        Files.move(verifyIn.resolve(".report.csv.eml.tmp"), verifyIn.resolve("report.csv.eml"));
        Path out = awaitFile(verifyOut.resolve("report.csv"));
        assertThat(Files.readAllBytes(out)).isEqualTo(doc);
        assertThat(verifyOut.resolve("report.csv.eml")).doesNotExist();
        String verdict = Files.readString(verifyOut.resolve("report.csv.verdict.json"));
        assertThat(verdict).contains("\"signed\": true").contains("\"trusted\": true")
                .contains("\"encrypted\": true").contains("alice@example.com");
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(verifyIn.resolve("report.csv.eml")));
    }

    @Test
    void opensslSignedInputIsAccepted() throws Exception {
        Files.writeString(work.resolve("letter.txt"), "Dear Bob,\nthis was signed by openssl.\n");
        Openssl.run(work, "cms", "-sign", "-in", "letter.txt", "-text", "-signer", gateway.pki("alice.pem").toString(),
                "-inkey", aliceKey.toString(), "-out", "letter.eml");
        drop(verifyIn, "letter.eml", Files.readAllBytes(work.resolve("letter.eml")));
        Path out = awaitFile(verifyOut.resolve("letter.eml"));
        assertThat(str(Files.readAllBytes(out)).replace("\r\n", "\n"))
                .isEqualTo("Dear Bob,\nthis was signed by openssl.\n");
        assertThat(Files.readString(verifyOut.resolve("letter.eml.verdict.json"))).contains("\"trusted\": true");
    }

    @Test
    void opensslSignedAndEncryptedInputIsAccepted() throws Exception {
        Files.writeString(work.resolve("secret.txt"), "the vault code is 1234\n");
        Openssl.run(work, "cms", "-sign", "-in", "secret.txt", "-text", "-signer", gateway.pki("alice.pem").toString(),
                "-inkey", aliceKey.toString(), "-out", "secret.signed");
        Openssl.run(work, "cms", "-encrypt", "-in", "secret.signed", "-aes256", "-out", "secret.eml",
                gateway.pki("bob.pem").toString());
        drop(verifyIn, "secret.eml", Files.readAllBytes(work.resolve("secret.eml")));
        Path out = awaitFile(verifyOut.resolve("secret.eml"));
        assertThat(str(Files.readAllBytes(out)).replace("\r\n", "\n")).isEqualTo("the vault code is 1234\n");
        assertThat(Files.readString(verifyOut.resolve("secret.eml.verdict.json")))
                .contains("\"encrypted\": true").contains("\"trusted\": true");
    }

    @Test
    void unsignedMessageIsRejectedUnchanged() throws Exception {
        byte[] plain = ("From: alice@example.com\r\nTo: bob@example.com\r\nSubject: plain\r\n"
                + "Content-Type: text/plain\r\n\r\nnot signed at all\r\n").getBytes(StandardCharsets.US_ASCII);
        drop(verifyIn, "plain.eml", plain);
        awaitInboxEmptiedThenRejected("plain.eml", plain, "signature-invalid");
    }

    @Test
    void tamperedMessageIsRejectedUnchanged() throws Exception {
        Files.writeString(work.resolve("order.txt"), "Ship 10 boxes to Bob\n");
        Openssl.run(work, "cms", "-sign", "-in", "order.txt", "-text", "-signer", gateway.pki("alice.pem").toString(),
                "-inkey", aliceKey.toString(), "-out", "order.eml");
        String signed = Files.readString(work.resolve("order.eml"), StandardCharsets.ISO_8859_1);
        byte[] tampered = signed.replace("Ship 10 boxes", "Ship 90 boxes").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new String(tampered, StandardCharsets.ISO_8859_1)).isNotEqualTo(signed);
        drop(verifyIn, "order.eml", tampered);
        awaitInboxEmptiedThenRejected("order.eml", tampered, "signature-invalid");
    }

    @Test
    void untrustedSignerIsRejected() throws Exception {
        // a self-signed certificate claiming Alice's address: valid math, not under the demo CA
        Openssl.run(work, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "mallory.key",
                "-out", "mallory.pem", "-days", "30", "-subj", "/CN=Mallory",
                "-addext", "subjectAltName=email:alice@example.com",
                "-addext", "keyUsage=critical,digitalSignature,keyEncipherment",
                "-addext", "extendedKeyUsage=emailProtection");
        Files.writeString(work.resolve("fake.txt"), "trust me\n");
        Openssl.run(work, "cms", "-sign", "-in", "fake.txt", "-text", "-signer", "mallory.pem",
                "-inkey", "mallory.key", "-out", "fake.eml");
        byte[] fake = Files.readAllBytes(work.resolve("fake.eml"));
        drop(verifyIn, "fake.eml", fake);
        awaitInboxEmptiedThenRejected("fake.eml", fake, "untrusted");
    }

    /** The inbox file disappears only once the rejected copy and its reason are there. */
    private static void awaitInboxEmptiedThenRejected(String name, byte[] original, String reason) throws Exception {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> !Files.exists(verifyIn.resolve(name)));
        assertThat(rejected.resolve(name)).exists();
        assertThat(Files.readAllBytes(rejected.resolve(name))).isEqualTo(original);
        assertThat(Files.readString(rejected.resolve(name + ".reason.txt"))).contains("reason: " + reason);
        assertThat(verifyOut.resolve(name)).doesNotExist();
    }

    @Test
    void aFileIsTakenOnlyWhenComplete() throws Exception {
        Files.createDirectories(signIn);
        Path file = signIn.resolve("slow.txt");
        StringBuilder expected = new StringBuilder();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 12; i++) {
                String line = "line " + i + " of a file written slowly\n";
                expected.append(line);
                out.write(line.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(150);
                assertThat(signOut.resolve("slow.txt.eml")).as("taken while still being written").doesNotExist();
            }
        }
        Path eml = awaitFile(signOut.resolve("slow.txt.eml"));
        Files.copy(eml, verifyIn.resolve(".slow.tmp"));
        Files.move(verifyIn.resolve(".slow.tmp"), verifyIn.resolve("slow.txt.eml"));
        assertThat(Files.readString(awaitFile(verifyOut.resolve("slow.txt")))).isEqualTo(expected.toString());
    }

    private static byte[] signedText(String text) throws Exception {
        return SignedInputs.signByAlice(gateway, work,
                ("Content-Type: text/plain\r\n\r\n" + text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] unsigned(String text) {
        return ("Content-Type: text/plain\r\n\r\n" + text + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void awaitTaken(String name) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> !Files.exists(verifyIn.resolve(name)));
    }

    @Test
    void everyPartOfSignedContentReachesTheOutbox() throws Exception {
        drop(verifyIn, "mixed.eml", SignedInputs.signByAlice(gateway, work, SignedInputs.mixedEntity()));
        Path out = awaitFile(verifyOut.resolve("mixed.eml"));
        assertThat(Files.readString(out)).isEqualTo(SignedInputs.MAIN_TEXT);
        Map<String, String> attachments = SignedInputs.filesIn(verifyOut.resolve("mixed.eml.attachments"));
        // the same name twice and names equal once made safe are kept apart; nothing is dropped
        assertThat(attachments.values()).containsExactlyInAnyOrderElementsOf(SignedInputs.ATTACHMENTS);
        assertThat(attachments.keySet()).contains("data.bin", "a_b.txt").hasSize(SignedInputs.ATTACHMENTS.size());
        assertThat(Files.readString(verifyOut.resolve("mixed.eml.verdict.json"))).contains("\"trusted\": true");
    }

    @Test
    void namesEqualInTheFirst120CharactersGiveTwoResults() throws Exception {
        String common = "q".repeat(125);
        drop(verifyIn, common + "-first.eml", signedText("first"));
        drop(verifyIn, common + "-second.eml", signedText("second"));
        awaitTaken(common + "-first.eml");
        awaitTaken(common + "-second.eml");
        List<Path> outputs = MailSupport.find(verifyOut, "q".repeat(120), "");
        List<String> contents = new java.util.ArrayList<>();
        for (Path p : outputs) {
            if (!p.toString().endsWith(".verdict.json")) {
                contents.add(Files.readString(p));
            }
        }
        assertThat(contents).containsExactlyInAnyOrder("first\r\n", "second\r\n");
        assertThat(outputs).hasSize(4);
    }

    @Test
    void anInputNamedLikeAVerdictCannotReplaceOne() throws Exception {
        drop(verifyIn, "invoice.eml", signedText("the real invoice"));
        awaitFile(verifyOut.resolve("invoice.eml"));
        drop(verifyIn, "invoice.eml.verdict.json",
                signedText("{\"signed\": true, \"trusted\": true, \"forged\": 1}"));
        awaitTaken("invoice.eml.verdict.json");
        assertThat(Files.readString(verifyOut.resolve("invoice.eml.verdict.json"))).doesNotContain("forged")
                .contains("\"signatureValid\": true");
        // the other document is there too, under a name no sidecar can have
        assertThat(Files.readString(verifyOut.resolve("invoice.eml.verdict.json_"))).contains("forged");
    }

    @Test
    void rejectionsNeverReplaceEachOther() throws Exception {
        byte[] one = unsigned("one");
        byte[] two = unsigned("two");
        byte[] three = unsigned("three");
        drop(verifyIn, "bad.eml", one);
        awaitTaken("bad.eml");
        drop(verifyIn, "bad.eml.reason.txt", two);
        awaitTaken("bad.eml.reason.txt");
        drop(verifyIn, "bad.eml", three);
        awaitTaken("bad.eml");
        assertThat(rejected.resolve("bad.eml")).hasBinaryContent(one);
        assertThat(Files.readString(rejected.resolve("bad.eml.reason.txt"))).contains("name: bad.eml\n");
        assertThat(rejected.resolve("bad.eml.reason.txt_")).hasBinaryContent(two);
        assertThat(Files.readString(rejected.resolve("bad.eml.reason.txt_.reason.txt")))
                .contains("reason: signature-invalid");
        assertThat(rejected.resolve("bad-2.eml")).hasBinaryContent(three);
        assertThat(Files.readString(rejected.resolve("bad-2.eml.reason.txt"))).contains("name: bad-2.eml\n");
    }

    @Test
    void aFileWithABackslashInItsNameIsProcessed() throws Exception {
        drop(verifyIn, "back\\slash.eml", signedText("backslash"));
        drop(verifyIn, "back\\bad.eml", unsigned("backslash"));
        drop(signIn, "sign\\me.txt", "to sign".getBytes(StandardCharsets.US_ASCII));
        // renamed (a backslash reads as a folder separator in Camel), then processed like any file
        awaitFile(verifyOut.resolve("back_slash.eml"));
        awaitFile(rejected.resolve("back_bad.eml"));
        awaitFile(signOut.resolve("sign_me.txt.eml"));
        assertThat(Files.readString(verifyOut.resolve("back_slash.eml"))).isEqualTo("backslash\r\n");
        assertThat(Files.readString(rejected.resolve("back_bad.eml.reason.txt"))).contains("reason: signature-invalid");
        assertThat(MailSupport.find(verifyIn, "back", "")).isEmpty();
        assertThat(MailSupport.find(signIn, "sign", "")).isEmpty();
    }

    @Test
    void aFileNameCannotInjectHeaderLines() throws Exception {
        String name = "note\r\nBcc: eve@evil.example\r\nX-Injected: yes";
        drop(signIn, name, "signed note".getBytes(StandardCharsets.US_ASCII));
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(signIn.resolve(name)));
        List<Path> out = MailSupport.find(signOut, "note", ".eml");
        assertThat(out).hasSize(1);
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), Files.newInputStream(out.get(0)));
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getHeader("X-Injected")).isNull();
        assertThat(message.getSubject()).contains("note").contains("eve@evil.example");
    }

    @Test
    void aHundredThousandPartsAtTheDefaultLimitAreRejectedAndTheRouteGoesOn() throws Exception {
        byte[] parts = SignedInputs.manyParts(100_000);
        drop(verifyIn, "100k-parts.eml", parts);
        awaitFile(rejected.resolve("100k-parts.eml.reason.txt"));
        assertThat(Files.readString(rejected.resolve("100k-parts.eml.reason.txt"))).contains("reason: limit-exceeded");
        assertThat(rejected.resolve("100k-parts.eml")).hasBinaryContent(parts);
        drop(verifyIn, "after-100k.eml", signedText("still running"));
        assertThat(Files.readString(awaitFile(verifyOut.resolve("after-100k.eml")))).isEqualTo("still running\r\n");
    }
}

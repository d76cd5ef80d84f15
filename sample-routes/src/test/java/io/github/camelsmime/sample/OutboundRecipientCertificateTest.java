package io.github.camelsmime.sample;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbound mail route chooses sign-encrypt only when the component will encrypt: both ask the component's
 * recipient lookup, so an expired certificate in the recipients folder means a signed-only mail, not a document in
 * the failed folder.
 */
class OutboundRecipientCertificateTest {

    @TempDir
    Path data;
    GatewayHarness gateway;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void expiredRecipientCertificateSendsSignedOnly() throws Exception {
        Path pki = data.resolve("pki");
        DemoPki.ensure(pki, "changeit".toCharArray(), Duration.ofDays(30));
        Files.writeString(pki.resolve("recipients/bob.pem"), expiredCertificateFor("bob@example.com"));
        gateway = GatewayHarness.start(data, Map.of("jms.enabled", "false", "http.enabled", "false",
                "gateway.file.enabled", "false"));

        Path outbox = data.resolve("mail/outbox");
        Files.createDirectories(outbox);
        Files.writeString(outbox.resolve(".note.tmp"), "Hello Bob\n");
        Files.move(outbox.resolve(".note.tmp"), outbox.resolve("note.txt"));

        Path verified = data.resolve("mail/verified");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> MailSupport.find(verified, "note.", ".txt").size() == 1);
        Path content = MailSupport.find(verified, "note.", ".txt").get(0);
        assertThat(Files.readString(Path.of(content + ".verdict.json")))
                .contains("\"signed\": true").contains("\"trusted\": true").contains("\"encrypted\": false");
        assertThat(MailSupport.find(data.resolve("mail/failed"), "", "")).isEmpty();
    }

    private static String expiredCertificateFor(String email) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
        kpg.initialize(2048);
        KeyPair keys = kpg.generateKeyPair();
        X500Name name = new X500Name("CN=expired recipient");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.TEN,
                Date.from(now.minus(Duration.ofDays(60))), Date.from(now.minus(Duration.ofDays(1))), name,
                keys.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(pem)) {
            w.writeObject(new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()))));
        }
        return pem.toString();
    }
}

package io.github.camelsmime.sample;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelsmime.keys.Certificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The done-file strategy of both file routes (Java and YAML), and the demo PKI as openssl sees it. */
class DoneFileAndPkiTest {

    @TempDir
    static Path data;
    static GatewayHarness gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start(data, Map.of("mail.enabled", "false", "jms.enabled", "false",
                "http.enabled", "false", "gateway.done.file", "${file:name}.done"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void filesWaitForTheirDoneFile() throws Exception {
        Path signIn = data.resolve("gateway/sign/inbox");
        Path signOut = data.resolve("gateway/sign/outbox");
        Files.createDirectories(signIn);
        Files.writeString(signIn.resolve("batch.dat"), "row 1\nrow 2\n");
        Thread.sleep(2000);
        assertThat(signOut.resolve("batch.dat.eml")).doesNotExist();
        assertThat(signIn.resolve("batch.dat")).exists();

        Files.writeString(signIn.resolve("batch.dat.done"), "");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(signOut.resolve("batch.dat.eml")));
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(signIn.resolve("batch.dat.done")));

        // the YAML route honours it too
        Path verifyIn = data.resolve("gateway/verify/inbox");
        Path verifyOut = data.resolve("gateway/verify/outbox");
        Files.createDirectories(verifyIn);
        Files.copy(signOut.resolve("batch.dat.eml"), verifyIn.resolve("batch.dat.eml"));
        Thread.sleep(2000);
        assertThat(verifyOut.resolve("batch.dat")).doesNotExist();
        Files.writeString(verifyIn.resolve("batch.dat.eml.done"), "");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(verifyOut.resolve("batch.dat")));
        assertThat(Files.readString(verifyOut.resolve("batch.dat"), StandardCharsets.UTF_8))
                .isEqualTo("row 1\nrow 2\n");
    }

    @Test
    void demoPkiIsAValidSmimePki() throws Exception {
        Path pki = data.resolve("pki");
        for (String user : List.of("alice", "bob")) {
            // chain and S/MIME purposes as openssl checks them
            byte[] out = Openssl.run(pki, "verify", "-CAfile", "ca.pem", "-purpose", "smimesign", user + ".pem");
            assertThat(new String(out, StandardCharsets.UTF_8)).contains("OK");
            Openssl.run(pki, "verify", "-CAfile", "ca.pem", "-purpose", "smimeencrypt", user + ".pem");
            X509Certificate cert = certificate(pki.resolve(user + ".pem"));
            assertThat(Certificates.emailAddresses(cert)).containsExactly(user + "@example.com");
            assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.4");
            assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
            assertThat(cert.getKeyUsage()[1]).as("nonRepudiation").isTrue();
            assertThat(cert.getKeyUsage()[2]).as("keyEncipherment").isTrue();
            assertThat(pki.resolve("recipients/" + user + ".pem")).hasSameBinaryContentAs(pki.resolve(user + ".pem"));
            // the PKCS#12 opens with the configured password
            Openssl.run(pki, "pkcs12", "-in", user + ".p12", "-passin", "pass:changeit", "-noout");
        }
        X509Certificate ca = certificate(pki.resolve("ca.pem"));
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        // created once: a second ensure() keeps the files
        long modified = Files.getLastModifiedTime(pki.resolve("ca.pem")).toMillis();
        assertThat(DemoPki.ensure(pki, "changeit".toCharArray(), Duration.ofDays(10))).isFalse();
        assertThat(Files.getLastModifiedTime(pki.resolve("ca.pem")).toMillis()).isEqualTo(modified);
    }

    private static X509Certificate certificate(Path file) throws java.io.IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return Certificates.read(in).get(0);
        }
    }
}

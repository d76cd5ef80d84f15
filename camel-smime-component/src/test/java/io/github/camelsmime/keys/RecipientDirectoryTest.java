package io.github.camelsmime.keys;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The recipient lookup that both the component and a route (the sample's choice between sign and sign-encrypt) ask:
 * only certificates usable now for e-mail encryption, found by any of their addresses, the folder read again when it
 * changes.
 */
class RecipientDirectoryTest {

    @TempDir
    Path folder;

    @Test
    void onlyCertificatesUsableNowForEncryptionAreFound() throws Exception {
        write("expired.pem", new CertificatesTest.Cert(null).sanEmail("old@example.com").valid(-60, -1).build());
        write("future.pem", new CertificatesTest.Cert(null).sanEmail("early@example.com").valid(1, 60).build());
        write("signing.pem", new CertificatesTest.Cert(null).sanEmail("signer@example.com")
                .keyUsage(KeyUsage.digitalSignature).build());
        write("tls.pem", new CertificatesTest.Cert(null).sanEmail("tls@example.com")
                .eku(KeyPurposeId.id_kp_serverAuth).build());
        X509Certificate good = new CertificatesTest.Cert(null).sanEmail("bob@example.com").build();
        write("bob.pem", good);

        RecipientDirectory directory = RecipientDirectory.ofFolder(folder);
        for (String unusable : List.of("old@example.com", "early@example.com", "signer@example.com",
                "tls@example.com")) {
            assertThat(directory.certificates(unusable)).as(unusable).isEmpty();
        }
        assertThat(directory.certificates("Bob@Example.com")).containsExactly(good);
        assertThat(directory.knowsAll(List.of("bob@example.com"))).isTrue();
        assertThat(directory.knowsAll(List.of("bob@example.com", "old@example.com"))).isFalse();
        assertThat(directory.knowsAll(List.of())).isFalse();
    }

    @Test
    void aCertificateWithItsAddressOnlyInTheSubjectIsFound() throws Exception {
        X509Certificate cert = new CertificatesTest.Cert("dora@example.com").sanEmail(null).build();
        write("dora.pem", cert);
        assertThat(RecipientDirectory.ofFolder(folder).certificates("dora@example.com")).containsExactly(cert);
    }

    @Test
    void theCertificateThatExpiresLastComesFirst() throws Exception {
        X509Certificate soon = new CertificatesTest.Cert(null).sanEmail("bob@example.com").valid(-1, 10).build();
        X509Certificate later = new CertificatesTest.Cert(null).sanEmail("bob@example.com").valid(-1, 300).build();
        write("a.pem", soon);
        write("b.pem", later);
        assertThat(RecipientDirectory.ofFolder(folder).certificates("bob@example.com")).containsExactly(later, soon);
    }

    @Test
    void aCertificateDroppedInTheFolderCountsFromTheNextLookup() throws Exception {
        Files.writeString(folder.resolve("README.txt"), "not a certificate");
        RecipientDirectory directory = RecipientDirectory.ofFolder(folder);
        assertThat(directory.certificates("bob@example.com")).isEmpty();

        X509Certificate bob = new CertificatesTest.Cert(null).sanEmail("bob@example.com").build();
        write("bob.pem", bob);
        assertThat(directory.certificates("bob@example.com")).containsExactly(bob);

        Files.delete(folder.resolve("bob.pem"));
        assertThat(directory.certificates("bob@example.com")).isEmpty();
    }

    @Test
    void fixedCertificatesAndTheFolderAreAskedTogether() throws Exception {
        X509Certificate fixed = new CertificatesTest.Cert(null).sanEmail("carol@example.com").build();
        X509Certificate inFolder = new CertificatesTest.Cert(null).sanEmail("bob@example.com").build();
        write("bob.pem", inFolder);
        RecipientDirectory directory = new RecipientDirectory(folder, List.of(fixed));
        assertThat(directory.knowsAll(List.of("bob@example.com", "carol@example.com"))).isTrue();
    }

    @Test
    void aMissingFolderIsAClearError() {
        assertThatThrownBy(() -> RecipientDirectory.ofFolder(folder.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a readable folder");
    }

    private void write(String name, X509Certificate cert) throws Exception {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(pem)) {
            w.writeObject(cert);
        }
        Files.writeString(folder.resolve(name), pem.toString());
    }
}

package io.github.camelsmime.keys;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import io.github.camelsmime.TestPki;

import static org.assertj.core.api.Assertions.assertThat;

/** The e-mail addresses of a certificate, and whether a message can be encrypted to it now. */
class CertificatesTest {

    private static final KeyPair KEYS = keys();

    @Test
    void subjectEmailAddressIsReadFromTheRdnNotFromTheRfc2253String() throws Exception {
        X509Certificate cert = new Cert("Dora@Example.com").sanEmail(null).build();
        // RFC 2253 prints emailAddress as an OID with a hex value: a string parser never finds the address there
        assertThat(cert.getSubjectX500Principal().getName(X500Principal.RFC2253))
                .contains("1.2.840.113549.1.9.1=#").doesNotContain("dora@example.com");
        assertThat(Certificates.emailAddresses(cert)).containsExactly("dora@example.com");
    }

    @Test
    void subjectAltNameAndSubjectAddressesBothCount() throws Exception {
        X509Certificate cert = new Cert("legacy@example.com").sanEmail("Dora@example.com").build();
        assertThat(Certificates.emailAddresses(cert)).containsExactly("dora@example.com", "legacy@example.com");
    }

    @Test
    void usableForEncryptionOnlyWithinValidityDates() throws Exception {
        Date now = new Date();
        assertThat(Certificates.usableForEncryption(new Cert(null).build(), now)).isTrue();
        assertThat(Certificates.usableForEncryption(new Cert(null).valid(-30, -1).build(), now)).isFalse();
        assertThat(Certificates.usableForEncryption(new Cert(null).valid(1, 30).build(), now)).isFalse();
    }

    @Test
    void usableForEncryptionNeedsKeyEnciphermentOrKeyAgreementWhenKeyUsageIsPresent() throws Exception {
        Date now = new Date();
        assertThat(Certificates.usableForEncryption(new Cert(null).keyUsage(KeyUsage.digitalSignature).build(), now))
                .isFalse();
        assertThat(Certificates.usableForEncryption(new Cert(null).keyUsage(KeyUsage.keyEncipherment).build(), now))
                .isTrue();
        assertThat(Certificates.usableForEncryption(new Cert(null).keyUsage(KeyUsage.keyAgreement).build(), now))
                .isTrue();
        assertThat(Certificates.usableForEncryption(new Cert(null).keyUsage(-1).build(), now)).isTrue();
    }

    @Test
    void usableForEncryptionNeedsEmailProtectionWhenExtendedKeyUsageIsPresent() throws Exception {
        Date now = new Date();
        assertThat(Certificates.usableForEncryption(new Cert(null).eku(KeyPurposeId.id_kp_serverAuth).build(), now))
                .isFalse();
        assertThat(Certificates.usableForEncryption(new Cert(null).eku(KeyPurposeId.anyExtendedKeyUsage).build(),
                now)).isTrue();
        assertThat(Certificates.usableForEncryption(new Cert(null).eku(null).build(), now)).isTrue();
    }

    private static KeyPair keys() {
        try {
            return TestPki.generate("RSA", 2048);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed end-entity certificate; defaults: valid now, keyEncipherment, emailProtection. */
    static final class Cert {
        private final String subjectEmail;
        private String sanEmail = "dora@example.com";
        private int fromDays = -1;
        private int toDays = 30;
        private int keyUsage = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
        private KeyPurposeId eku = KeyPurposeId.id_kp_emailProtection;

        Cert(String subjectEmail) {
            this.subjectEmail = subjectEmail;
        }

        Cert sanEmail(String email) {
            this.sanEmail = email;
            return this;
        }

        Cert valid(int fromDays, int toDays) {
            this.fromDays = fromDays;
            this.toDays = toDays;
            return this;
        }

        /** -1: no keyUsage extension. */
        Cert keyUsage(int usage) {
            this.keyUsage = usage;
            return this;
        }

        Cert eku(KeyPurposeId purpose) {
            this.eku = purpose;
            return this;
        }

        X509Certificate build() throws Exception {
            X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "Dora");
            if (subjectEmail != null) {
                name.addRDN(BCStyle.EmailAddress, new DERIA5String(subjectEmail));
            }
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name.build(),
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.plus(Duration.ofDays(fromDays))),
                    Date.from(now.plus(Duration.ofDays(toDays))), name.build(), KEYS.getPublic());
            if (keyUsage >= 0) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            if (eku != null) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
            }
            if (sanEmail != null) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.rfc822Name, sanEmail)));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withRSA").build(KEYS.getPrivate())));
        }
    }
}

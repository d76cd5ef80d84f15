package io.github.camelsmime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.apache.camel.Exchange;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

import io.github.camelsmime.SpoofKit.Signer;
import io.github.camelsmime.verify.SignerResult;

import static io.github.camelsmime.SpoofKit.ENTITY;
import static io.github.camelsmime.SpoofKit.bytes;
import static io.github.camelsmime.SpoofKit.cert;
import static io.github.camelsmime.SpoofKit.headers;
import static io.github.camelsmime.SpoofKit.signedData;
import static io.github.camelsmime.SpoofKit.signedEntity;
import static io.github.camelsmime.SpoofKit.signedMessage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The certificate policy of RFC 8550 / RFC 5280, one generated message per check: each failure is a
 * {@link SmimeTrustException} whose {@code getCheck()} names the check, and the signer in the verdict lists it.
 */
class TrustPolicyTest extends SmimeTestSupport {

    private static final String VERIFY = "smime:verify?" + trust();
    private static final String MAILER = "mallory@example.com";

    private SmimeTrustException untrusted(String uri, String message, String check) {
        Exception e = failure(uri, message);
        assertThat(e).isInstanceOf(SmimeTrustException.class);
        SmimeTrustException t = (SmimeTrustException) e;
        assertThat(t.getCheck()).as(t.getMessage()).isEqualTo(check);
        assertThat(t.getReason()).isEqualTo("untrusted");
        return t;
    }

    private SignerResult onlySigner(Exchange exchange) {
        List<?> signers = exchange.getMessage().getHeader(SmimeConstants.SIGNERS, List.class);
        assertThat(signers).hasSize(1);
        return (SignerResult) signers.get(0);
    }

    private void assertTrusted(String uri, String message) {
        Exchange ok = send(uri, message);
        assertThat(ok.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(onlySigner(ok).failedChecks()).isEmpty();
    }

    @Test
    void signerIssuedByTheConfiguredCaIsTrusted() {
        Signer signer = cert("Mallory").email(MAILER).signer();
        assertTrusted(VERIFY, signedMessage(MAILER, signer));
    }

    @Test
    void selfSignedSignerIsNotTrusted() {
        Signer selfSigned = cert("Mallory").email(MAILER).selfSigned().signer();
        untrusted(VERIFY, signedMessage(MAILER, selfSigned), "path");
    }

    @Test
    void aRootCarriedInTheMessageIsNeverAnAnchor() {
        KeyPair rootKeys = SpoofKit.rsa(2048);
        // same name as the real root, own key: only the configured anchor counts, not what the message brings
        X509Certificate fakeRoot = cert("root").subjectDn(PKI.root().getSubjectX500Principal().getName())
                .keys(rootKeys).ca().selfSigned().build();
        Signer signer = cert("Mallory").email(MAILER).issuedBy(fakeRoot, rootKeys.getPrivate()).signer();
        String message = headers(MAILER) + signedEntity(ENTITY, signedData(bytes(ENTITY), false,
                List.of(signer.cert(), fakeRoot), null, signer));
        SmimeTrustException e = untrusted(VERIFY, message, "path");
        assertThat(e.getMessage()).contains("no valid certification path");
    }

    @Test
    void intermediatesComeFromTheMessageOrTheConfigurationInAnyOrder() throws Exception {
        Signer signer = cert("Mallory").email(MAILER).signer();
        String leafOnly = headers(MAILER) + signedEntity(ENTITY, signedData(bytes(ENTITY), false,
                List.of(signer.cert()), null, signer));
        untrusted(VERIFY, leafOnly, "path");
        assertTrusted(VERIFY + "&intermediateCertificates=" + PKI.path("intermediate.pem"), leafOnly);

        String shuffled = headers(MAILER) + signedEntity(ENTITY, signedData(bytes(ENTITY), false,
                List.of(PKI.root(), signer.cert(), PKI.intermediate()), null, signer));
        assertTrusted(VERIFY, shuffled);
    }

    @Test
    void expiredSignerFailsEvenWithASigningTimeInsideItsValidity() throws Exception {
        // an own long-lived CA, so that a validation time in the past is inside its validity
        KeyPair caKeys = SpoofKit.rsa(2048);
        X509Certificate oldRoot = cert("Old Root").keys(caKeys).ca().selfSigned()
                .validity(Instant.now().minus(Duration.ofDays(3650)), Instant.now().plus(Duration.ofDays(3650)))
                .build();
        Path anchor = Files.createTempFile("old-root", ".pem");
        Files.writeString(anchor, pem(oldRoot));
        String verify = "smime:verify?trustAnchors=" + anchor;
        Instant from = Instant.now().minus(Duration.ofDays(400));
        Instant to = Instant.now().minus(Duration.ofDays(30));
        Signer expired = cert("Mallory").email(MAILER).validity(from, to).issuedBy(oldRoot, caKeys.getPrivate())
                .signer();
        // the signer claims to have signed while the certificate was valid: signingTime is the signer's word
        Date backdated = Date.from(Instant.now().minus(Duration.ofDays(100)));
        String message = headers(MAILER) + signedEntity(ENTITY, signedData(bytes(ENTITY), false, expired.chain(),
                backdated, expired));
        SmimeTrustException e = untrusted(verify, message, "expired");
        assertThat(e.getMessage()).contains("expired on");

        // a configured trusted time inside the validity accepts it: that time is ours, not the signer's
        Instant trustedTime = Instant.now().minus(Duration.ofDays(100));
        assertTrusted(verify + "&validationTime=" + trustedTime, message);
        assertTrusted(verify + "&validationTime=" + trustedTime.getEpochSecond(), message);
    }

    static String pem(X509Certificate cert) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void notYetValidSignerFails() {
        Signer future = cert("Mallory").email(MAILER)
                .validity(Instant.now().plus(Duration.ofDays(10)), Instant.now().plus(Duration.ofDays(400)))
                .signer();
        untrusted(VERIFY, signedMessage(MAILER, future), "not-yet-valid");
    }

    @Test
    void expiredIntermediateIsNamed() {
        KeyPair caKeys = SpoofKit.rsa(2048);
        X509Certificate oldCa = cert("Old Intermediate").keys(caKeys).ca()
                .validity(Instant.now().minus(Duration.ofDays(900)), Instant.now().minus(Duration.ofDays(1)))
                .issuedBy(PKI.root(), PKI.rootKey()).build();
        Signer signer = cert("Mallory").email(MAILER).issuedBy(oldCa, caKeys.getPrivate()).signer();
        SmimeTrustException e = untrusted(VERIFY, signedMessage(MAILER, signer), "expired");
        assertThat(e.getMessage()).contains("Old Intermediate");
    }

    @Test
    void keyUsageWithoutDigitalSignatureOrNonRepudiationFails() {
        Signer encipherOnly = cert("Mallory").email(MAILER).keyUsage(KeyUsage.keyEncipherment).signer();
        untrusted(VERIFY, signedMessage(MAILER, encipherOnly), "key-usage");

        assertTrusted(VERIFY, signedMessage(MAILER, cert("Mallory").email(MAILER)
                .keyUsage(KeyUsage.nonRepudiation).signer()));
        assertTrusted(VERIFY, signedMessage(MAILER, cert("Mallory").email(MAILER).keyUsage(null).signer()));
    }

    @Test
    void extendedKeyUsageWithoutEmailProtectionFails() {
        Signer tlsServer = cert("Mallory").email(MAILER).extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).signer();
        untrusted(VERIFY, signedMessage(MAILER, tlsServer), "ext-key-usage");

        assertTrusted(VERIFY, signedMessage(MAILER, cert("Mallory").email(MAILER)
                .extendedKeyUsage(KeyPurposeId.anyExtendedKeyUsage).signer()));
        assertTrusted(VERIFY, signedMessage(MAILER, cert("Mallory").email(MAILER).extendedKeyUsage().signer()));
    }

    @Test
    void sha1SignaturesAreRefusedUnlessAllowed() {
        String message = signedMessage(MAILER, cert("Mallory").email(MAILER).signer().withAlgorithm("SHA1withRSA"));
        SmimeTrustException e = untrusted(VERIFY, message, "weak-algorithm");
        assertThat(e.getMessage()).contains("SHA-1");
        assertTrusted(VERIFY + "&allowSha1=true", message);
    }

    @Test
    void md5SignaturesAreAlwaysRefused() {
        String message = signedMessage(MAILER, cert("Mallory").email(MAILER).signer().withAlgorithm("MD5withRSA"));
        Exception e = failure(VERIFY + "&allowSha1=true", message);
        assertThat(e).isInstanceOf(SmimeTrustException.class).hasMessageContaining("MD5");
        assertThat(((SmimeException) e).getCheck()).isEqualTo("weak-algorithm");
    }

    @Test
    void certificatesSignedWithSha1AreRefusedUnlessAllowed() {
        String message = signedMessage(MAILER, cert("Mallory").email(MAILER).signedWith("SHA1withRSA").signer());
        untrusted(VERIFY, message, "weak-algorithm");
        assertTrusted(VERIFY + "&allowSha1=true", message);
    }

    @Test
    void rsaKeysUnder2048BitsAreRefusedUnlessConfigured() {
        String message = signedMessage(MAILER, cert("Mallory").email(MAILER).keys(SpoofKit.rsa(1024)).signer());
        SmimeTrustException e = untrusted(VERIFY, message, "weak-algorithm");
        assertThat(e.getMessage()).contains("1024-bit RSA key");
        assertTrusted(VERIFY + "&minimumRsaKeySize=1024", message);
    }

    @Test
    void dsaIsRefusedUnlessAllowed() throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("DSA");
        kpg.initialize(2048);
        String message = signedMessage(MAILER, cert("Mallory").email(MAILER).keys(kpg.generateKeyPair()).signer());
        untrusted(VERIFY, message, "weak-algorithm");
        assertTrusted(VERIFY + "&allowDsa=true", message);
    }

    @Test
    void reportOnlyListsEveryFailedCheckOfTheSigner() {
        Signer bad = cert("Mallory").email(MAILER).keyUsage(KeyUsage.keyEncipherment)
                .extendedKeyUsage(KeyPurposeId.id_kp_codeSigning).signedWith("SHA1withRSA").signer();
        Exchange reported = send(VERIFY + "&reportOnly=true", signedMessage(MAILER, bad));
        assertThat(reported.getMessage().getHeader(SmimeConstants.SIGNATURE_VALID, Boolean.class)).isTrue();
        assertThat(reported.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isFalse();
        assertThat(reported.getMessage().getHeader(SmimeConstants.FAILURE_REASON)).isEqualTo("untrusted");
        assertThat(reported.getMessage().getHeader(SmimeConstants.FAILURE_CHECK)).isEqualTo("key-usage");
        assertThat(onlySigner(reported).failedChecks())
                .containsExactlyInAnyOrder("key-usage", "ext-key-usage", "weak-algorithm");
        assertThat(reported.getMessage().getHeader(SmimeConstants.VERDICT, io.github.camelsmime.unwrap.Verdict.class)
                .toJson()).contains("\"failedChecks\":[\"key-usage\",\"ext-key-usage\",\"weak-algorithm\"]");
    }

    /** A certificate that arrives in a message never becomes an encryption certificate for its address. */
    @Test
    void aMessageCannotReplaceTheCertificateHeldForAnAddress() throws Exception {
        KeyPair impostorKeys = SpoofKit.rsa(2048);
        Signer impostor = cert("bob").email("bob@example.com").keys(impostorKeys).selfSigned().signer();
        Exchange seen = send("smime:unwrap?" + trust() + "&reportOnly=true",
                signedMessage("bob@example.com", impostor));
        assertThat(seen.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isFalse();

        Path dir = Files.createTempDirectory("recipients");
        Files.copy(Path.of(PKI.path("bob.pem")), dir.resolve("bob.pem"));
        Exchange encrypted = send("smime:encrypt?recipientCertificateDir=" + dir, bytes(MESSAGE));
        Exchange decrypted = send("smime:decrypt?" + decryptor("bob"), bodyOf(encrypted));
        assertThat(textOf(bodyOf(decrypted))).isEqualTo(textOf(MESSAGE));
    }
}

package io.github.camelsmime;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.camelsmime.unwrap.EmbeddedPart;
import io.github.camelsmime.unwrap.Verdict;
import io.github.camelsmime.verify.SignerResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shared corpus under the component's own policy (no relaxations): every negative row of the manifest, the rows
 * judged at a historical time (-attime), partial signing and the EFAIL structure, and the rows where the default
 * policy differs from OpenSSL's cryptographic answer (SHA-1, short keys, unsigned CBC content).
 * {@link CorpusInteropTest} checks the same messages as OpenSSL judges them.
 */
class CorpusPolicyTest extends SmimeTestSupport {

    private static final String TB = "thunderbird/smime/";
    private static final String BC = "bouncycastle/mail/";

    private static Path dir() {
        return Corpus.dir();
    }

    private static byte[] read(String path) throws Exception {
        return Files.readAllBytes(dir().resolve(path));
    }

    private static String anchor(String file) {
        return "trustAnchors=" + dir().resolve(file);
    }

    private static String bob() {
        return "decryptKeyStore=" + dir().resolve(TB + "Bob.p12") + "&decryptKeyStorePassword=nss";
    }

    private static <T extends SmimeException> T failsWith(Exception e, Class<T> type, String check) {
        assertThat(e).isInstanceOf(type);
        assertThat(((SmimeException) e).getCheck()).as(e.getMessage()).isEqualTo(check);
        return type.cast(e);
    }

    // ---- every negative row, under the default policy ----

    static Stream<Corpus.Row> negativeRows() {
        return Corpus.rows().stream().filter(r -> r.line() == 0 || isNegative(r));
    }

    private static boolean isNegative(Corpus.Row r) {
        String e = r.expected().toLowerCase(Locale.ROOT);
        return e.contains("invalid") || e.startsWith("untrusted") || e.startsWith("decrypt-fail")
                || e.startsWith("expired") || e.startsWith("not-yet-valid") || e.startsWith("revoked")
                || e.startsWith("bad-") || e.startsWith("inner decrypt-fail");
    }

    /**
     * Tampered, mismatched eContent, bare-LF, untrusted and wrong-key rows give the same typed failure under the
     * default policy as under OpenSSL's; the historical and structural rows are judged by the tests below.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("negativeRows")
    void negativeRowFailsUnderTheDefaultPolicy(Corpus.Row row) throws Exception {
        Path dir = dir();
        String expected = row.expected().toLowerCase(Locale.ROOT);
        assumeTrue(row.atTime() == null, "judged at its signing time: historicalValidatorMessage");
        assumeTrue(!expected.startsWith("inner decrypt-fail"), "OpenPGP wrapper: openPgpWrapperIsNotOpened");
        assumeTrue(!expected.contains("strict implementations"), "CEK length: cekLengthMismatchIsRefused");
        String uri = "smime:unwrap?" + CorpusInteropTest.options(dir, row);
        byte[] message = Files.readAllBytes(dir.resolve(row.path()));
        if (expected.contains("invalid")) {
            failsWith(failure(uri, message), SmimeSignatureException.class, "signature");
        } else if (expected.startsWith("untrusted")) {
            failsWith(failure(uri, message), SmimeTrustException.class, "path");
        } else if (expected.startsWith("decrypt-fail (not envelopeddata)")) {
            failsWith(failure(uri.replace("smime:unwrap", "smime:decrypt"), message), SmimeFormatException.class,
                    "not-encrypted");
        } else if (expected.startsWith("decrypt-fail")) {
            failsWith(failure(uri, message), SmimeDecryptionException.class, "decryption-failed");
        } else {
            throw new AssertionError("not a row for this test: " + row);
        }
    }

    // ---- Bouncy Castle's SignedMailValidator messages, at their signing time ----

    static Stream<Corpus.Row> validatorRows() {
        return Corpus.rows().stream().filter(r -> r.line() == 0 || r.path().startsWith(BC + "validator."));
    }

    /**
     * The 2006 messages validated at their signingTime (the manifest's -attime), with SHA-1 and 1024-bit RSA allowed
     * (the whole set uses them). Every signer certificate of the set is signed with MD5withRSA, which is never
     * accepted (forgeable, and refused by the JDK's path validation too): no message of the set is trusted, "valid"
     * ones included. Each still shows the check it was made for as the first failure, and lists weak-algorithm.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("validatorRows")
    void historicalValidatorMessage(Corpus.Row row) throws Exception {
        Path dir = dir();
        String expected = row.expected().toLowerCase(Locale.ROOT);
        String uri = "smime:verify?" + anchor(BC + "validator.root.crt") + "&validationTime=" + row.atTime()
                + "&allowSha1=true&minimumRsaKeySize=1024";
        if (expected.startsWith("revoked")) {
            uri += "&crlFiles=" + dir.resolve(BC + "validator.revoked.crl");
        }
        byte[] message = Files.readAllBytes(dir.resolve(row.path()));
        String check = expected.startsWith("expired") ? "expired"
                : expected.startsWith("not-yet-valid") ? "not-yet-valid"
                : expected.startsWith("bad-key-usage") ? "key-usage"
                : expected.startsWith("bad-ext-key-usage") ? "ext-key-usage"
                : expected.startsWith("revoked") ? "revoked"
                : "weak-algorithm";
        SmimeTrustException e = failsWith(failure(uri, message), SmimeTrustException.class, check);
        Exchange reported = send(uri + "&reportOnly=true", message);
        SignerResult signer = (SignerResult) reported.getMessage().getHeader(SmimeConstants.SIGNERS, List.class)
                .get(0);
        assertThat(signer.signatureValid()).isTrue();
        assertThat(signer.failedChecks()).contains(check, "weak-algorithm");
        assertThat(reported.getMessage().getHeader(SmimeConstants.FAILURE_MESSAGE, String.class)).contains("MD5");
        if (row.path().endsWith("shortKey.eml")) {
            // OpenSSL accepts the 512-bit key at its default security level; we never do
            assertThat(e.getMessage()).contains("512-bit RSA key");
        } else if (row.path().endsWith("noEmail.eml")) {
            // and a certificate without an e-mail address cannot vouch for From (RFC 8550 section 3)
            assertThat(signer.emailAddresses()).isEmpty();
            assertThat(reported.getMessage().getHeader(SmimeConstants.SENDER_CHECK)).isEqualTo("fail");
        } else if (expected.startsWith("revoked")) {
            assertThat(signer.revocation()).isEqualTo("revoked");
        } else if (expected.startsWith("valid")) {
            assertThat(reported.getMessage().getHeader(SmimeConstants.SENDER)).isEqualTo("arminha@student.ethz.ch");
            // validated now rather than at its signing time: the signer (validMail) or the root (longValidity, whose
            // leaf runs to 2106) has long expired
            failsWith(failure(uri.replaceFirst("&validationTime=\\d+", ""), message), SmimeTrustException.class,
                    "expired");
        }
    }

    private Exchange assertTrusted(String uri, byte[] message) {
        Exchange ok = send(uri, message);
        assertThat(ok.getMessage().getHeader(SmimeConstants.SIGNED, Boolean.class)).isTrue();
        assertThat(ok.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        return ok;
    }

    /** A real Thunderbird 24 mail (2013, SHA-1, StartCom): trusted only at its signing time and with SHA-1 allowed. */
    @Test
    void startComSignedMailAtItsSigningTime() throws Exception {
        byte[] message = read("mimekit/thunderbird-signed.txt");
        String uri = "smime:verify?" + anchor("mimekit/StartComCertificationAuthority.crt");
        failsWith(failure(uri, message), SmimeTrustException.class, "expired");
        failsWith(failure(uri + "&validationTime=1383424084", message), SmimeTrustException.class, "weak-algorithm");
        Exchange ok = assertTrusted(uri + "&validationTime=1383424084&allowSha1=true", message);
        assertThat(ok.getMessage().getHeader(SmimeConstants.SENDER)).isEqualTo("fejj@gnome.org");
    }

    // ---- policy where OpenSSL only checks the cryptography ----

    @Test
    void sha1SignaturesAreWeakByDefault() throws Exception {
        for (String file : List.of(TB + "alice.dsig.SHA1.multipart.eml", TB + "alice.sig.SHA1.opaque.eml")) {
            String uri = "smime:verify?" + anchor(TB + "TestCA.pem");
            failsWith(failure(uri, read(file)), SmimeTrustException.class, "weak-algorithm");
            assertTrusted(uri + "&allowSha1=true", read(file));
        }
        assertTrusted("smime:verify?" + anchor(TB + "TestCA.pem"), read(TB + "alice.dsig.SHA256.multipart.eml"));
    }

    /** Unsigned CBC content is refused by default; signed-then-encrypted CBC mail is accepted. */
    @Test
    void unsignedCbcMailIsRefusedSignedCbcMailIsAccepted() throws Exception {
        String unwrap = "smime:unwrap?" + bob() + "&" + anchor(TB + "TestCA.pem");
        SmimeDecryptionException e = failsWith(failure(unwrap, read(TB + "alice.env.eml")),
                SmimeDecryptionException.class, "decryption-failed");
        assertThat(e).hasMessage("Decryption failed");
        assertThat(bodyOf(send(unwrap + "&allowUnauthenticatedEncryption=true&requireSigned=false",
                read(TB + "alice.env.eml"))))
                .contains("This is a test message from Alice to Bob.");

        Exchange signedInside = send(unwrap, read(TB + "alice.sig.SHA256.opaque.env.eml"));
        assertThat(signedInside.getMessage().getHeader(SmimeConstants.LAYERS)).isEqualTo("encrypted,signed");
        assertThat(signedInside.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(signedInside.getMessage().getHeader(SmimeConstants.CONTENT_ENCRYPTION_ALGORITHM, String.class))
                .endsWith("CBC");

        // a signature over the ciphertext does not vouch for the plaintext
        failsWith(failure(unwrap, read(TB + "alice.env.sig.SHA256.opaque.eml")), SmimeDecryptionException.class,
                "decryption-failed");
    }

    /** Finding 2: a content-encryption key whose length does not fit AES-128/256 is refused (strict). */
    @Test
    void cekLengthMismatchIsRefused() throws Exception {
        String decrypt = "smime:decrypt?decryptPrivateKey=" + dir().resolve(BC + "key.pem") + "&decryptCertificate="
                + dir().resolve(BC + "cert.pem") + "&allowUnauthenticatedEncryption=true";
        assertThat(send(decrypt, read(BC + "test192.message")).getMessage()
                .getHeader(SmimeConstants.CONTENT_ENCRYPTION_ALGORITHM)).isEqualTo("AES-192-CBC");
        for (String file : List.of(BC + "test128.message", BC + "test256.message")) {
            failsWith(failure(decrypt, read(file)), SmimeDecryptionException.class, "decryption-failed");
        }
    }

    /** A bad outer signature over encrypted content is reported as what it is, not hidden by the CBC policy. */
    @Test
    void badOuterSignatureAroundEncryptedMail() throws Exception {
        String unwrap = "smime:unwrap?" + bob() + "&" + anchor(TB + "TestCA.pem");
        for (String file : List.of("thunderbird/smime-manual/alice.dsig.SHA256.multipart.env.dsig.eml",
                "thunderbird/smime-manual/outer-smime-bad-sig-inner-smime-enc-sig.eml")) {
            failsWith(failure(unwrap, read(file)), SmimeSignatureException.class, "signature");
            Exchange reported = send(unwrap + "&reportOnly=true", read(file));
            List<?> signers = reported.getMessage().getHeader(SmimeConstants.SIGNERS, List.class);
            assertThat(signers).hasSize(2);
            SignerResult outer = (SignerResult) signers.get(0);
            SignerResult inner = (SignerResult) signers.get(1);
            assertThat(outer.signatureValid()).isFalse();
            assertThat(inner.signatureValid()).isTrue();
            assertThat(inner.trusted()).isTrue();
            assertThat(bodyOf(reported)).isEqualTo(new String(read(file), StandardCharsets.ISO_8859_1));
        }
    }

    // ---- structure: partial signing, EFAIL, foreign wrappers ----

    /** Finding: a mailing list wraps a signed message into multipart/mixed; the message is not signed, part 1 is. */
    @Test
    void signedPartOfAMixedRootIsOnlyPartiallySigned() throws Exception {
        for (String file : List.of("thunderbird/browser-smime/alice.dsig.SHA256.multipart.in.mixed.eml",
                "thunderbird/browser-smime/alice.dsig.SHA256.multipart.in.mixed.with.header.eml")) {
            String trust = anchor(TB + "TestCA.pem");
            failsWith(failure("smime:verify?" + trust, read(file)), SmimeSignatureException.class,
                    "partially-signed");
            Exchange out = send("smime:unwrap?requireSigned=false&" + trust, read(file));
            assertThat(out.getMessage().getHeader(SmimeConstants.SIGNED, Boolean.class)).isFalse();
            assertThat(out.getMessage().getHeader(SmimeConstants.PARTIALLY_SIGNED, Boolean.class)).isTrue();
            Verdict verdict = out.getMessage().getHeader(SmimeConstants.VERDICT, Verdict.class);
            EmbeddedPart signedPart = verdict.parts().stream().filter(EmbeddedPart::isSigned).findFirst().orElseThrow();
            assertThat(signedPart.signatureValid()).isTrue();
            assertThat(signedPart.trusted()).isTrue();
            assertThat(out.getMessage().getHeader(SmimeConstants.SIGNED_PARTS, String.class))
                    .startsWith(signedPart.position());
        }
    }

    /** EFAIL: two encrypted parts inside an attacker's multipart/alternative are never decrypted as the message. */
    @Test
    void efailAlternativeIsNotDecryptedAsAMessage() throws Exception {
        byte[] efail = read("thunderbird/browser-smime/multipart-alternative.eml");
        Exchange out = send("smime:unwrap?requireSigned=false&" + bob(), efail);
        assertThat(out.getMessage().getHeader(SmimeConstants.ENCRYPTED, Boolean.class)).isFalse();
        assertThat(out.getMessage().getHeader(SmimeConstants.ENCRYPTED_PARTS)).isEqualTo("1,2");
        assertThat(bodyOf(out)).doesNotContain("SECRET-TEXT").doesNotContain("harmless looking");
        failsWith(failure("smime:decrypt?" + bob(), efail), SmimeFormatException.class, "not-encrypted");

        // each part on its own is a normal (unsigned, CBC) encrypted entity: refused by default, opened when allowed
        MimeMultipart parts = (MimeMultipart) new MimeMessage(null, new ByteArrayInputStream(efail)).getContent();
        String[] texts = { "Please reply to this harmless looking message", "SECRET-TEXT the attacker wants to steal" };
        for (int i = 0; i < 2; i++) {
            byte[] part = partBytes(parts.getBodyPart(i));
            failsWith(failure("smime:decrypt?" + bob(), part), SmimeDecryptionException.class, "decryption-failed");
            assertThat(bodyOf(send("smime:decrypt?" + bob() + "&allowUnauthenticatedEncryption=true", part)))
                    .contains(texts[i]);
        }
    }

    /** An OpenPGP multipart/signed around S/MIME: not an S/MIME layer; the S/MIME part inside is only reported. */
    @Test
    void openPgpWrapperIsNotOpened() throws Exception {
        for (String file : List.of("thunderbird/smime-manual/outer-pgp-sig-inner-smime-enc.eml",
                "thunderbird/smime-manual/outer-pgp-sig-inner-smime-enc-sig.eml")) {
            Exchange out = send("smime:unwrap?requireSigned=false&" + bob(), read(file));
            assertThat(out.getMessage().getHeader(SmimeConstants.LAYERS)).isEqualTo("");
            assertThat(out.getMessage().getHeader(SmimeConstants.ENCRYPTED_PARTS)).isEqualTo("1");
            failsWith(failure("smime:decrypt?" + bob(), read(file)), SmimeFormatException.class, "not-encrypted");
            MimeMultipart parts = (MimeMultipart) new MimeMessage(null, new ByteArrayInputStream(read(file)))
                    .getContent();
            // and the enveloped part inside is not for the shipped keys
            failsWith(failure("smime:decrypt?" + bob(), partBytes(parts.getBodyPart(0))),
                    SmimeDecryptionException.class, "decryption-failed");
        }
    }

    private static byte[] partBytes(BodyPart part) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        part.writeTo(out);
        return out.toByteArray();
    }
}

package io.github.camelsmime;

import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every listed algorithm survives its own round trip through the smime: endpoint, with a full verdict. */
class SmimeRoundTripTest extends SmimeTestSupport {

    static Stream<Arguments> signers() {
        return Stream.of(
                Arguments.of("alice", "SHA256withRSA", "SHA256withRSA"),
                Arguments.of("alice", "SHA384withRSA", "SHA384withRSA"),
                Arguments.of("alice", "SHA512withRSA", "SHA512withRSA"),
                Arguments.of("alice", "SHA256withRSAandMGF1", "SHA256withRSAandMGF1"),
                Arguments.of("alice", "SHA384withRSA/PSS", "SHA384withRSAandMGF1"),
                Arguments.of("alice", "RSASSA-PSS-SHA512", "SHA512withRSAandMGF1"),
                Arguments.of("carol", "", "SHA256withECDSA"),
                Arguments.of("dave", "", "SHA384withECDSA"),
                Arguments.of("erin", "", "Ed25519"));
    }

    @ParameterizedTest(name = "{0} {1} detached")
    @MethodSource("signers")
    void detachedSignatureVerifiesAndKeepsContent(String signer, String algorithm, String reported) {
        roundTrip(signer, algorithm, reported, true);
    }

    @ParameterizedTest(name = "{0} {1} opaque")
    @MethodSource("signers")
    void opaqueSignatureVerifiesAndKeepsContent(String signer, String algorithm, String reported) {
        roundTrip(signer, algorithm, reported, false);
    }

    private void roundTrip(String signer, String algorithm, String reported, boolean detached) {
        Exchange signed = send("smime:sign?" + signer(signer) + "&signatureAlgorithm=" + algorithm + "&detached="
                + detached, bytes(messageFrom(signer)));
        String wire = bodyOf(signed);
        assertThat(wire).startsWith("From: " + signer + "@example.com\r\n").contains("Subject: Quarterly report");
        if (detached) {
            assertThat(wire).contains("multipart/signed").contains("protocol=\"application/pkcs7-signature\"");
        } else {
            assertThat(wire).contains("application/pkcs7-mime").contains("smime-type=signed-data");
        }

        Exchange verified = send("smime:verify?" + trust(), wire);
        assertThat(verified.getMessage().getHeader(SmimeConstants.SIGNED, Boolean.class)).isTrue();
        assertThat(verified.getMessage().getHeader(SmimeConstants.SIGNATURE_VALID, Boolean.class)).isTrue();
        assertThat(verified.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(verified.getMessage().getHeader(SmimeConstants.LAYERS, String.class)).isEqualTo("signed");
        java.util.List<?> signers = verified.getMessage().getHeader(SmimeConstants.SIGNERS, java.util.List.class);
        assertThat(signers).hasSize(1);
        io.github.camelsmime.verify.SignerResult s = (io.github.camelsmime.verify.SignerResult) signers.get(0);
        assertThat(s.emailAddresses()).containsExactly(signer + "@example.com");
        assertThat(s.signatureAlgorithm()).isEqualTo(reported);
        assertThat(s.signingTime()).isNotNull();
        String opened = bodyOf(verified);
        assertThat(opened).contains("Subject: Quarterly report");
        assertThat(textOf(opened)).isEqualTo(textOf(MESSAGE));
    }

    static Stream<Arguments> encryptions() {
        return Stream.of(
                Arguments.of("bob", "AES_256_GCM", "RSA_OAEP_SHA256", "AES-256-GCM"),
                Arguments.of("bob", "AES_128_GCM", "RSA_OAEP_SHA256", "AES-128-GCM"),
                Arguments.of("bob", "CHACHA20_POLY1305", "RSA_OAEP_SHA256", "ChaCha20-Poly1305"),
                Arguments.of("bob", "AES_256_CBC", "RSA_PKCS1", "AES-256-CBC"),
                Arguments.of("bob", "AES_192_CBC", "RSA_PKCS1", "AES-192-CBC"),
                Arguments.of("bob", "AES_128_CBC", "RSA_OAEP_SHA256", "AES-128-CBC"),
                Arguments.of("carol", "AES_256_GCM", "RSA_OAEP_SHA256", "AES-256-GCM"),
                Arguments.of("dave", "AES_128_GCM", "RSA_OAEP_SHA256", "AES-128-GCM"),
                Arguments.of("xavier", "AES_256_GCM", "RSA_OAEP_SHA256", "AES-256-GCM"));
    }

    @ParameterizedTest(name = "{1} to {0} with {2}")
    @MethodSource("encryptions")
    void encryptedMessageDecryptsForItsRecipient(String recipient, String algorithm, String keyEncryption,
            String reported) {
        Exchange encrypted = send("smime:encrypt?" + recipient(recipient) + "&encryptionAlgorithm=" + algorithm
                + "&keyEncryptionAlgorithm=" + keyEncryption, bytes(MESSAGE));
        // unsigned CBC content is refused unless allowed explicitly (see DecryptionHardeningTest)
        String cbc = reported.endsWith("CBC") ? "&allowUnauthenticatedEncryption=true" : "";
        String wire = bodyOf(encrypted);
        assertThat(wire).contains("application/pkcs7-mime").doesNotContain("Quarterly figures");
        assertThat(wire).contains(reported.endsWith("CBC") ? "smime-type=enveloped-data"
                : "smime-type=authEnveloped-data");

        Exchange decrypted = send("smime:decrypt?" + decryptor(recipient) + cbc, wire);
        assertThat(decrypted.getMessage().getHeader(SmimeConstants.ENCRYPTED, Boolean.class)).isTrue();
        assertThat(decrypted.getMessage().getHeader(SmimeConstants.CONTENT_ENCRYPTION_ALGORITHM)).isEqualTo(reported);
        assertThat(bodyOf(decrypted)).contains("Subject: Quarterly report");
        assertThat(textOf(bodyOf(decrypted))).isEqualTo(textOf(MESSAGE));
    }

    @ParameterizedTest(name = "sign-encrypt by {0} unwraps")
    @MethodSource("signers")
    void signEncryptUnwrapsToTrustedContent(String signer, String algorithm, String reported) {
        Exchange out = send("smime:sign-encrypt?" + signer(signer) + "&signatureAlgorithm=" + algorithm + "&"
                + recipient("bob"), bytes(messageFrom(signer)));
        Exchange opened = send("smime:unwrap?" + decryptor("bob") + "&" + trust(), bodyOf(out));
        assertThat(opened.getMessage().getHeader(SmimeConstants.LAYERS)).isEqualTo("encrypted,signed");
        assertThat(opened.getMessage().getHeader(SmimeConstants.SIGNED, Boolean.class)).isTrue();
        assertThat(opened.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(textOf(bodyOf(opened))).isEqualTo(textOf(MESSAGE));
    }

    @org.junit.jupiter.api.Test
    void compressedMessageInflatesBack() {
        String big = MESSAGE + "x".repeat(100_000) + "\r\n";
        Exchange out = send("smime:compress", bytes(big));
        String wire = bodyOf(out);
        assertThat(wire).contains("smime-type=compressed-data");
        assertThat(wire.length()).isLessThan(big.length() / 10);
        Exchange opened = send("smime:unwrap?requireSigned=false", wire);
        assertThat(opened.getMessage().getHeader(SmimeConstants.LAYERS)).isEqualTo("compressed");
        assertThat(textOf(bodyOf(opened))).isEqualTo(textOf(big));
    }
}

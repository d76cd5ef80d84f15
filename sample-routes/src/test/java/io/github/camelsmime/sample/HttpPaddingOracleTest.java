package io.github.camelsmime.sample;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.BEROctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static io.github.camelsmime.sample.HttpApi.bytes;
import static io.github.camelsmime.sample.HttpApi.problem;
import static io.github.camelsmime.sample.HttpApi.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The padding-oracle attack on {@code /smime/decrypt}: CBC ciphertext for bob (made by openssl, as an attacker
 * would) is modified block by block and posted. Every decryption failure, whatever step failed (padding, garbled
 * plaintext, wrong key, GCM tag, unauthenticated CBC content refused), must answer the same status, title and detail.
 */
class HttpPaddingOracleTest {

    private static final int BLOCK = 16;

    @TempDir
    static Path work;
    @RegisterExtension
    static final HttpApi api = new HttpApi(Map.of());

    /** A CBC EnvelopedData for {@code user} from openssl, as DER. */
    private static byte[] opensslCbc(String user) throws Exception {
        Path plain = work.resolve("plain.txt");
        Files.writeString(plain, "Content-Type: text/plain\r\n\r\n"
                + "The secret numbers are 17, 42 and 4711. Do not tell anyone about them, please.\r\n");
        Path out = work.resolve("cbc-" + user + ".der");
        Openssl.run(work, "cms", "-encrypt", "-binary", "-aes-128-cbc", "-in", plain.toString(), "-outform", "DER",
                "-out", out.toString(), api.gateway().pki(user + ".pem").toString());
        return Files.readAllBytes(out);
    }

    /** The CMS inside an application/pkcs7-mime message from the gateway. */
    private static byte[] cmsOf(byte[] message) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message));
        return m.getInputStream().readAllBytes();
    }

    private static byte[] asMessage(byte[] cms, boolean authenticated) {
        return ("MIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type="
                + (authenticated ? "authEnveloped-data" : "enveloped-data") + "; name=smime.p7m\r\n"
                + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=smime.p7m\r\n\r\n"
                + Base64.getMimeEncoder(76, bytes("\r\n")).encodeToString(cms) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The EnvelopedData with its ciphertext changed by {@code change}. */
    private static byte[] withCiphertext(byte[] cms, UnaryOperator<byte[]> change) throws Exception {
        EnvelopedData ed = EnvelopedData.getInstance(
                ContentInfo.getInstance(ASN1Primitive.fromByteArray(cms)).getContent());
        EncryptedContentInfo eci = ed.getEncryptedContentInfo();
        byte[] ciphertext = change.apply(eci.getEncryptedContent().getOctets().clone());
        EncryptedContentInfo changed = new EncryptedContentInfo(eci.getContentType(),
                eci.getContentEncryptionAlgorithm(), new BEROctetString(ciphertext));
        return new ContentInfo(CMSObjectIdentifiers.envelopedData, new EnvelopedData(ed.getOriginatorInfo(),
                ed.getRecipientInfos(), changed, ed.getUnprotectedAttrs())).getEncoded("DER");
    }

    /** The AuthEnvelopedData with one bit of its tag flipped. */
    private static byte[] withBadTag(byte[] cms) throws Exception {
        AuthEnvelopedData ad = AuthEnvelopedData.getInstance(
                ContentInfo.getInstance(ASN1Primitive.fromByteArray(cms)).getContent());
        byte[] mac = ad.getMac().getOctets().clone();
        mac[mac.length - 1] ^= 1;
        return new ContentInfo(CMSObjectIdentifiers.authEnvelopedData, new AuthEnvelopedData(ad.getOriginatorInfo(),
                ad.getRecipientInfos(), ad.getAuthEncryptedContentInfo(), ad.getAuthAttrs(), new DEROctetString(mac),
                ad.getUnauthAttrs())).getEncoded("DER");
    }

    private static String answer(byte[] message) throws Exception {
        HttpResponse<byte[]> r = api.post("/smime/decrypt", "message/rfc822", message);
        return r.statusCode() + " " + r.headers().firstValue("Content-Type").orElse("") + " " + text(r);
    }

    @Test
    void everyDecryptionFailureLooksTheSame() throws Exception {
        byte[] cbc = opensslCbc("bob");
        int last = EnvelopedData.getInstance(ContentInfo.getInstance(ASN1Primitive.fromByteArray(cbc)).getContent())
                .getEncryptedContentInfo().getEncryptedContent().getOctets().length;
        assertThat(last % BLOCK).isZero();
        assertThat(last).isGreaterThanOrEqualTo(3 * BLOCK);

        Map<String, String> answers = new LinkedHashMap<>();
        // the attack: every value of the last byte of the second-to-last block (one of them makes valid padding)
        for (int guess = 0; guess < 256; guess++) {
            int g = guess;
            byte[] forged = withCiphertext(cbc, c -> {
                c[c.length - BLOCK - 1] = (byte) g;
                return c;
            });
            answers.merge(answer(asMessage(forged, false)), "guess " + guess, (a, b) -> a + "," + b);
        }
        answers.merge(answer(asMessage(cbc, false)), "unsigned CBC as sent", (a, b) -> a + "," + b);
        answers.merge(answer(asMessage(withCiphertext(cbc, c -> {
            c[3] ^= 0x55;
            return c;
        }), false)), "garbled first block", (a, b) -> a + "," + b);
        answers.merge(answer(asMessage(withCiphertext(cbc, c -> Arrays.copyOf(c, c.length - 5)), false)),
                "not a whole block", (a, b) -> a + "," + b);
        answers.merge(answer(asMessage(withCiphertext(cbc, c -> Arrays.copyOf(c, c.length - BLOCK)), false)),
                "last block cut", (a, b) -> a + "," + b);
        answers.merge(answer(asMessage(opensslCbc("alice"), false)), "wrong key", (a, b) -> a + "," + b);

        HttpResponse<byte[]> gcm = api.post("/smime/encrypt?to=bob%40example.com", "text/plain",
                bytes("for Bob's eyes only\r\n"));
        assertThat(gcm.statusCode()).as(text(gcm)).isEqualTo(200);
        answers.merge(answer(asMessage(withBadTag(cmsOf(gcm.body())), true)), "bad GCM tag", (a, b) -> a + "," + b);

        assertThat(answers).as("answers to the attack").hasSize(1);
        String only = answers.keySet().iterator().next();
        assertThat(only).startsWith("422 application/problem+json");
    }

    @Test
    void theProblemNamesNoStep() throws Exception {
        byte[] cbc = opensslCbc("bob");
        HttpResponse<byte[]> r = api.post("/smime/decrypt", "message/rfc822", asMessage(withCiphertext(cbc, c -> {
            c[c.length - 1] ^= 1;
            return c;
        }), false));
        var p = problem(r, 422);
        assertThat(p.getString("reason")).isEqualTo("decryption-failed");
        assertThat(p.getString("detail").toLowerCase()).doesNotContain("padding").doesNotContain("block")
                .doesNotContain("tag").doesNotContain("key");
    }
}

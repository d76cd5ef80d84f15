package io.github.camelsmime.sample;

import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelsmime.sample.HttpApi.bytes;
import static io.github.camelsmime.sample.HttpApi.problem;
import static io.github.camelsmime.sample.HttpApi.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed message stuffed with thousands of look-alike CA certificates (the path search used to try them all: 3,000
 * took about 40 s and ended in 200) is refused by the component's certificate limit instead of tying up a thread.
 */
class HttpCertificateFloodTest {

    @RegisterExtension
    static final HttpApi api = new HttpApi(Map.of());

    @Test
    void thousandsOfJunkCertificatesAreRefusedQuickly() throws Exception {
        HttpResponse<byte[]> signed = api.post("/smime/sign", "text/plain", bytes("Hello Bob\r\n"));
        MimeMessage message = HttpApi.message(signed);
        String boundary = new ContentType(message.getContentType()).getParameter("boundary");
        String raw = text(signed);
        int signaturePart = raw.indexOf("--" + boundary, raw.indexOf("--" + boundary) + 1);
        int bodyStart = raw.indexOf("\r\n\r\n", signaturePart) + 4;
        int bodyEnd = raw.indexOf("\r\n--" + boundary, bodyStart);
        byte[] der = Base64.getMimeDecoder().decode(raw.substring(bodyStart, bodyEnd));
        String stuffed = raw.substring(0, bodyStart)
                + Base64.getMimeEncoder(76, bytes("\r\n")).encodeToString(withJunkCertificates(der, 3000))
                + raw.substring(bodyEnd);
        assertThat(((MimeMultipart) message.getContent()).getCount()).isEqualTo(2);

        HttpResponse<byte[]> r = api.send(api.request("/smime/verify").timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + GatewayHarness.TOKEN).header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(stuffed))).build());
        assertThat(r.statusCode()).as(text(r)).isIn(413, 422);
        problem(r, r.statusCode());
    }

    /** The SignedData with {@code count} look-alike CA certificates added: same issuer name, other keys. */
    private static byte[] withJunkCertificates(byte[] der, int count) throws Exception {
        SignedData sd = SignedData.getInstance(ContentInfo.getInstance(ASN1Primitive.fromByteArray(der)).getContent());
        X509CertificateHolder signer = null;
        ASN1EncodableVector certs = new ASN1EncodableVector();
        for (ASN1Encodable c : sd.getCertificates()) {
            certs.add(c);
            X509CertificateHolder holder = new X509CertificateHolder(c.toASN1Primitive().getEncoded());
            if (!holder.getSubject().equals(holder.getIssuer())) {
                signer = holder;
            }
        }
        assertThat(signer).isNotNull();
        X500Name ca = signer.getIssuer();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair junk = generator.generateKeyPair();
        ContentSigner signs = new JcaContentSignerBuilder("SHA256withECDSA").build(junk.getPrivate());
        Date from = new Date(System.currentTimeMillis() - 86_400_000L);
        Date to = new Date(System.currentTimeMillis() + 86_400_000L);
        for (int i = 0; i < count; i++) {
            certs.add(new JcaX509v3CertificateBuilder(ca, BigInteger.valueOf(1000 + i), from, to, ca, junk.getPublic())
                    .build(signs).toASN1Structure());
        }
        SignedData stuffed = new SignedData(sd.getDigestAlgorithms(), sd.getEncapContentInfo(), new DERSet(certs),
                sd.getCRLs(), sd.getSignerInfos());
        return new ContentInfo(ContentInfo.getInstance(ASN1Primitive.fromByteArray(der)).getContentType(), stuffed)
                .getEncoded("DER");
    }
}

package io.github.camelsmime.bench;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import io.github.camelsmime.SmimeDecryptionException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The timing classes of decryption failures (issue 8, padding oracle): every way a 4 KiB message for the RSA-2048
 * recipient can fail to decrypt, through {@code smime:unwrap} with {@code requireSigned=true}. The component gives all
 * of them the same {@link SmimeDecryptionException} (PaddingOracleTest); this measures whether they also take the same
 * time. Each invocation sends the message and receives the failed exchange; setup checks that each case really fails
 * with that exception.
 *
 * <ul>
 *   <li>{@code validPaddingGarbage}: AES-128-CBC EnvelopedData of a signed entity, the second-to-last block changed so
 *       that the last plaintext byte becomes 0x01: valid padding over a garbled block.</li>
 *   <li>{@code invalidPadding}: the same, the last plaintext byte becomes 0x00.</li>
 *   <li>{@code garbledBlock}: the same, a ciphertext block in the middle flipped: one block of the signed body
 *       decrypts to junk (and one byte of the next changes), the padding stays valid.</li>
 *   <li>{@code wrongKey}: a genuine signed AES-256-GCM message, decrypted with another RSA-2048 private key (the
 *       recipient's certificate, the RSA signer's key); the other cases use the recipient's own key, from a PEM file
 *       as well.</li>
 *   <li>{@code badGcmTag}: a genuine signed AES-256-GCM message with one bit of its tag flipped.</li>
 *   <li>{@code unsignedCbcIntact}: AES-128-CBC EnvelopedData of the unsigned entity, untouched: decrypts, then is
 *       refused as unauthenticated CBC.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DecryptionFailureBenchmark {

    @Param({"validPaddingGarbage", "invalidPadding", "garbledBlock", "wrongKey", "badGcmTag", "unsignedCbcIntact"})
    public String failure;

    private BenchPki pki;
    private Path rightKeyPem;
    private Path wrongKeyPem;
    private CamelContext camel;
    private ProducerTemplate template;
    private String endpoint;
    private byte[] message;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        pki = BenchPki.create();
        // both routes take their key the same way (a PEM file), so that only the key differs between them
        rightKeyPem = pkcs8Pem(pki.recipient());
        wrongKeyPem = pkcs8Pem(pki.signer(BenchPki.Signer.rsa2048));
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the default error handler would log every failure with its stack trace and measure the logging
                errorHandler(noErrorHandler());
                from("direct:signEncrypt").to("smime:sign-encrypt?" + pki.signerOptions(BenchPki.Signer.rsa2048)
                        + "&" + pki.recipientOptions() + "&encryptionAlgorithm=AES_256_GCM");
                from("direct:sign").to("smime:sign?" + pki.signerOptions(BenchPki.Signer.rsa2048));
                from("direct:unwrap").to(unwrapUri(rightKeyPem));
                from("direct:unwrapWrongKey").to(unwrapUri(wrongKeyPem));
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
        byte[] entity = Payloads.entity("4k");
        endpoint = "wrongKey".equals(failure) ? "direct:unwrapWrongKey" : "direct:unwrap";
        message = switch (failure) {
            case "validPaddingGarbage" -> tamperedCbc(call("direct:sign", entity), Tamper.VALID_PADDING);
            case "invalidPadding" -> tamperedCbc(call("direct:sign", entity), Tamper.INVALID_PADDING);
            case "garbledBlock" -> tamperedCbc(call("direct:sign", entity), Tamper.MIDDLE_BLOCK);
            case "wrongKey" -> call("direct:signEncrypt", entity);
            case "badGcmTag" -> badTag(call("direct:signEncrypt", entity));
            case "unsignedCbcIntact" -> tamperedCbc(entity, Tamper.NONE);
            default -> throw new IllegalArgumentException("unknown failure class " + failure);
        };
        Exception e = template.request(endpoint, x -> x.getIn().setBody(message)).getException();
        if (!(e instanceof SmimeDecryptionException d) || !"decryption-failed".equals(d.getReason())) {
            throw new IllegalStateException(failure + " does not fail as a uniform decryption failure", e);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        camel.close();
        pki.close();
        Files.deleteIfExists(rightKeyPem);
        Files.deleteIfExists(wrongKeyPem);
    }

    /** {@code smime:unwrap} for the recipient's certificate with {@code key}, trusting the CA, signature required. */
    private String unwrapUri(Path key) {
        return "smime:unwrap?decryptCertificate=" + BenchPki.uri(pki.recipient().pem()) + "&decryptPrivateKey="
                + BenchPki.uri(key) + "&" + pki.trustOptions() + "&requireSigned=true";
    }

    @Benchmark
    public void unwrap(Blackhole bh) {
        Exchange exchange = template.request(endpoint, x -> x.getIn().setBody(message));
        bh.consume(exchange.getException());
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Changes to the CBC ciphertext {@code c} whose plaintext ends with {@code pad} bytes of padding. */
    private enum Tamper {
        NONE, VALID_PADDING, INVALID_PADDING, MIDDLE_BLOCK;

        void apply(byte[] c, int pad) {
            switch (this) {
                case VALID_PADDING -> c[c.length - 17] ^= (byte) (pad ^ 0x01);
                case INVALID_PADDING -> c[c.length - 17] ^= (byte) pad;
                case MIDDLE_BLOCK -> c[c.length / 2 & ~15] ^= (byte) 0xff;
                case NONE -> { }
            }
        }
    }

    /** AES-128-CBC EnvelopedData of {@code plaintext} for the recipient, changed by {@code tamper}, as a message. */
    private byte[] tamperedCbc(byte[] plaintext, Tamper tamper) throws Exception {
        CMSEnvelopedDataGenerator gen = new CMSEnvelopedDataGenerator();
        gen.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(pki.recipient().cert()));
        byte[] cms = gen.generate(new CMSProcessableByteArray(plaintext),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_CBC).build()).getEncoded();
        ContentInfo ci = ContentInfo.getInstance(ASN1Primitive.fromByteArray(cms));
        EnvelopedData ed = EnvelopedData.getInstance(ci.getContent());
        EncryptedContentInfo eci = ed.getEncryptedContentInfo();
        byte[] c = eci.getEncryptedContent().getOctets();
        tamper.apply(c, 16 - plaintext.length % 16);
        EnvelopedData changed = new EnvelopedData(ed.getOriginatorInfo(), ed.getRecipientInfos(),
                new EncryptedContentInfo(eci.getContentType(), eci.getContentEncryptionAlgorithm(),
                        new DEROctetString(c)), ed.getUnprotectedAttrs());
        return message("enveloped-data", new ContentInfo(ci.getContentType(), changed).getEncoded(ASN1Encoding.DER));
    }

    /** The AuthEnvelopedData of a sign-encrypt output with one bit of its tag flipped, as a message. */
    private static byte[] badTag(byte[] signedEncrypted) throws Exception {
        String text = new String(signedEncrypted, StandardCharsets.US_ASCII);
        String body = text.substring(text.indexOf("\r\n\r\n") + 4);
        ContentInfo ci = ContentInfo.getInstance(ASN1Primitive.fromByteArray(Base64.getMimeDecoder().decode(body)));
        AuthEnvelopedData aed = AuthEnvelopedData.getInstance(ci.getContent());
        byte[] mac = aed.getMac().getOctets();
        mac[0] ^= 1;
        AuthEnvelopedData changed = new AuthEnvelopedData(aed.getOriginatorInfo(), aed.getRecipientInfos(),
                aed.getAuthEncryptedContentInfo(), aed.getAuthAttrs(), new DEROctetString(mac), aed.getUnauthAttrs());
        return message("authEnveloped-data", new ContentInfo(ci.getContentType(), changed)
                .getEncoded(ASN1Encoding.DER));
    }

    private static byte[] message(String smimeType, byte[] cms) {
        return ("From: signer-rsa@bench.example\r\nTo: recipient@bench.example\r\nSubject: bench\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: application/pkcs7-mime; smime-type=" + smimeType + "; name=smime.p7m\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=smime.p7m\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(cms) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static Path pkcs8Pem(BenchPki.Identity identity) throws IOException {
        Path pem = Files.createTempFile("camel-smime-bench-wrong-key-", ".pem");
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new PemObject("PRIVATE KEY", identity.key().getEncoded()));
        }
        Files.writeString(pem, text.toString());
        return pem;
    }

    private byte[] call(String endpoint, byte[] body) throws Exception {
        Exchange exchange = template.request(endpoint, x -> x.getIn().setBody(body));
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        return exchange.getMessage().getBody(byte[].class);
    }
}

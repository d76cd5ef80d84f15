package io.github.camelsmime.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
 * Resource limits of the HTTP API under hostile input: a huge chunked upload is cut off at the body limit, idle
 * connections are closed, and a message stuffed with junk certificates is refused instead of tying up a thread.
 */
class HttpLimitsTest {

    private static final int LIMIT = 4 * 1024 * 1024;
    private static final long FIVE_GIB = 5L << 30;

    @RegisterExtension
    static final HttpApi api = new HttpApi(Map.of("http.max.body.size", String.valueOf(LIMIT),
                "http.idle.timeout", "1"));

    /** Reads one response head (status line and headers) byte by byte, so nothing after it is consumed. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** A raw connection with an authorized text/plain POST to sign: its head, the header given, then {@code start}. */
    private static Socket postHead(String lengthHeader, String start) throws IOException {
        Socket socket = new Socket("127.0.0.1", api.gateway().httpPort());
        socket.setSoTimeout(60_000);
        socket.getOutputStream().write(("POST /smime/sign HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + GatewayHarness.TOKEN + "\r\nContent-Type: text/plain\r\n" + lengthHeader + "\r\n\r\n" + start)
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    @Test
    void aHugeChunkedUploadIsCutOffAtTheLimit() throws Exception {
        try (Socket socket = postHead("Transfer-Encoding: chunked", "")) {
            OutputStream out = socket.getOutputStream();
            AtomicLong sent = new AtomicLong();
            // 5 GiB announced as a stream of 64 KiB chunks; past 1 GiB the server obviously still reads: give up
            CompletableFuture<IOException> writer = CompletableFuture.supplyAsync(() -> {
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) 'a');
                byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    while (sent.get() < FIVE_GIB && sent.get() < (1L << 30)) {
                        out.write(size);
                        out.write(chunk);
                        out.write('\r');
                        out.write('\n');
                        sent.addAndGet(chunk.length);
                    }
                    return null;
                } catch (IOException e) {
                    return e;
                }
            });
            String head = readHead(socket.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/problem+json");
            IOException stopped = writer.get(120, TimeUnit.SECONDS);
            assertThat(stopped).as("the server closed the connection; sent " + sent.get()).isNotNull();
            assertThat(sent.get()).isLessThan(LIMIT + 64L * 1024 * 1024);
        }
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        for (String partial : new String[] {"", "POST /smime/sign HTTP/1.1\r\nHost: 127.0.0.1\r\n"}) {
            try (Socket socket = new Socket("127.0.0.1", api.gateway().httpPort())) {
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                int read;
                try {
                    read = socket.getInputStream().read();
                } catch (java.net.SocketException reset) {
                    read = -1;
                }
                assertThat(read).as("closed after '" + partial.trim() + "'").isEqualTo(-1);
            }
        }
    }

    @Test
    void aSlowUploadIsClosedWhenItStalls() throws Exception {
        try (Socket socket = postHead("Content-Length: 1000", "only a few bytes")) {
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).doesNotContain("HTTP/1.1 200");
        }
    }

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

        HttpResponse<byte[]> r = api.send(api.request("/smime/verify").timeout(java.time.Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + GatewayHarness.TOKEN).header("Content-Type", "message/rfc822")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes(stuffed))).build());
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

package io.github.camelsmime;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.camel.Exchange;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.camelsmime.SpoofKit.Signer;
import io.github.camelsmime.verify.SignerResult;

import static io.github.camelsmime.SpoofKit.cert;
import static io.github.camelsmime.SpoofKit.crl;
import static io.github.camelsmime.SpoofKit.signedMessage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocation: configured CRL files and folders are always consulted; CRL distribution points and OCSP only when
 * switched on, with a deadline and a cache. A local HTTP server stands in for the CA and counts every request.
 */
class RevocationTest extends SmimeTestSupport {

    private static final String VERIFY = "smime:verify?" + trust();
    private static final String FROM = "mallory@example.com";
    private static HttpServer server;
    private static String base;
    private static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();
    /** What the OCSP responder answers per serial: null good, a date revoked; unknown serials are "unknown". */
    private static final Map<BigInteger, Object> OCSP_STATUS = new ConcurrentHashMap<>();
    private static volatile byte[] servedCrl;
    private static volatile PrivateKey ocspSigningKey = PKI.intermediateKey();

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ca.crl", exchange -> respond(exchange, servedCrl, "application/pkix-crl"));
        server.createContext("/ocsp", RevocationTest::ocsp);
        server.createContext("/slow", exchange -> {
            count(exchange);
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, new byte[0], "application/ocsp-response");
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    private static void count(HttpExchange exchange) {
        HITS.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new AtomicInteger()).incrementAndGet();
    }

    private static int hits(String path) {
        return HITS.getOrDefault(path, new AtomicInteger()).get();
    }

    private static void respond(HttpExchange exchange, byte[] body, String type) throws IOException {
        count(exchange);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void ocsp(HttpExchange exchange) throws IOException {
        try {
            OCSPReq request = new OCSPReq(exchange.getRequestBody().readAllBytes());
            X509Certificate issuer = PKI.intermediate();
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(
                    X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded())));
            Date now = new Date();
            for (Req req : request.getRequestList()) {
                BigInteger serial = req.getCertID().getSerialNumber();
                Object status = OCSP_STATUS.get(serial);
                CertificateStatus answer = !OCSP_STATUS.containsKey(serial)
                        ? new org.bouncycastle.cert.ocsp.UnknownStatus()
                        : status instanceof Date revoked ? new RevokedStatus(revoked, 1) : CertificateStatus.GOOD;
                builder.addResponse(req.getCertID(), answer, now, new Date(now.getTime() + 3_600_000), null);
            }
            BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(SpoofKit.BC)
                    .build(ocspSigningKey), new JcaX509CertificateHolder[] { new JcaX509CertificateHolder(issuer) },
                    now);
            respond(exchange, new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded(),
                    "application/ocsp-response");
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static Path write(X509CRL... crls) throws Exception {
        Path file = Files.createTempFile("revocation", ".crl");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (X509CRL c : crls) {
                out.write(("-----BEGIN X509 CRL-----\n" + java.util.Base64.getMimeEncoder().encodeToString(
                        c.getEncoded()) + "\n-----END X509 CRL-----\n").getBytes());
            }
        }
        return file;
    }

    /** The root's (empty) CRL: the intermediate's status, needed for a whole path to read "good". */
    private static Path rootCrl() throws Exception {
        return write(crl(PKI.root(), PKI.rootKey(), Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(7)), Instant.now()));
    }

    private static X509CRL intermediateCrl(Instant revokedAt, BigInteger... serials) {
        return crl(PKI.intermediate(), PKI.intermediateKey(), Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(7)), revokedAt, serials);
    }

    private SignerResult signer(Exchange exchange) {
        return (SignerResult) exchange.getMessage().getHeader(SmimeConstants.SIGNERS, List.class).get(0);
    }

    private void assertRevoked(String uri, String message) {
        Exception e = failure(uri, message);
        assertThat(e).isInstanceOf(SmimeTrustException.class).hasMessageContaining("revoked on");
        assertThat(((SmimeException) e).getCheck()).isEqualTo("revoked");
    }

    @Test
    void crlFileRevokesTheSigner() throws Exception {
        Signer signer = cert("Mallory").email(FROM).signer();
        Instant revokedAt = Instant.now().minus(Duration.ofHours(2));
        Path crl = write(intermediateCrl(revokedAt, signer.cert().getSerialNumber()));
        assertRevoked(VERIFY + "&crlFiles=" + crl, signedMessage(FROM, signer));

        Exchange reported = send(VERIFY + "&crlFiles=" + crl + "&reportOnly=true", signedMessage(FROM, signer));
        assertThat(signer(reported).revocation()).isEqualTo("revoked");
        assertThat(signer(reported).failedChecks()).containsExactly("revoked");

        // a validation time before the revocation: not revoked at that time
        Exchange before = send(VERIFY + "&crlFiles=" + crl + "," + rootCrl() + "&validationTime="
                + revokedAt.minus(Duration.ofHours(1)), signedMessage(FROM, signer));
        assertThat(signer(before).revocation()).isEqualTo("good");
    }

    @Test
    void crlFolderAndGoodStatus() throws Exception {
        Signer revoked = cert("Mallory").email(FROM).signer();
        Signer good = cert("Mallory").email(FROM).signer();
        Path dir = Files.createTempDirectory("crls");
        Files.copy(write(intermediateCrl(Instant.now().minus(Duration.ofDays(1)), revoked.cert().getSerialNumber())),
                dir.resolve("intermediate.crl"));
        Files.copy(rootCrl(), dir.resolve("root.crl"));
        Files.writeString(dir.resolve("README.txt"), "not a CRL");
        assertRevoked(VERIFY + "&crlFiles=" + dir, signedMessage(FROM, revoked));
        Exchange ok = send(VERIFY + "&crlFiles=" + dir, signedMessage(FROM, good));
        assertThat(ok.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(signer(ok).revocation()).isEqualTo("good");

        Exchange unchecked = send(VERIFY, signedMessage(FROM, revoked));
        assertThat(signer(unchecked).revocation()).isEqualTo("not-checked");
    }

    @Test
    void revokedIntermediateIsFound() throws Exception {
        KeyPair caKeys = SpoofKit.rsa(2048);
        X509Certificate subCa = cert("Sub CA").keys(caKeys).ca().issuedBy(PKI.root(), PKI.rootKey()).build();
        Signer signer = cert("Mallory").email(FROM).issuedBy(subCa, caKeys.getPrivate()).signer();
        X509CRL rootCrl = crl(PKI.root(), PKI.rootKey(), Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(7)), Instant.now().minus(Duration.ofDays(1)),
                subCa.getSerialNumber());
        X509CRL subCaCrl = crl(subCa, caKeys.getPrivate(), Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(7)), Instant.now());
        assertRevoked(VERIFY + "&crlFiles=" + write(rootCrl, subCaCrl), signedMessage(FROM, signer));
    }

    /** A CRL that does not verify with the issuer's key is ignored: it can neither revoke nor clear. */
    @Test
    void forgedCrlIsIgnoredAndAnUnknownStatusCanBeRequired() throws Exception {
        Signer signer = cert("Mallory").email(FROM).signer();
        X509CRL forged = crl(PKI.intermediate(), SpoofKit.rsa(2048).getPrivate(), Instant.now().minus(
                Duration.ofHours(1)), null, Instant.now().minus(Duration.ofDays(1)), signer.cert().getSerialNumber());
        Path crl = write(forged);
        Exchange lenient = send(VERIFY + "&crlFiles=" + crl, signedMessage(FROM, signer));
        assertThat(lenient.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(signer(lenient).revocation()).isEqualTo("unknown");

        Exception strict = failure(VERIFY + "&crlFiles=" + crl + "&requireRevocationStatus=true",
                signedMessage(FROM, signer));
        assertThat(((SmimeException) strict).getCheck()).isEqualTo("revocation-unknown");
        Exchange reported = send(VERIFY + "&crlFiles=" + crl + "&requireRevocationStatus=true&reportOnly=true",
                signedMessage(FROM, signer));
        assertThat(reported.getMessage().getHeader(SmimeConstants.AUTHENTICATION_RESULTS, String.class))
                .contains("smime=temperror reason=\"revocation-unknown\"");
    }

    /** No network traffic to URLs from certificates unless switched on; then fetched once and cached. */
    @Test
    void crlDistributionPointsOnlyWhenEnabled() throws Exception {
        Signer signer = cert("Mallory").email(FROM).crlDistributionPoint(base + "/ca.crl").signer();
        servedCrl = intermediateCrl(Instant.now().minus(Duration.ofDays(1)), signer.cert().getSerialNumber())
                .getEncoded();
        int before = hits("/ca.crl");
        Exchange quiet = send(VERIFY, signedMessage(FROM, signer));
        assertThat(quiet.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(hits("/ca.crl")).isEqualTo(before);

        String online = VERIFY + "&enableCrlDistributionPoints=true";
        assertRevoked(online, signedMessage(FROM, signer));
        assertRevoked(online, signedMessage(FROM, signer));
        assertThat(hits("/ca.crl")).isEqualTo(before + 1);
    }

    @Test
    void ocspOnlyWhenEnabled() throws Exception {
        Signer good = cert("Mallory").email(FROM).ocsp(base + "/ocsp").signer();
        Signer revoked = cert("Mallory").email(FROM).ocsp(base + "/ocsp").signer();
        OCSP_STATUS.put(good.cert().getSerialNumber(), Boolean.TRUE);
        OCSP_STATUS.put(revoked.cert().getSerialNumber(), Date.from(Instant.now().minus(Duration.ofDays(1))));
        int before = hits("/ocsp");
        send(VERIFY, signedMessage(FROM, revoked));
        assertThat(hits("/ocsp")).isEqualTo(before);

        String online = VERIFY + "&enableOcsp=true&crlFiles=" + rootCrl();
        assertRevoked(online, signedMessage(FROM, revoked));
        Exchange ok = send(online, signedMessage(FROM, good));
        assertThat(signer(ok).revocation()).isEqualTo("good");
        send(online, signedMessage(FROM, good));
        assertThat(hits("/ocsp")).isEqualTo(before + 2);
    }

    /** A certificate issued by a non-CA chooses its own URLs: a chain that does not validate never goes online. */
    @Test
    void urlsOfAnUnvalidatedChainAreNotFetched() {
        KeyPair leafKeys = SpoofKit.rsa(2048);
        X509Certificate notACa = cert("Mallory Leaf").email(FROM).keys(leafKeys).build();
        Signer signer = cert("Mallory").email(FROM).issuedBy(notACa, leafKeys.getPrivate())
                .ocsp(base + "/ocsp").crlDistributionPoint(base + "/ca.crl").signer()
                .withChain();
        String message = "From: " + FROM + "\r\nMIME-Version: 1.0\r\n" + SpoofKit.signedEntity(SpoofKit.ENTITY,
                SpoofKit.signedData(SpoofKit.bytes(SpoofKit.ENTITY), false, List.of(signer.cert(), notACa,
                        PKI.intermediate()), null, signer));
        int ocsp = hits("/ocsp");
        int crl = hits("/ca.crl");
        Exception e = failure(VERIFY + "&enableOcsp=true&enableCrlDistributionPoints=true", message);
        assertThat(((SmimeException) e).getCheck()).isEqualTo("path");
        assertThat(hits("/ocsp")).isEqualTo(ocsp);
        assertThat(hits("/ca.crl")).isEqualTo(crl);
    }

    @Test
    void ocspAnswerSignedByAnotherKeyIsNotBelieved() {
        Signer signer = cert("Mallory").email(FROM).ocsp(base + "/ocsp").signer();
        OCSP_STATUS.put(signer.cert().getSerialNumber(), Boolean.TRUE);
        ocspSigningKey = SpoofKit.rsa(2048).getPrivate();
        try {
            Exchange ok = send(VERIFY + "&enableOcsp=true", signedMessage(FROM, signer));
            assertThat(signer(ok).revocation()).isEqualTo("unknown");
        } finally {
            ocspSigningKey = PKI.intermediateKey();
        }
    }

    @Test
    void anUnresponsiveResponderCostsOneTimeoutThenIsRemembered() {
        Signer signer = cert("Mallory").email(FROM).ocsp(base + "/slow").signer();
        String online = VERIFY + "&enableOcsp=true&revocationTimeoutMillis=300";
        long start = System.nanoTime();
        Exchange first = send(online, signedMessage(FROM, signer));
        assertThat(signer(first).revocation()).isEqualTo("unknown");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2500);
        Exception strict = failure(online + "&requireRevocationStatus=true", signedMessage(FROM, signer));
        assertThat(((SmimeException) strict).getCheck()).isEqualTo("revocation-unknown");
        int hits = hits("/slow");
        send(online, signedMessage(FROM, signer));
        assertThat(hits("/slow")).isEqualTo(hits);
    }
}

package io.github.camelsmime;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.apache.camel.Exchange;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import io.github.camelsmime.SpoofKit.Signer;

import static io.github.camelsmime.SpoofKit.ENTITY;
import static io.github.camelsmime.SpoofKit.headers;
import static io.github.camelsmime.SpoofKit.pki;
import static io.github.camelsmime.SpoofKit.signedData;
import static io.github.camelsmime.SpoofKit.signedEntity;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One hostile message must not stop an endpoint: too many MIME parts, a huge header block, thousands of junk
 * certificates each end in a {@link SmimeLimitException} at the limit, quickly and without the memory the input asks
 * for, and the next genuine message on the same endpoint still goes through.
 */
class StructureLimitsTest extends SmimeTestSupport {

    private static final String VERIFY = "smime:verify?" + trust();
    private static final String UNWRAP = "smime:unwrap?" + trust() + "&" + decryptor("bob");
    private static final long FAST_MILLIS = 10_000;

    private SmimeLimitException limitExceeded(String uri, Object body) {
        long start = System.nanoTime();
        Exchange exchange = template.request(uri, e -> e.getMessage().setBody(body));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(exchange.getException()).isInstanceOf(SmimeLimitException.class);
        assertThat(((SmimeException) exchange.getException()).getReason()).isEqualTo("limit-exceeded");
        assertThat(millis).as("took %d ms", millis).isLessThan(FAST_MILLIS);
        // the original stays the body, for the error handler
        assertThat(exchange.getMessage().getBody(byte[].class)).isEqualTo(body);
        return (SmimeLimitException) exchange.getException();
    }

    /** The next genuine message on the same endpoint still verifies. */
    private void nextMessageStillWorks(String uri) {
        String signed = bodyOf(send("smime:sign?" + signer("alice"), bytes(MESSAGE)));
        assertThat(send(uri, signed).getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
    }

    /** About 5.5 MB: 100,000 parts of a few bytes each. */
    private static byte[] manyParts(int parts) {
        StringBuilder sb = new StringBuilder(headers("alice@example.com"))
                .append("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
        for (int i = 0; i < parts; i++) {
            sb.append("--b\r\nContent-Type: text/plain\r\n\r\npart number ").append(i).append("\r\n");
        }
        return sb.append("--b--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aMessageOfAHundredThousandPartsFailsAtTheLimit() {
        byte[] hostile = manyParts(100_000);
        assertThat(hostile.length).isGreaterThan(5_000_000);
        for (String uri : new String[] { VERIFY, UNWRAP + "&outputParts=true" }) {
            assertThat(limitExceeded(uri, hostile)).hasMessageContaining("1000 MIME parts");
            nextMessageStillWorks(uri);
        }
        Exchange reported = send(UNWRAP + "&reportOnly=true", hostile);
        assertThat(reported.getMessage().getHeader(SmimeConstants.FAILURE_REASON)).isEqualTo("limit-exceeded");
        assertThat(reported.getMessage().getBody(byte[].class)).isEqualTo(hostile);
        // parts nested in parts count too, and the limit is an option
        assertThat(limitExceeded(VERIFY + "&maxParts=10", manyParts(11))).hasMessageContaining("10 MIME parts");
        // as does a multipart without a boundary parameter, whose first "--" line Jakarta Mail takes as one
        byte[] noBoundary = new String(manyParts(2_000), StandardCharsets.US_ASCII)
                .replace("; boundary=\"b\"", "").getBytes(StandardCharsets.US_ASCII);
        limitExceeded(VERIFY, noBoundary);
    }

    @Test
    void protectingAMessageOfAHundredThousandPartsFailsAtTheLimit() {
        String sign = "smime:sign?" + signer("alice");
        assertThat(limitExceeded(sign, manyParts(100_000))).hasMessageContaining("MIME parts");
        assertThat(bodyOf(send(sign, bytes(MESSAGE)))).contains("multipart/signed");
    }

    @Test
    void aFiftyMebibyteHeaderFailsAtTheLimit() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(51 << 20);
        byte[] line = ("X-Filler: " + "a".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(bytes(headers("alice@example.com")));
        while (out.size() < 50 << 20) {
            out.writeBytes(line);
        }
        out.writeBytes(bytes(ENTITY));
        byte[] hostile = out.toByteArray();
        assertThat(limitExceeded(VERIFY, hostile)).hasMessageContaining("262144 bytes");
        nextMessageStillWorks(VERIFY);
        // one endless header line counts the same, and so does a part's header block
        byte[] oneLine = bytes(headers("alice@example.com") + "Subject: " + "s".repeat(300_000) + "\r\n" + ENTITY);
        limitExceeded(VERIFY, oneLine);
        byte[] partHeader = bytes(headers("alice@example.com") + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nX-Filler: " + "p".repeat(300_000) + "\r\n\r\nx\r\n--b--\r\n");
        limitExceeded(VERIFY, partHeader);
    }

    /** Junk CA certificates named like the real intermediate, each signed by a key of no one. */
    private static List<X509Certificate> junkCertificates(int count) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(256);
        KeyPair junk = kpg.generateKeyPair();
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").setProvider(SpoofKit.BC)
                .build(junk.getPrivate());
        X500Name issuer = X500Name.getInstance(PKI.root().getSubjectX500Principal().getEncoded());
        X500Name subject = X500Name.getInstance(PKI.intermediate().getSubjectX500Principal().getEncoded());
        Date from = new Date(System.currentTimeMillis() - 86_400_000L);
        Date to = new Date(System.currentTimeMillis() + 86_400_000L * 365);
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(SpoofKit.BC);
        List<X509Certificate> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            result.add(converter.getCertificate(new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(i + 2),
                    from, to, subject, junk.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)).build(signer)));
        }
        return result;
    }

    private static String signedWith(List<X509Certificate> junk) {
        Signer alice = pki("alice");
        List<X509Certificate> certs = new ArrayList<>(junk);
        certs.addAll(alice.chain());
        return headers("alice@example.com") + signedEntity(ENTITY, signedData(bytes(ENTITY), false, certs, null,
                alice));
    }

    @Test
    void tenThousandJunkCertificatesFailAtTheLimit() throws Exception {
        String hostile = signedWith(junkCertificates(10_000));
        assertThat(hostile.length()).isGreaterThan(3_000_000);
        assertThat(limitExceeded(VERIFY, bytes(hostile))).hasMessageContaining("10002 certificates");
        nextMessageStillWorks(VERIFY);
    }

    /**
     * Certificates that all issue each other (one key, one name) and the signer's certificate: the JDK's path
     * builder, handed them, explores path after path among them. The search checks at most maxCertificates
     * signatures and stops there, with the original kept.
     */
    @Test
    void aMeshOfCertificatesThatIssueEachOtherEndsThePathSearchAtTheLimit() throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(256);
        KeyPair key = kpg.generateKeyPair();
        X500Name mesh = new X500Name("CN=Mesh CA");
        List<X509Certificate> certs = new ArrayList<>();
        X509Certificate leaf = certificate(mesh, new X500Name("CN=alice,E=alice@example.com"), 1, false, key);
        certs.add(leaf);
        for (int i = 0; i < 99; i++) {
            certs.add(certificate(mesh, mesh, i + 2, true, key));
        }
        Signer attacker = new Signer(key.getPrivate(), leaf, certs, "SHA256withECDSA");
        byte[] hostile = bytes(headers("alice@example.com") + signedEntity(ENTITY, signedData(bytes(ENTITY), false,
                certs, null, attacker)));
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> assertThat(limitExceeded(VERIFY, hostile)).hasMessageContaining("path search"));
        nextMessageStillWorks(VERIFY);
    }

    private static X509Certificate certificate(X500Name issuer, X500Name subject, int serial, boolean ca,
            KeyPair key) throws Exception {
        Date from = new Date(System.currentTimeMillis() - 86_400_000L);
        Date to = new Date(System.currentTimeMillis() + 86_400_000L * 365);
        return new JcaX509CertificateConverter().setProvider(SpoofKit.BC).getCertificate(
                new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial), from, to, subject, key.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(SpoofKit.BC)
                                .build(key.getPrivate())));
    }

    /** Junk named like the real intermediate is left out of path building, and the genuine chain is found. */
    @Test
    void junkNamedLikeTheIntermediateDoesNotHideTheGenuineChain() throws Exception {
        String some = signedWith(junkCertificates(90));
        Exchange verified = send(VERIFY, some);
        assertThat(verified.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(send(VERIFY + "&maxCertificates=5000", signedWith(junkCertificates(3_000))).getMessage()
                .getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
    }

    /** Candidates also come from configured intermediates: a search with more than the limit to check stops. */
    @Test
    void aPathSearchStopsAfterMaxCertificatesCandidates(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path pem = dir.resolve("intermediates.pem");
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter w = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(
                java.nio.file.Files.newBufferedWriter(pem))) {
            for (X509Certificate c : junkCertificates(61)) {
                w.writeObject(c);
            }
        }
        String uri = VERIFY + "&intermediateCertificates=" + pem + "&maxCertificates=60";
        String genuine = bodyOf(send("smime:sign?" + signer("alice"), bytes(MESSAGE)));
        assertThat(limitExceeded(uri, bytes(genuine))).hasMessageContaining("path search");
        assertThat(send(VERIFY + "&intermediateCertificates=" + pem + "&maxCertificates=70", genuine).getMessage()
                .getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
    }
}

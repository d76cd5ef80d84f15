package io.github.camelsmime.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The key material every benchmark and the load test share, generated fresh with Bouncy Castle: a CA, an RSA-2048
 * signer, an EC P-256 signer and an RSA-2048 recipient, each end-entity with its e-mail address in subjectAltName,
 * KeyUsage and ExtendedKeyUsage emailProtection. {@link #create()} also writes them to a temporary folder as PKCS#12
 * (password {@link #PASSWORD}) and PEM, so Camel endpoints can be configured by URI ({@link #uri(Path)}).
 *
 * <p>JMH runs every benchmark in its own JVM; generating three RSA-2048 keys in each of ~50 forks costs minutes on a
 * small machine. When the environment variable {@value #SHARED_DIR_ENV} names a folder, the first fork generates the
 * PKI there and the later forks of the same run load it (run.sh points it at a new folder for every run), so one run
 * uses one set of keys throughout.
 *
 * <pre>
 *   ca.pem                          the trust anchor (RSA-2048, self-signed)
 *   rsa2048.p12 / rsa2048.pem       signer  signer-rsa@bench.example   alias rsa2048
 *   ecp256.p12  / ecp256.pem        signer  signer-ec@bench.example    alias ecp256
 *   recipient.p12 / recipient.pem   recipient recipient@bench.example  alias recipient
 * </pre>
 */
public final class BenchPki implements AutoCloseable {

    public static final String PASSWORD = "bench-secret";
    public static final String SHARED_DIR_ENV = "CAMELSMIME_BENCH_PKI";
    public static final String CA_SUBJECT = "CN=camel-smime bench CA,O=camel-smime benchmarks";

    /** Bouncy Castle only for generating (its provider takes a second or more to construct; loading needs none). */
    private static final class Bc {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A private key with its certificate; {@code chain} is the certificate followed by the CA. */
    public record Identity(String name, String email, PrivateKey key, X509Certificate cert, X509Certificate[] chain,
                           Path p12, Path pem) {
    }

    /** The two signers the benchmarks are parameterised with. */
    public enum Signer {
        rsa2048("SHA256withRSA"), ecp256("SHA256withECDSA");

        private final String signatureAlgorithm;

        Signer(String signatureAlgorithm) {
            this.signatureAlgorithm = signatureAlgorithm;
        }

        public String signatureAlgorithm() {
            return signatureAlgorithm;
        }
    }

    private final Path dir;
    private final boolean temporary;
    private final X509Certificate caCert;
    private final Path caPem;
    private final Identity rsaSigner;
    private final Identity ecSigner;
    private final Identity recipient;

    private BenchPki(Path dir, boolean temporary, X509Certificate caCert, Path caPem, Identity rsaSigner,
                     Identity ecSigner, Identity recipient) {
        this.dir = dir;
        this.temporary = temporary;
        this.caCert = caCert;
        this.caPem = caPem;
        this.rsaSigner = rsaSigner;
        this.ecSigner = ecSigner;
        this.recipient = recipient;
    }

    /**
     * The benchmark PKI: loaded from the folder named by {@value #SHARED_DIR_ENV} when an earlier fork generated it
     * there, else generated (into that folder, or into a new temporary folder that {@link #close()} deletes).
     */
    public static BenchPki create() {
        String shared = System.getenv(SHARED_DIR_ENV);
        try {
            if (shared == null || shared.isBlank()) {
                Path dir = Files.createTempDirectory("camel-smime-bench-pki-");
                generate(dir);
                return load(dir, true);
            }
            Path dir = Paths.get(shared).toAbsolutePath();
            if (!Files.exists(dir.resolve(COMPLETE))) {
                Files.createDirectories(dir);
                generate(dir);
                Files.writeString(dir.resolve(COMPLETE), "generated " + Instant.now() + "\n");
            }
            return load(dir, false);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create the benchmark PKI", e);
        }
    }

    private static final String COMPLETE = "complete";
    private static final String[] NAMES = {"rsa2048", "ecp256", "recipient"};
    private static final String[] EMAILS = {"signer-rsa@bench.example", "signer-ec@bench.example",
        "recipient@bench.example"};

    /** Writes the PKI to {@code dir}; every user loads it back from there, as the Camel endpoints do. */
    private static void generate(Path dir) throws IOException, GeneralSecurityException {
        try {
            KeyPair caKeys = rsaKeyPair();
            X500Name caName = new X500Name(CA_SUBJECT);
            X509Certificate caCert = caCertificate(caName, caKeys);
            writePem(dir.resolve("ca.pem"), caCert);

            endEntity(dir, NAMES[0], EMAILS[0], rsaKeyPair(), caName, caKeys, caCert,
                    KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
            // keyEncipherment means nothing for an EC key; the EC signer only signs.
            endEntity(dir, NAMES[1], EMAILS[1], ecKeyPair(), caName, caKeys, caCert,
                    KeyUsage.digitalSignature);
            endEntity(dir, NAMES[2], EMAILS[2], rsaKeyPair(), caName, caKeys, caCert,
                    KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static BenchPki load(Path dir, boolean temporary) throws IOException, GeneralSecurityException {
        Identity[] ids = new Identity[NAMES.length];
        X509Certificate caCert = null;
        for (int i = 0; i < NAMES.length; i++) {
            Path p12 = dir.resolve(NAMES[i] + ".p12");
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(p12)) {
                ks.load(in, PASSWORD.toCharArray());
            }
            PrivateKey key = (PrivateKey) ks.getKey(NAMES[i], PASSWORD.toCharArray());
            Certificate[] chain = ks.getCertificateChain(NAMES[i]);
            X509Certificate[] x509 = java.util.Arrays.copyOf(chain, chain.length, X509Certificate[].class);
            caCert = x509[x509.length - 1];
            ids[i] = new Identity(NAMES[i], EMAILS[i], key, x509[0], x509, p12, dir.resolve(NAMES[i] + ".pem"));
        }
        return new BenchPki(dir, temporary, caCert, dir.resolve("ca.pem"), ids[0], ids[1], ids[2]);
    }

    public Path dir() {
        return dir;
    }

    public X509Certificate caCert() {
        return caCert;
    }

    public Path caPem() {
        return caPem;
    }

    public Identity signer(Signer signer) {
        return signer == Signer.rsa2048 ? rsaSigner : ecSigner;
    }

    public Identity signer(String signer) {
        return signer(Signer.valueOf(signer));
    }

    public Identity recipient() {
        return recipient;
    }

    /** A Camel resource URI for a file ({@code file:/abs/path}). */
    public static String uri(Path file) {
        return "file:" + file.toAbsolutePath();
    }

    /** {@code signerKeyStore=...&signerKeyStorePassword=...&signerAlias=...} for an smime: endpoint. */
    public String signerOptions(Signer signer) {
        Identity id = signer(signer);
        return "signerKeyStore=" + uri(id.p12()) + "&signerKeyStorePassword=" + PASSWORD + "&signerAlias="
                + id.name();
    }

    /** {@code recipientCertificates=...} for the RSA recipient. */
    public String recipientOptions() {
        return "recipientCertificates=" + uri(recipient.pem());
    }

    /** {@code decryptKeyStore=...&decryptKeyStorePassword=...} for the RSA recipient. */
    public String decryptOptions() {
        return "decryptKeyStore=" + uri(recipient.p12()) + "&decryptKeyStorePassword=" + PASSWORD;
    }

    /** {@code trustAnchors=...} with the CA. */
    public String trustOptions() {
        return "trustAnchors=" + uri(caPem);
    }

    @Override
    public void close() {
        if (!temporary) {
            return; // shared by the forks of one run; run.sh removes it
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static KeyPair rsaKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", Bc.PROVIDER);
        g.initialize(2048, new SecureRandom());
        return g.generateKeyPair();
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Bc.PROVIDER);
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return g.generateKeyPair();
    }

    private static X509Certificate caCertificate(X500Name caName, KeyPair caKeys)
            throws GeneralSecurityException, IOException, org.bouncycastle.operator.OperatorCreationException {
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder b = builder(caName, caName, caKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caKeys.getPublic()));
        return sign(b, caKeys.getPrivate());
    }

    private static Identity endEntity(Path dir, String name, String email, KeyPair keys, X500Name caName,
                                      KeyPair caKeys, X509Certificate caCert, int keyUsage)
            throws GeneralSecurityException, IOException, org.bouncycastle.operator.OperatorCreationException {
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X500Name subject = new X500Name("CN=" + name + " (benchmark),E=" + email + ",O=camel-smime benchmarks");
        X509v3CertificateBuilder b = builder(caName, subject, keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
        b.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
        X509Certificate cert = sign(b, caKeys.getPrivate());
        X509Certificate[] chain = {cert, caCert};

        Path p12 = dir.resolve(name + ".p12");
        storeFast(name, keys.getPrivate(), chain, p12);
        Path pem = writePem(dir.resolve(name + ".pem"), cert);
        // the private key as PEM too, for endpoints configured with signerCertificate/signerPrivateKey
        try (Writer w = Files.newBufferedWriter(dir.resolve(name + "-key.pem"), StandardCharsets.US_ASCII);
             JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keys.getPrivate(), null));
        }
        return new Identity(name, email, keys.getPrivate(), cert, chain, p12, pem);
    }

    /**
     * Stores a PKCS#12 with the JDK's algorithms (PBES2, AES-256, HmacSHA256) but 1,000 instead of 10,000 PBKDF2
     * iterations: every JMH fork and every Camel endpoint loads these files, and they protect throw-away benchmark keys.
     * Loading them only happens in setup; no measured operation touches a keystore.
     */
    private static synchronized void storeFast(String alias, PrivateKey key, X509Certificate[] chain, Path p12)
            throws IOException, GeneralSecurityException {
        String[] props = {"keystore.pkcs12.certPbeIterationCount", "keystore.pkcs12.keyPbeIterationCount",
            "keystore.pkcs12.macIterationCount"};
        String[] old = new String[props.length];
        for (int i = 0; i < props.length; i++) {
            old[i] = System.getProperty(props[i]);
            System.setProperty(props[i], "1000");
        }
        try (OutputStream out = Files.newOutputStream(p12)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(alias, key, PASSWORD.toCharArray(), chain);
            ks.store(out, PASSWORD.toCharArray());
        } finally {
            for (int i = 0; i < props.length; i++) {
                if (old[i] == null) {
                    System.clearProperty(props[i]);
                } else {
                    System.setProperty(props[i], old[i]);
                }
            }
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey caKey)
            throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").setProvider(Bc.PROVIDER).build(caKey);
        return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    }

    private static Path writePem(Path file, Certificate... certs) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pw = new JcaPEMWriter(w)) {
            for (Certificate c : certs) {
                pw.writeObject(c);
            }
        }
        return file;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "BenchPki[%s]", dir);
    }
}

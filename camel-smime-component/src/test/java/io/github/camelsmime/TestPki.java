package io.github.camelsmime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for tests, written once per JVM to a temporary folder: a root CA, an intermediate CA, and end
 * entities of every key type the component supports. Each identity is available as PKCS#12 ({@code NAME.p12},
 * password {@link #PASSWORD}, alias NAME), PEM certificate ({@code NAME.pem}), PEM chain ({@code NAME.chain.pem}) and
 * unencrypted PKCS#8 key ({@code NAME.key.pem}).
 */
public final class TestPki {

    public static final String PASSWORD = "changeit";
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static TestPki instance;

    public record Identity(String name, String email, PrivateKey key, X509Certificate cert, List<X509Certificate> chain) {
    }

    private final Path dir;
    private final Map<String, Identity> identities = new LinkedHashMap<>();
    private final KeyPair rootKeys;
    private final X509Certificate root;
    private final KeyPair intermediateKeys;
    private final X509Certificate intermediate;

    public static synchronized TestPki get() {
        if (instance == null) {
            instance = new TestPki();
        }
        return instance;
    }

    private TestPki() {
        try {
            dir = Files.createTempDirectory("camel-smime-pki");
            removeAtExit(dir);
            rootKeys = generate("RSA", 2048);
            root = certificate("CN=camel-smime Test Root CA", rootKeys.getPublic(), "CN=camel-smime Test Root CA",
                    rootKeys.getPrivate(), null, true, null, null, Duration.ofDays(3650), Duration.ZERO);
            intermediateKeys = generate("RSA", 2048);
            intermediate = certificate("CN=camel-smime Test Intermediate CA", intermediateKeys.getPublic(),
                    "CN=camel-smime Test Root CA", rootKeys.getPrivate(), root, true, null, null,
                    Duration.ofDays(3650), Duration.ZERO);
            writePem("ca.pem", List.of(root));
            writePem("intermediate.pem", List.of(intermediate));
            add("alice", "alice@example.com", generate("RSA", 2048));
            add("bob", "bob@example.com", generate("RSA", 2048));
            add("carol", "carol@example.com", generateEc("secp256r1"));
            add("dave", "dave@example.com", generateEc("secp384r1"));
            add("erin", "erin@example.com", generate("Ed25519", 0));
            add("xavier", "xavier@example.com", generate("X25519", 0));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the test PKI", e);
        }
    }

    /**
     * The PKI lives as long as the test JVM (every test class shares it), so its folder of private keys goes when the
     * JVM exits; File.deleteOnExit would leave a folder that is not empty.
     */
    public static void removeAtExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> org.apache.camel.util.FileUtil.removeDir(dir.toFile()),
                "remove " + dir.getFileName()));
    }

    public Path dir() {
        return dir;
    }

    public Identity id(String name) {
        return identities.get(name);
    }

    public X509Certificate root() {
        return root;
    }

    /** The issuing CA of every end entity, for tests that issue certificates, CRLs or OCSP answers themselves. */
    public X509Certificate intermediate() {
        return intermediate;
    }

    public PrivateKey intermediateKey() {
        return intermediateKeys.getPrivate();
    }

    public PrivateKey rootKey() {
        return rootKeys.getPrivate();
    }

    /** Absolute path of a file in the PKI folder, e.g. {@code path("alice.p12")}. */
    public String path(String file) {
        return dir.resolve(file).toString();
    }

    /** Issues a further certificate (by the intermediate) with custom properties, for negative tests. */
    public Identity issue(String name, String email, KeyPair keys, boolean[] keyUsage, KeyPurposeId eku,
            Duration validity, Duration startOffset) throws Exception {
        X509Certificate cert = certificate("CN=" + name + ",O=camel-smime tests", keys.getPublic(),
                "CN=camel-smime Test Intermediate CA", intermediateKeys.getPrivate(), intermediate, false, email,
                new Object[] { keyUsage, eku }, validity, startOffset);
        Identity id = new Identity(name, email, keys.getPrivate(), cert, List.of(cert, intermediate, root));
        write(id);
        identities.put(name, id);
        return id;
    }

    private void add(String name, String email, KeyPair keys) throws Exception {
        Identity id = new Identity(name, email, keys.getPrivate(),
                certificate("CN=" + name + ",O=camel-smime tests", keys.getPublic(),
                        "CN=camel-smime Test Intermediate CA", intermediateKeys.getPrivate(), intermediate, false,
                        email, null, Duration.ofDays(730), Duration.ofDays(1)),
                null);
        id = new Identity(name, email, id.key(), id.cert(), List.of(id.cert(), intermediate, root));
        write(id);
        identities.put(name, id);
    }

    private void write(Identity id) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(id.name(), id.key(), PASSWORD.toCharArray(), id.chain().toArray(new X509Certificate[0]));
        try (OutputStream out = Files.newOutputStream(dir.resolve(id.name() + ".p12"))) {
            ks.store(out, PASSWORD.toCharArray());
        }
        writePem(id.name() + ".pem", List.of(id.cert()));
        writePem(id.name() + ".chain.pem", id.chain());
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(id.key(), null));
        }
        Files.writeString(dir.resolve(id.name() + ".key.pem"), sw.toString());
    }

    private void writePem(String file, List<X509Certificate> certs) {
        try (Writer out = Files.newBufferedWriter(dir.resolve(file)); JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (X509Certificate c : certs) {
                w.writeObject(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static KeyPair generate(String algorithm, int bits) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance(algorithm, BC);
        if (bits > 0) {
            kpg.initialize(bits);
        }
        return kpg.generateKeyPair();
    }

    public static KeyPair generateEc(String curve) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC", BC);
        kpg.initialize(new ECGenParameterSpec(curve));
        return kpg.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, PublicKey key, String issuer, PrivateKey issuerKey,
            X509Certificate issuerCert, boolean ca, String email, Object[] custom, Duration validity,
            Duration startOffset) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                Date.from(now.minus(startOffset.isZero() ? Duration.ofDays(1) : startOffset)),
                Date.from(now.plus(validity)), new X500Name(subject), key);
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
        if (issuerCert != null) {
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerCert));
        }
        if (ca) {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            if (custom == null) {
                String alg = key.getAlgorithm();
                int usage = alg.equals("X25519") || alg.equals("XDH") ? KeyUsage.keyAgreement
                        : alg.equals("EC") ? KeyUsage.digitalSignature | KeyUsage.keyAgreement | KeyUsage.nonRepudiation
                        : alg.startsWith("Ed") ? KeyUsage.digitalSignature | KeyUsage.nonRepudiation
                        : KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.nonRepudiation;
                b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
            } else {
                boolean[] ku = (boolean[]) custom[0];
                if (ku != null) {
                    int usage = 0;
                    for (int i = 0; i < ku.length; i++) {
                        if (ku[i]) {
                            usage |= (1 << (7 - i)) & 0xff | (i == 8 ? KeyUsage.decipherOnly : 0);
                        }
                    }
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                }
                if (custom[1] != null) {
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage((KeyPurposeId) custom[1]));
                }
            }
            if (email != null) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
            }
        }
        String sigAlg = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().setProvider(BC)
                .getCertificate(b.build(new JcaContentSignerBuilder(sigAlg).setProvider(BC).build(issuerKey)));
    }

    public List<String> names() {
        return new ArrayList<>(identities.keySet());
    }
}

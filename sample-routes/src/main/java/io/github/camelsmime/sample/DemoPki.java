package io.github.camelsmime.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo PKI: a self-signed CA and two S/MIME end-entity certificates (alice@example.com, bob@example.com), made
 * with Bouncy Castle on first start and left alone afterwards.
 *
 * <pre>
 * DIR/ca.pem                  the CA certificate (trust anchor)
 * DIR/alice.p12, bob.p12      PKCS#12: private key + certificate + CA, alias "alice" / "bob"
 * DIR/alice.pem, bob.pem      the end-entity certificates
 * DIR/recipients/*.pem        the same two certificates, a folder for recipientCertificateDir
 * </pre>
 *
 * RSA-2048 and SHA256withRSA everywhere: every S/MIME client and {@code openssl cms} accept them.
 */
public final class DemoPki {

    private static final Logger LOG = LoggerFactory.getLogger(DemoPki.class);

    public static final String CA_PEM = "ca.pem";
    public static final String RECIPIENTS_DIR = "recipients";
    public static final List<String> USERS = List.of("alice", "bob");
    public static final String DOMAIN = "example.com";

    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoPki() {
    }

    /** The e-mail address of a demo user, for example alice@example.com. */
    public static String email(String user) {
        return user + "@" + DOMAIN;
    }

    /** Whether the PKI in {@code dir} is complete (every file present). */
    public static boolean isComplete(Path dir) {
        if (!Files.isRegularFile(dir.resolve(CA_PEM))) {
            return false;
        }
        for (String user : USERS) {
            if (!Files.isRegularFile(dir.resolve(user + ".p12")) || !Files.isRegularFile(dir.resolve(user + ".pem"))
                    || !Files.isRegularFile(dir.resolve(RECIPIENTS_DIR).resolve(user + ".pem"))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Creates the PKI under {@code dir} unless it is already complete. Returns true when it was created. A partial PKI
     * (some files missing) is created anew, since the CA key is not kept.
     */
    public static boolean ensure(Path dir, char[] password, Duration validity) throws IOException {
        if (isComplete(dir)) {
            LOG.info("Demo PKI present in {}", dir.toAbsolutePath());
            return false;
        }
        try {
            create(dir, password, validity);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("Cannot create the demo PKI in " + dir + ": " + e.getMessage(), e);
        }
        LOG.info("Demo PKI created in {}: CA {}, {} and {} (PKCS#12 and PEM)", dir.toAbsolutePath(), CA_PEM,
                email("alice"), email("bob"));
        return true;
    }

    private static void create(Path dir, char[] password, Duration validity)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        Files.createDirectories(dir.resolve(RECIPIENTS_DIR));
        Instant now = Instant.now();
        Date notBefore = Date.from(now.minus(Duration.ofHours(1)));
        Date notAfter = Date.from(now.plus(validity));
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();

        KeyPair caKeys = rsa();
        X500Name caName = new X500Name("CN=camel-smime Demo CA,O=camel-smime demo");
        X509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, serial(), notBefore, notAfter,
                caName, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caKeys.getPublic()));
        X509Certificate ca = sign(caBuilder, caKeys.getPrivate());

        writeAtomically(dir.resolve(CA_PEM), pem(ca).getBytes(StandardCharsets.US_ASCII), false);

        for (String user : USERS) {
            String email = email(user);
            KeyPair keys = rsa();
            String display = Character.toUpperCase(user.charAt(0)) + user.substring(1);
            X500Name subject = new X500Name("CN=" + display + ",O=camel-smime demo");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(), notBefore, notAfter,
                    subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(
                            KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
            X509Certificate cert = sign(builder, caKeys.getPrivate());

            KeyStore p12 = KeyStore.getInstance("PKCS12");
            p12.load(null, null);
            p12.setKeyEntry(user, keys.getPrivate(), password, new Certificate[] {cert, ca});
            Path p12File = dir.resolve(user + ".p12");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            p12.store(bytes, password);
            writeAtomically(p12File, bytes.toByteArray(), true);

            byte[] certPem = pem(cert).getBytes(StandardCharsets.US_ASCII);
            writeAtomically(dir.resolve(user + ".pem"), certPem, false);
            writeAtomically(dir.resolve(RECIPIENTS_DIR).resolve(user + ".pem"), certPem, false);
        }
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    static String pem(X509Certificate cert) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(cert);
        }
        return out.toString();
    }

    /** Writes to a temporary file beside the target and renames, so a reader never sees half a file. */
    private static void writeAtomically(Path target, byte[] content, boolean secret) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(content);
        }
        if (secret) {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

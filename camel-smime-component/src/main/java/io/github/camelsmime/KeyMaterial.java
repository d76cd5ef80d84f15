package io.github.camelsmime;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.jsse.KeyStoreParameters;

import io.github.camelsmime.keys.Certificates;
import io.github.camelsmime.keys.ConfiguredSignerKey;
import io.github.camelsmime.keys.DecryptionKey;
import io.github.camelsmime.keys.DecryptionKeyAccessor;
import io.github.camelsmime.keys.DecryptionKeys;
import io.github.camelsmime.keys.KeyLoader;
import io.github.camelsmime.keys.RecipientCertificateAccessor;
import io.github.camelsmime.keys.RecipientDirectory;
import io.github.camelsmime.keys.SignerKey;
import io.github.camelsmime.keys.SignerKeyAccessor;
import io.github.camelsmime.trust.RevocationSources;

/**
 * Resolves the key options of a {@link SmimeConfiguration} into keys and certificates, once, when an endpoint or
 * data format starts. Resources are plain file paths, or anything Camel's resource loader understands
 * ({@code file:}, {@code classpath:}, {@code ref:}). Error messages name resources, never passwords.
 */
final class KeyMaterial {

    private final CamelContext context;
    private final SmimeConfiguration cfg;

    KeyMaterial(CamelContext context, SmimeConfiguration cfg) {
        this.context = context;
        this.cfg = cfg;
    }

    /** The configured signerKeyAccessor bean, else one over the signer key files; null when there is neither. */
    SignerKeyAccessor signerKeyAccessor() {
        boolean files = cfg.getSignerKeyStoreParameters() != null || notBlank(cfg.getSignerKeyStore())
                || notBlank(cfg.getSignerPrivateKey());
        return accessor(cfg.getSignerKeyAccessor(), "signerKeyAccessor", files,
                "signerKeyStore, signerKeyStoreParameters or signerPrivateKey", () -> new ConfiguredSignerKey(signer()));
    }

    /** The configured decryptionKeyAccessor bean, else one over the decryption key files; null when neither. */
    DecryptionKeyAccessor decryptionKeyAccessor() {
        boolean files = cfg.getDecryptKeyStoreParameters() != null || notBlank(cfg.getDecryptKeyStore())
                || notBlank(cfg.getDecryptPrivateKey());
        return accessor(cfg.getDecryptionKeyAccessor(), "decryptionKeyAccessor", files,
                "decryptKeyStore, decryptKeyStoreParameters or decryptPrivateKey",
                () -> new DecryptionKeys(decryptionKeys()));
    }

    /** The configured recipientCertificateAccessor bean, else a directory over the folder, keystore and files. */
    RecipientCertificateAccessor recipientCertificateAccessor() {
        boolean sources = notBlank(cfg.getRecipientCertificateDir()) || notBlank(cfg.getRecipientKeyStore());
        return accessor(cfg.getRecipientCertificateAccessor(), "recipientCertificateAccessor", sources,
                "recipientCertificateDir or recipientKeyStore", this::recipientDirectory);
    }

    /** A bean replaces the key files; both at once would leave it unclear which key is used, so that fails. */
    private static <T> T accessor(T bean, String beanOption, boolean filesConfigured, String fileOptions,
            Supplier<T> fromFiles) {
        if (bean != null && filesConfigured) {
            throw new IllegalArgumentException("Set " + beanOption + " or " + fileOptions + ", not both");
        }
        return bean != null ? bean : filesConfigured ? fromFiles.get() : null;
    }

    boolean hasRecipientSources() {
        return notBlank(cfg.getRecipients()) || notBlank(cfg.getRecipientCertificates())
                || notBlank(cfg.getRecipientCertificateDir()) || notBlank(cfg.getRecipientKeyStore())
                || cfg.getRecipientCertificateAccessor() != null;
    }

    private SignerKey signer() {
        if (notBlank(cfg.getSignerPrivateKey())) {
            if (!notBlank(cfg.getSignerCertificate())) {
                throw new IllegalArgumentException("signerPrivateKey needs signerCertificate (the PEM chain)");
            }
            PrivateKey key = privateKey(cfg.getSignerPrivateKey(), secret(cfg.getSignerPrivateKeyPassword()));
            return new SignerKey(key, certificates(cfg.getSignerCertificate()));
        }
        if (cfg.getSignerKeyStoreParameters() != null) {
            KeyStoreParameters ksp = cfg.getSignerKeyStoreParameters();
            String keyPassword = keyPassword(cfg.getSignerKeyPassword(), ksp.getPassword());
            return KeyLoader.signerFrom(keyStore(ksp), cfg.getSignerAlias(), keyPassword, ksp.getResource());
        }
        if (notBlank(cfg.getSignerKeyStore())) {
            KeyStore ks = keyStore(cfg.getSignerKeyStore(), secret(cfg.getSignerKeyStorePassword()));
            String keyPassword = keyPassword(cfg.getSignerKeyPassword(), cfg.getSignerKeyStorePassword());
            return KeyLoader.signerFrom(ks, cfg.getSignerAlias(), keyPassword, cfg.getSignerKeyStore());
        }
        throw new IllegalArgumentException("No signer configured: set signerKeyStore, signerKeyStoreParameters or"
                + " signerPrivateKey + signerCertificate");
    }

    private List<DecryptionKey> decryptionKeys() {
        List<DecryptionKey> keys = new ArrayList<>();
        if (cfg.getDecryptKeyStoreParameters() != null) {
            KeyStoreParameters ksp = cfg.getDecryptKeyStoreParameters();
            String keyPassword = keyPassword(cfg.getDecryptKeyPassword(), ksp.getPassword());
            keys.addAll(KeyLoader.decryptionKeysFrom(keyStore(ksp), keyPassword, ksp.getResource()));
        }
        if (notBlank(cfg.getDecryptKeyStore())) {
            KeyStore ks = keyStore(cfg.getDecryptKeyStore(), secret(cfg.getDecryptKeyStorePassword()));
            String keyPassword = keyPassword(cfg.getDecryptKeyPassword(), cfg.getDecryptKeyStorePassword());
            keys.addAll(KeyLoader.decryptionKeysFrom(ks, keyPassword, cfg.getDecryptKeyStore()));
        }
        if (notBlank(cfg.getDecryptPrivateKey())) {
            if (!notBlank(cfg.getDecryptCertificate())) {
                throw new IllegalArgumentException("decryptPrivateKey needs decryptCertificate");
            }
            PrivateKey key = privateKey(cfg.getDecryptPrivateKey(), secret(cfg.getDecryptPrivateKeyPassword()));
            keys.add(new DecryptionKey(key, certificates(cfg.getDecryptCertificate()).get(0)));
        }
        return keys;
    }

    List<X509Certificate> explicitRecipients() {
        return notBlank(cfg.getRecipientCertificates()) ? certificatesOfAll(cfg.getRecipientCertificates()) : List.of();
    }

    private RecipientDirectory recipientDirectory() {
        List<X509Certificate> certs = new ArrayList<>();
        if (notBlank(cfg.getRecipientKeyStore())) {
            certs.addAll(KeyLoader.certificatesFrom(
                    keyStore(cfg.getRecipientKeyStore(), secret(cfg.getRecipientKeyStorePassword()))));
        }
        certs.addAll(explicitRecipients());
        Path folder = notBlank(cfg.getRecipientCertificateDir())
                ? Path.of(stripFileScheme(cfg.getRecipientCertificateDir())) : null;
        return new RecipientDirectory(folder, certs);
    }

    List<X509Certificate> trustAnchors() {
        List<X509Certificate> anchors = new ArrayList<>();
        if (notBlank(cfg.getTrustAnchors())) {
            anchors.addAll(certificatesOfAll(cfg.getTrustAnchors()));
        }
        if (cfg.getTrustStoreParameters() != null) {
            anchors.addAll(KeyLoader.certificatesFrom(keyStore(cfg.getTrustStoreParameters())));
        }
        return anchors;
    }

    List<X509Certificate> intermediates() {
        return notBlank(cfg.getIntermediateCertificates())
                ? certificatesOfAll(cfg.getIntermediateCertificates()) : List.of();
    }

    /** The CRLs of crlFiles: each entry a CRL file (DER or PEM, one or many CRLs) or a folder of such files. */
    List<X509CRL> crls() {
        List<X509CRL> result = new ArrayList<>();
        if (!notBlank(cfg.getCrlFiles())) {
            return result;
        }
        for (String resource : cfg.getCrlFiles().split(",")) {
            if (resource.isBlank()) {
                continue;
            }
            File dir = new File(stripFileScheme(resource.trim()));
            if (dir.isDirectory()) {
                File[] files = dir.listFiles(File::isFile);
                for (File f : files == null ? new File[0] : files) {
                    try (InputStream in = new FileInputStream(f)) {
                        result.addAll(RevocationSources.readCrls(in));
                    } catch (IOException e) {
                        // a stray non-CRL file in the folder is skipped, not fatal
                    }
                }
            } else {
                try (InputStream in = open(resource.trim())) {
                    result.addAll(RevocationSources.readCrls(in));
                } catch (IOException e) {
                    throw new IllegalArgumentException("Cannot read CRLs from " + resource.trim() + ": "
                            + e.getMessage(), e);
                }
            }
        }
        return result;
    }

    private List<X509Certificate> certificatesOfAll(String commaSeparated) {
        List<X509Certificate> result = new ArrayList<>();
        for (String resource : commaSeparated.split(",")) {
            if (!resource.isBlank()) {
                result.addAll(certificates(resource.trim()));
            }
        }
        return result;
    }

    private List<X509Certificate> certificates(String resource) {
        try (InputStream in = open(resource)) {
            List<X509Certificate> certs = Certificates.read(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("No certificate in " + resource);
            }
            return certs;
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read certificates from " + resource + ": " + e.getMessage(), e);
        }
    }

    private PrivateKey privateKey(String resource, String password) {
        try (InputStream in = open(resource)) {
            return KeyLoader.readPrivateKey(in, resource, password);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read private key " + resource + ": " + e.getMessage(), e);
        }
    }

    private KeyStore keyStore(String resource, String password) {
        try (InputStream in = open(resource)) {
            return KeyLoader.loadKeyStore(in, resource, password);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read keystore " + resource + ": " + e.getMessage(), e);
        }
    }

    private KeyStore keyStore(KeyStoreParameters ksp) {
        try {
            ksp.setCamelContext(context);
            return ksp.createKeyStore();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Cannot read keystore " + ksp.getResource() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The key entry's own password, else the store's: both resolved, since KeyStoreParameters resolves its store
     * password through the CamelContext only inside createKeyStore and hands back the raw {@code {{placeholder}}}.
     */
    private String keyPassword(String keyPassword, String storePassword) {
        return keyPassword != null ? secret(keyPassword) : secret(storePassword);
    }

    /** Passwords set in code may still be property placeholders ({@code {{smime.password}}}). */
    private String secret(String value) {
        return value == null ? null : context.resolvePropertyPlaceholders(value);
    }

    /** A plain path is a file (when it exists); anything with a scheme goes to Camel's resource loader. */
    InputStream open(String configured) throws IOException {
        String resource = context.resolvePropertyPlaceholders(configured);
        File file = new File(stripFileScheme(resource));
        if (file.isFile()) {
            return new FileInputStream(file);
        }
        return ResourceHelper.resolveMandatoryResourceAsInputStream(context, resource);
    }

    private static String stripFileScheme(String resource) {
        return resource.startsWith("file:") ? resource.substring("file:".length()) : resource;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}

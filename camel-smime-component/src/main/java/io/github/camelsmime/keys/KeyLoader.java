package io.github.camelsmime.keys;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Loads keys from keystores (PKCS#12, JKS) and PEM files. Failures name the resource, never a password.
 */
public final class KeyLoader {

    private KeyLoader() {
    }

    /** A PKCS#12 keystore, or JKS when the resource name ends in {@code .jks}. */
    public static KeyStore loadKeyStore(InputStream in, String resourceName, String password) {
        String type = resourceName != null && resourceName.toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
        try (InputStream data = new BufferedInputStream(in)) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(data, password == null ? null : password.toCharArray());
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            // the keystore's own message can be "keystore password was incorrect"; that reveals nothing secret
            throw new IllegalArgumentException("Cannot read keystore " + resourceName + ": " + e.getMessage(), e);
        }
    }

    /** The signer at {@code alias}, or the only key entry when alias is null. */
    public static SignerKey signerFrom(KeyStore ks, String alias, String keyPassword, String storeName) {
        String chosen = alias;
        try {
            if (chosen == null || chosen.isBlank()) {
                List<String> keyAliases = keyAliases(ks);
                if (keyAliases.size() != 1) {
                    throw new IllegalArgumentException("Keystore " + storeName + " holds " + keyAliases.size()
                            + " key entries " + keyAliases + "; set the alias to choose one");
                }
                chosen = keyAliases.get(0);
            }
            Key key = ks.getKey(chosen, keyPassword == null ? null : keyPassword.toCharArray());
            if (!(key instanceof PrivateKey privateKey)) {
                throw new IllegalArgumentException("Keystore " + storeName + " has no private key entry '" + chosen + "'");
            }
            return new SignerKey(privateKey, chain(ks.getCertificateChain(chosen)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read key '" + chosen + "' from keystore " + storeName + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** Every private key entry with its certificate, for decryption. */
    public static List<DecryptionKey> decryptionKeysFrom(KeyStore ks, String keyPassword, String storeName) {
        List<DecryptionKey> result = new ArrayList<>();
        try {
            for (String alias : keyAliases(ks)) {
                Key key = ks.getKey(alias, keyPassword == null ? null : keyPassword.toCharArray());
                Certificate cert = ks.getCertificate(alias);
                if (key instanceof PrivateKey pk && cert instanceof X509Certificate x509) {
                    result.add(new DecryptionKey(pk, x509));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read keys from keystore " + storeName + ": "
                    + e.getClass().getSimpleName(), e);
        }
        return result;
    }

    /** Every trusted certificate and the certificates of key entries in a keystore. */
    public static List<X509Certificate> certificatesFrom(KeyStore ks) {
        List<X509Certificate> result = new ArrayList<>();
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.getCertificate(alias) instanceof X509Certificate x509) {
                    result.add(x509);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot list keystore: " + e.getClass().getSimpleName(), e);
        }
        return result;
    }

    private static List<String> keyAliases(KeyStore ks) throws GeneralSecurityException {
        List<String> result = new ArrayList<>();
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias)) {
                result.add(alias);
            }
        }
        return result;
    }

    private static List<X509Certificate> chain(Certificate[] chain) {
        List<X509Certificate> result = new ArrayList<>();
        if (chain != null) {
            for (Certificate c : chain) {
                result.add((X509Certificate) c);
            }
        }
        return result;
    }

    /**
     * A private key: PEM PKCS#8 (encrypted or not), a PEM traditional OpenSSL key pair (encrypted or not), or an
     * unencrypted DER PKCS#8 key.
     */
    public static PrivateKey readPrivateKey(InputStream in, String resourceName, String password) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(new BouncyCastleProvider());
        byte[] data;
        try {
            data = in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Cannot read private key " + resourceName, e);
        }
        if (!Certificates.looksLikePem(data)) {
            try {
                return converter.getPrivateKey(PrivateKeyInfo.getInstance(data));
            } catch (Exception e) {
                throw new IllegalArgumentException("Cannot read private key " + resourceName
                        + " (neither PEM nor DER PKCS#8): " + e.getClass().getSimpleName(), e);
            }
        }
        try (PEMParser parser = new PEMParser(new InputStreamReader(new java.io.ByteArrayInputStream(data),
                StandardCharsets.US_ASCII))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (o instanceof PKCS8EncryptedPrivateKeyInfo enc) {
                    requirePassword(password, resourceName);
                    InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                            .setProvider(new BouncyCastleProvider()).build(password.toCharArray());
                    return converter.getPrivateKey(enc.decryptPrivateKeyInfo(decryptor));
                }
                if (o instanceof PEMEncryptedKeyPair encPair) {
                    requirePassword(password, resourceName);
                    return converter.getKeyPair(encPair.decryptKeyPair(
                            new JcePEMDecryptorProviderBuilder().build(password.toCharArray()))).getPrivate();
                }
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("Cannot read private key " + resourceName + " (wrong password or not a"
                    + " PEM private key): " + e.getClass().getSimpleName(), e);
        }
        throw new IllegalArgumentException("No private key found in " + resourceName);
    }

    private static void requirePassword(String password, String resourceName) {
        if (password == null) {
            throw new IllegalArgumentException("Private key " + resourceName + " is encrypted; a password is needed");
        }
    }
}

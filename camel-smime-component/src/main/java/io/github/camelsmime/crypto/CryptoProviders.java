package io.github.camelsmime.crypto;

import java.security.Key;
import java.security.Provider;
import java.security.Security;
import java.util.Locale;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides which JCA provider runs each primitive. In {@code auto} mode it takes the fastest
 * correct provider on this JVM: Amazon Corretto Crypto Provider (native AWS-LC) when it is on the class path and
 * healthy; otherwise the JDK for digests, AES and RSA, and Bouncy Castle where the JDK is slow or lacking (EC, EdDSA,
 * RSASSA-PSS names, ChaCha20-Poly1305 in CMS, streaming AES-GCM decryption). A named provider forces everything onto
 * that provider (FIPS or HSM set-ups); {@code ACCP} forces Corretto for every primitive it implements under the names
 * Bouncy Castle's CMS code asks for, and keeps the automatic choice for the others. The output never depends on the
 * choice, only the speed.
 */
public final class CryptoProviders {

    private static final Logger LOG = LoggerFactory.getLogger(CryptoProviders.class);
    private static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    private static final Provider BC = loadBouncyCastle();
    private static final Provider ACCP = loadCorretto();

    /** Set when one provider was forced; null in auto and JDK mode. */
    private final Provider forced;
    /** Set when the JDK's own providers were forced: no Bouncy Castle or Corretto for any primitive. */
    private final boolean jdkOnly;

    private CryptoProviders(Provider forced, boolean jdkOnly) {
        this.forced = forced;
        this.jdkOnly = jdkOnly;
    }

    /** {@code auto}/null/blank picks per primitive; JDK, BC, ACCP or a registered provider name forces one. */
    public static CryptoProviders of(String name) {
        if (name == null || name.isBlank() || name.equalsIgnoreCase("auto")) {
            return new CryptoProviders(null, false);
        }
        if (name.trim().equalsIgnoreCase("JDK")) {
            return new CryptoProviders(null, true);
        }
        return new CryptoProviders(resolve(name.trim()), false);
    }

    private static Provider resolve(String name) {
        switch (name.toUpperCase(Locale.ROOT)) {
            case "BC":
                return BC;
            case "ACCP":
                if (ACCP == null) {
                    throw new IllegalArgumentException("provider ACCP requested but the Amazon Corretto Crypto Provider"
                            + " is not on the class path or did not load");
                }
                return ACCP;
            default:
                Provider p = Security.getProvider(name);
                if (p == null) {
                    throw new IllegalArgumentException("No JCA provider named '" + name + "' is registered");
                }
                return p;
        }
    }

    /** True when the Corretto provider is present and healthy on this JVM. */
    public static boolean correttoAvailable() {
        return ACCP != null;
    }

    public static Provider bouncyCastle() {
        return BC;
    }

    public String describe() {
        if (jdkOnly) {
            return "JDK";
        }
        return forced == null ? (ACCP != null ? "auto (ACCP, JDK, BC)" : "auto (JDK, BC)") : forced.getName();
    }

    /** Provider for a signature with this private key and JCA algorithm name. */
    public Provider signature(Key key, String algorithm) {
        if (forced != null && !(forced == ACCP && !accpHas("Signature", algorithm))) {
            return forced;
        }
        String keyAlg = key.getAlgorithm().toUpperCase(Locale.ROOT);
        String alg = algorithm.toUpperCase(Locale.ROOT);
        boolean pss = alg.contains("MGF1") || alg.contains("PSS");
        if (jdkOnly) {
            return keyAlg.equals("RSA") ? jdk("SunRsaSign") : jdk("SunEC");
        }
        if (ACCP != null && !pss && (keyAlg.equals("RSA") || keyAlg.equals("EC"))) {
            return ACCP;
        }
        if (keyAlg.equals("RSA") && !pss) {
            return jdk("SunRsaSign");
        }
        return BC;
    }

    /** Provider for verifying signatures (null: the JCA default lookup); RSA and EC verification are cheap enough that BC's coverage wins. */
    public Provider verification() {
        if (jdkOnly) {
            return null;
        }
        return forced != null && forced != ACCP ? forced : BC;
    }

    public Provider digest() {
        if (forced != null) {
            return forced;
        }
        return ACCP != null && !jdkOnly ? ACCP : jdk("SUN");
    }

    /** Provider for content encryption (producing ciphertext). */
    public Provider contentEncryption(String algorithmName) {
        if (forced != null && forced != ACCP) {
            return forced;
        }
        if (!jdkOnly && algorithmName.toUpperCase(Locale.ROOT).contains("CHACHA")) {
            return BC;
        }
        return jdk("SunJCE");
    }

    /**
     * Provider of {@code AES/GCM/NoPadding} for encrypting AuthEnvelopedData without Bouncy Castle's OID-based
     * builder: Corretto when present (three times the JDK's speed), else the JDK; null when a provider other than the
     * JDK's or Corretto was forced (then the builder asks that provider, as before).
     */
    public Provider aesGcmEncryption() {
        if (forced != null && forced != ACCP) {
            return null;
        }
        return ACCP != null && !jdkOnly ? ACCP : Security.getProvider("SunJCE");
    }

    /**
     * Provider for content decryption. Authenticated (AES-GCM, ChaCha20-Poly1305) content always uses Bouncy Castle,
     * also when JDK or ACCP is forced: the JDK's and Corretto's AES-GCM hold the whole ciphertext in memory until the
     * tag is checked, and Bouncy Castle's CMS code asks for the cipher and its parameters by OIDs that neither
     * registers. The component itself withholds the plaintext until the tag has been verified.
     */
    public Provider contentDecryption(boolean authenticated) {
        if (forced != null && forced != ACCP) {
            return forced;
        }
        return authenticated ? BC : jdk("SunJCE");
    }

    /**
     * Provider for decrypting RSA key transport (PKCS#1 v1.5, OAEP) in place of Bouncy Castle's: Corretto when present
     * (about four times faster; the JDK's is no faster than Bouncy Castle's), else null (Bouncy Castle, as
     * {@link #keyManagement()}). Null too when another provider was forced.
     */
    public Provider rsaKeyTransportDecryption() {
        if (jdkOnly || (forced != null && forced != ACCP)) {
            return null;
        }
        return ACCP;
    }

    /**
     * Providers of {@code AES/GCM/NoPadding} for decrypting AES-GCM content of layers small enough to hold (see
     * {@code decrypt.BufferedGcmDecryptor}), in order of preference: Corretto, then the JDK; empty when a provider
     * other than the JDK's or Corretto was forced (Bouncy Castle's streaming GCM then, as before).
     */
    public java.util.List<Provider> aesGcmDecryption() {
        if (forced != null && forced != ACCP) {
            return java.util.List.of();
        }
        Provider jdk = Security.getProvider("SunJCE");
        java.util.List<Provider> list = new java.util.ArrayList<>();
        if (ACCP != null && !jdkOnly) {
            list.add(ACCP);
        }
        if (jdk != null) {
            list.add(jdk);
        }
        return java.util.List.copyOf(list);
    }

    /**
     * Provider of {@code AES/CTR/NoPadding} for encrypting spool files: Corretto when it has it (2.5 does not), else
     * the JDK. Not subject to the {@code provider} option: the key lives only in memory for the life of one temporary
     * file, so an HSM or FIPS provider has nothing to add there.
     */
    public static Provider spoolCipher() {
        return accpHas("Cipher", "AES/CTR/NoPadding") ? ACCP : Security.getProvider("SunJCE");
    }

    /** Provider for key transport / key agreement (null: the JCA default lookup). */
    public Provider keyManagement() {
        if (jdkOnly) {
            return null;
        }
        return forced != null && forced != ACCP ? forced : BC;
    }

    /**
     * Whether Corretto implements this service under the name Bouncy Castle asks for. Forced to {@code ACCP}, the
     * component uses Corretto for each primitive it has (signing, digests) and the automatic choice for the rest:
     * CMS names content ciphers, key transport and key wrap by OIDs that Corretto does not register.
     */
    private static boolean accpHas(String type, String algorithm) {
        return ACCP != null && ACCP.getService(type, algorithm) != null;
    }

    /**
     * Digest calculators for signing and verifying, on {@link #digest()}, fed in blocks (see {@link BufferedDigests});
     * stateless, so one instance serves every message.
     */
    public org.bouncycastle.operator.DigestCalculatorProvider digestCalculators() {
        try {
            return new BufferedDigests(new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder()
                    .setProvider(digest()).build());
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("No digest calculators from " + digest().getName(), e);
        }
    }

    /**
     * The key converted once into the provider's own key type (Corretto otherwise re-imports a JDK key on every
     * {@code initSign}); the key itself when the provider cannot or need not convert it.
     */
    public static java.security.PrivateKey nativeKey(java.security.PrivateKey key, Provider provider) {
        if (provider == null || provider != ACCP) {
            return key;
        }
        try {
            return (java.security.PrivateKey) java.security.KeyFactory.getInstance(key.getAlgorithm(), provider)
                    .translateKey(key);
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return key;
        }
    }

    private static Provider jdk(String name) {
        Provider p = Security.getProvider(name);
        return p != null ? p : BC;
    }

    private static Provider loadBouncyCastle() {
        Provider installed = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        return installed != null ? installed : new BouncyCastleProvider();
    }

    private static Provider loadCorretto() {
        if (Boolean.getBoolean("camel.smime.disableCorretto")) {
            return null;
        }
        try {
            Class<?> type = Class.forName(ACCP_CLASS);
            Provider p = (Provider) type.getField("INSTANCE").get(null);
            Object error = type.getMethod("getLoadingError").invoke(p);
            if (error != null) {
                LOG.debug("Amazon Corretto Crypto Provider present but not usable: {}", error);
                return null;
            }
            type.getMethod("assertHealthy").invoke(p);
            return p;
        } catch (ClassNotFoundException e) {
            return null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.debug("Amazon Corretto Crypto Provider did not load: {}", e.toString());
            return null;
        }
    }
}

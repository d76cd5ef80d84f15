package io.github.camelsmime.trust;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.camelsmime.SmimeCheck;

/**
 * Which signature algorithms and key sizes are strong enough, for the message signature and for every certificate of
 * the validated path. MD5 and MD2 are never accepted; SHA-1 and DSA only when allowed; RSA keys need at least
 * {@code minimumRsaKeySize} bits. The JDK's {@code jdk.certpath.disabledAlgorithms} applies on top during path
 * building (it refuses, for example, RSA keys under 1024 bits whatever is configured here).
 */
public final class AlgorithmPolicy {

    private final boolean allowSha1;
    private final boolean allowDsa;
    private final int minimumRsaKeySize;

    public AlgorithmPolicy(boolean allowSha1, boolean allowDsa, int minimumRsaKeySize) {
        this.allowSha1 = allowSha1;
        this.allowDsa = allowDsa;
        this.minimumRsaKeySize = minimumRsaKeySize;
    }

    /** The defaults: SHA-1 and DSA refused, RSA from 2048 bits. */
    public static AlgorithmPolicy strict() {
        return new AlgorithmPolicy(false, false, 2048);
    }

    /** The message signature: its digest, its signature algorithm and the signer's key. */
    public List<Finding> checkSignature(String digestAlgorithm, String signatureAlgorithm, PublicKey signerKey) {
        List<Finding> findings = new ArrayList<>();
        String weak = weakness(digestAlgorithm + " " + signatureAlgorithm);
        if (weak != null) {
            findings.add(new Finding(SmimeCheck.WEAK_ALGORITHM, "the message signature uses " + weak));
        }
        checkKey(signerKey, "the signer", findings);
        return findings;
    }

    /**
     * Every certificate of a validated path: the signature algorithm of each issued certificate (the trust anchor's
     * self-signature is not relied on) and every public key, the anchor's included.
     */
    public List<Finding> checkPath(List<X509Certificate> issued, X509Certificate anchor) {
        List<Finding> findings = new ArrayList<>();
        for (X509Certificate cert : issued) {
            String weak = weakness(cert.getSigAlgName());
            if (weak != null) {
                findings.add(new Finding(SmimeCheck.WEAK_ALGORITHM, "certificate "
                        + cert.getSubjectX500Principal().getName() + " is signed with " + weak));
            }
            checkKey(cert.getPublicKey(), "certificate " + cert.getSubjectX500Principal().getName(), findings);
        }
        if (anchor != null) {
            checkKey(anchor.getPublicKey(), "trust anchor " + anchor.getSubjectX500Principal().getName(), findings);
        }
        return findings;
    }

    private void checkKey(PublicKey key, String whose, List<Finding> findings) {
        if (key == null) {
            return;
        }
        String algorithm = key.getAlgorithm().toUpperCase(Locale.ROOT);
        if (key instanceof RSAKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < minimumRsaKeySize) {
                findings.add(new Finding(SmimeCheck.WEAK_ALGORITHM, whose + " has a " + bits + "-bit RSA key (at least "
                        + minimumRsaKeySize + " required)"));
            }
        } else if (algorithm.equals("DSA") && !allowDsa) {
            findings.add(new Finding(SmimeCheck.WEAK_ALGORITHM, whose + " has a DSA key"));
        }
    }

    /** The weak algorithm named in a JCA or CMS algorithm name, or null when it is acceptable. */
    String weakness(String names) {
        String n = names.toUpperCase(Locale.ROOT).replace("-", "");
        if (n.contains("MD5") || n.contains("MD2")) {
            return n.contains("MD5") ? "MD5" : "MD2";
        }
        if (!allowSha1 && n.contains("SHA1")) {
            return "SHA-1";
        }
        if (!allowDsa && n.contains("DSA") && !n.contains("ECDSA")) {
            return "DSA";
        }
        return null;
    }
}

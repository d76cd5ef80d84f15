package io.github.camelsmime.sign;

import java.security.PrivateKey;
import java.security.interfaces.ECKey;
import java.util.Locale;

/** Default and normalized JCA signature algorithm names for a signer key. */
public final class SignatureAlgorithms {

    private SignatureAlgorithms() {
    }

    /**
     * The algorithm to use: the configured one (normalized to Bouncy Castle's names) or a default for the key:
     * SHA256withRSA, SHA256withECDSA (P-256), SHA384withECDSA (P-384), SHA512withECDSA (P-521), Ed25519.
     */
    public static String choose(String configured, PrivateKey key) {
        if (configured != null && !configured.isBlank()) {
            return normalize(configured);
        }
        String alg = key.getAlgorithm().toUpperCase(Locale.ROOT);
        switch (alg) {
            case "RSA":
                return "SHA256withRSA";
            case "EC":
            case "ECDSA":
                return "SHA" + ecDigestBits(key) + "withECDSA";
            case "ED25519":
            case "EDDSA":
                return "Ed25519";
            case "ED448":
                return "Ed448";
            default:
                throw new IllegalArgumentException("No default signature algorithm for a " + alg + " key");
        }
    }

    private static int ecDigestBits(PrivateKey key) {
        if (key instanceof ECKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits > 384) {
                return 512;
            }
            if (bits > 256) {
                return 384;
            }
        }
        return 256;
    }

    /** Accepts common spellings: SHA256withRSA/PSS, RSASSA-PSS-SHA256, SHA-256withRSA. */
    static String normalize(String name) {
        String n = name.trim();
        String upper = n.toUpperCase(Locale.ROOT).replace("SHA-", "SHA");
        if (upper.endsWith("WITHRSA/PSS") || upper.endsWith("WITHRSAANDMGF1")) {
            return upper.substring(0, upper.indexOf("WITH")) + "withRSAandMGF1";
        }
        if (upper.startsWith("RSASSA-PSS")) {
            String digest = upper.contains("512") ? "SHA512" : upper.contains("384") ? "SHA384" : "SHA256";
            return digest + "withRSAandMGF1";
        }
        if (upper.equals("ED25519") || upper.equals("ED448")) {
            return upper.equals("ED25519") ? "Ed25519" : "Ed448";
        }
        int with = upper.indexOf("WITH");
        if (with > 0) {
            return upper.substring(0, with) + "with" + upper.substring(with + 4);
        }
        return n;
    }
}

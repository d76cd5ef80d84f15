package io.github.camelsmime.encrypt;

import java.util.Locale;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;

/**
 * Content encryption algorithms. The authenticated ones produce AuthEnvelopedData (RFC 5083); the CBC ones produce
 * EnvelopedData for legacy recipients.
 */
public enum ContentEncryption {
    AES_256_GCM("AES-256-GCM", CMSAlgorithm.AES256_GCM, true),
    AES_128_GCM("AES-128-GCM", CMSAlgorithm.AES128_GCM, true),
    CHACHA20_POLY1305("ChaCha20-Poly1305", CMSAlgorithm.ChaCha20Poly1305, true),
    AES_256_CBC("AES-256-CBC", CMSAlgorithm.AES256_CBC, false),
    AES_192_CBC("AES-192-CBC", CMSAlgorithm.AES192_CBC, false),
    AES_128_CBC("AES-128-CBC", CMSAlgorithm.AES128_CBC, false);

    private final String displayName;
    private final ASN1ObjectIdentifier oid;
    private final boolean authenticated;

    ContentEncryption(String displayName, ASN1ObjectIdentifier oid, boolean authenticated) {
        this.displayName = displayName;
        this.oid = oid;
        this.authenticated = authenticated;
    }

    public String displayName() {
        return displayName;
    }

    public ASN1ObjectIdentifier oid() {
        return oid;
    }

    public boolean isAuthenticated() {
        return authenticated;
    }

    /** Accepts {@code AES_256_GCM}, {@code AES-256-GCM}, {@code aes256-gcm} and similar spellings. */
    public static ContentEncryption parse(String text) {
        String key = text.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (ContentEncryption c : values()) {
            if (c.name().replace("_", "").equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("Unknown encryption algorithm '" + text + "'");
    }

    /** The display name for a content encryption OID found in a message, or the dotted OID when unknown. */
    public static String nameOf(String oid) {
        for (ContentEncryption c : values()) {
            if (c.oid.getId().equals(oid)) {
                return c.displayName;
            }
        }
        return switch (oid) {
            case "1.2.840.113549.3.7" -> "DES-EDE3-CBC";
            case "1.2.840.113549.3.2" -> "RC2-CBC";
            case "1.3.14.3.2.7" -> "DES-CBC";
            case "2.16.840.1.101.3.4.1.26" -> "AES-192-GCM";
            default -> oid;
        };
    }
}

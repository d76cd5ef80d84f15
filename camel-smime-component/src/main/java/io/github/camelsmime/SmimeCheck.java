package io.github.camelsmime;

/**
 * Every check a verdict can fail, with the short code used in headers, the JSON sidecar and
 * {@code Authentication-Results}, and the exception type a failure of it becomes. The order is the order of
 * precedence: when several checks fail, the earliest one names the exception.
 */
public enum SmimeCheck {
    /** decrypt was asked for, but the message is not encrypted. */
    NOT_ENCRYPTED("not-encrypted", Kind.FORMAT),
    /** Decryption failed, or unauthenticated (CBC) content was refused; deliberately one code for all. */
    DECRYPTION("decryption-failed", Kind.DECRYPTION),
    /** A signature does not verify: tampered content, tampered signature, embedded content, bad digest set. */
    SIGNATURE("signature", Kind.SIGNATURE),
    /** Nothing signs the content (or the signature only covers ciphertext, or the SignedData has no signers). */
    NOT_SIGNED("not-signed", Kind.SIGNATURE),
    /** A part of the message is signed, but not its root: never reported as a signed message. */
    PARTIALLY_SIGNED("partially-signed", Kind.SIGNATURE),
    /** No certification path from the signer to a configured trust anchor. */
    PATH("path", Kind.TRUST),
    EXPIRED("expired", Kind.TRUST),
    NOT_YET_VALID("not-yet-valid", Kind.TRUST),
    REVOKED("revoked", Kind.TRUST),
    /** keyUsage present without digitalSignature or nonRepudiation. */
    KEY_USAGE("key-usage", Kind.TRUST),
    /** extendedKeyUsage present without emailProtection or anyExtendedKeyUsage. */
    EXT_KEY_USAGE("ext-key-usage", Kind.TRUST),
    /** MD5 or SHA-1 signatures, short RSA keys, DSA. */
    WEAK_ALGORITHM("weak-algorithm", Kind.TRUST),
    /** No source could tell whether a certificate is revoked, and requireRevocationStatus is set. */
    REVOCATION_UNKNOWN("revocation-unknown", Kind.TRUST),
    /** The From (or Sender) address is not an address of a signer, or the message has several From fields. */
    SENDER("sender-mismatch", Kind.TRUST);

    /** Which exception type a failure becomes. */
    public enum Kind {
        FORMAT, DECRYPTION, SIGNATURE, TRUST
    }

    private final String code;
    private final Kind kind;

    SmimeCheck(String code, Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    /** The typed exception for a failure of this check. */
    public SmimeException exception(String message) {
        return switch (kind) {
            case FORMAT -> new SmimeFormatException(this, message);
            // one message for every decryption failure; the detail stays in the cause for the operator
            case DECRYPTION -> new SmimeDecryptionException(SmimeDecryptionException.MESSAGE,
                    new SmimeException(message));
            case SIGNATURE -> new SmimeSignatureException(this, message);
            case TRUST -> new SmimeTrustException(this, message);
        };
    }


    @Override
    public String toString() {
        return code;
    }
}

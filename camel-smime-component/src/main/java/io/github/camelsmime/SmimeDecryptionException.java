package io.github.camelsmime;

/**
 * The message could not be decrypted. Deliberately the same for a wrong key and for corrupted ciphertext, so that the sender learns nothing about which step failed.
 */
public class SmimeDecryptionException extends SmimeException {
    /** The short failure code put into headers and problem responses. */
    public static final String REASON = "decryption-failed";
    private static final long serialVersionUID = 1L;

    public SmimeDecryptionException(String message) {
        super(message);
    }

    public SmimeDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String getReason() {
        return REASON;
    }
}

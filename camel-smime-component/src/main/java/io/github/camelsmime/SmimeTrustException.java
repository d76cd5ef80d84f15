package io.github.camelsmime;

/**
 * The signature is correct but the signer is not trusted: no path to a trust anchor, expired, revoked, wrong key usage, weak algorithm, sender mismatch.
 */
public class SmimeTrustException extends SmimeException {
    /** The short failure code put into headers and problem responses. */
    public static final String REASON = "untrusted";
    private static final long serialVersionUID = 1L;

    public SmimeTrustException(String message) {
        super(message);
    }

    public SmimeTrustException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String getReason() {
        return REASON;
    }
}

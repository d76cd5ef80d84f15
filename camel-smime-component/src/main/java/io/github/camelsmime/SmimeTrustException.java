package io.github.camelsmime;

/**
 * The signature is correct but the signer is not trusted: no path to a trust anchor, expired, revoked, wrong key usage, weak algorithm, sender mismatch.
 */
public class SmimeTrustException extends SmimeException {
    private static final long serialVersionUID = 1L;

    public SmimeTrustException(String message) {
        super(message);
    }

    public SmimeTrustException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String getReason() {
        return "untrusted";
    }
}

package io.github.camelsmime;

/**
 * A signature is missing where one is required, or a signer's math does not verify (tampered content, tampered signature, content that does not match).
 */
public class SmimeSignatureException extends SmimeException {
    /** The short failure code put into headers and problem responses. */
    public static final String REASON = "signature-invalid";
    private static final long serialVersionUID = 1L;

    public SmimeSignatureException(String message) {
        super(message);
    }

    public SmimeSignatureException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String getReason() {
        return REASON;
    }
}

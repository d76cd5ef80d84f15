package io.github.camelsmime;

/**
 * Base of every failure the component reports. Subclasses say which check failed, so a route can
 * {@code onException(SmimeSignatureException.class)} and so on. Messages never contain key material or passwords.
 */
public class SmimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SmimeException(String message) {
        super(message);
    }

    public SmimeException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A short machine-friendly name of the failure class, used in headers and problem responses. */
    public String getReason() {
        return "smime-error";
    }
}

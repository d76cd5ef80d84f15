package io.github.camelsmime;

/**
 * Base of every failure the component reports. Subclasses say which check failed, so a route can
 * {@code onException(SmimeSignatureException.class)} and so on. Messages never contain key material or passwords.
 */
public class SmimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final SmimeCheck check;

    public SmimeException(String message) {
        this(null, message, null);
    }

    public SmimeException(String message, Throwable cause) {
        this(null, message, cause);
    }

    protected SmimeException(SmimeCheck check, String message, Throwable cause) {
        super(message, cause);
        this.check = check;
    }

    /** A short machine-friendly name of the failure class, used in headers and problem responses. */
    public String getReason() {
        return "smime-error";
    }

    /**
     * The code of the check that failed (see {@link SmimeCheck}), finer than {@link #getReason()}: for example
     * {@code expired}, {@code sender-mismatch} or {@code partially-signed}. Defaults to the reason.
     */
    public String getCheck() {
        return check != null ? check.code() : getReason();
    }

    /** The failed check, or null when this failure is not one of the verdict's checks. */
    public SmimeCheck check() {
        return check;
    }
}

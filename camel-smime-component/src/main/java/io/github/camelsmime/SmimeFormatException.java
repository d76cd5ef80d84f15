package io.github.camelsmime;

/**
 * The input is not a well-formed MIME entity or CMS structure the component can read, or it is not what the operation expects.
 */
public class SmimeFormatException extends SmimeException {
    /** The short failure code put into headers and problem responses. */
    public static final String REASON = "malformed";
    private static final long serialVersionUID = 1L;

    public SmimeFormatException(String message) {
        super(message);
    }

    public SmimeFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String getReason() {
        return REASON;
    }
}

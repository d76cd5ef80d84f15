package io.github.camelsmime;

/**
 * A configured limit was exceeded: nesting depth, inflated size, number of signers or recipients, header or ASN.1 size.
 */
public class SmimeLimitException extends SmimeException {
    /** The short failure code put into headers and problem responses. */
    public static final String REASON = "limit-exceeded";
    private static final long serialVersionUID = 1L;

    public SmimeLimitException(String message) {
        super(message);
    }

    public SmimeLimitException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String getReason() {
        return REASON;
    }
}

package io.github.camelsmime;

/**
 * A configured limit was exceeded: nesting depth, inflated size, MIME parts, header block size, certificates carried or
 * checked in a path search, number of signers or recipients, ASN.1 size. The input is not processed further; the
 * original stays with the exchange.
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

package io.github.camelsmime.crypto;

import java.io.InputStream;

import io.github.camelsmime.SmimeException;
import io.github.camelsmime.SmimeFormatException;
import io.github.camelsmime.SmimeLimitException;
import org.bouncycastle.asn1.ASN1InputStream;

/**
 * Bounds what Bouncy Castle may believe about a CMS stream. Its parsers allocate a buffer of the declared length when
 * they load a definite-length element (a certificate set, a SignerInfo, an OID); given a plain stream they accept any
 * length up to the heap size. Wrapped here, a declared length beyond the bytes that can really follow fails at once,
 * before any allocation, and becomes a {@link SmimeLimitException}.
 */
public final class CmsInput {

    private CmsInput() {
    }

    /**
     * @param in       the CMS encoding
     * @param maxBytes how many bytes the encoding can have at most (for example the size of the MIME part holding it)
     */
    public static InputStream bounded(InputStream in, long maxBytes) {
        return new ASN1InputStream(in, (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxBytes)));
    }

    /** Whether a parser failure was a declared ASN.1 length that is larger than the data or than an int. */
    public static boolean isLengthOverflow(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("out of bounds length") || m.contains("definite-length more than")
                    || m.contains("too large for int") || m.contains("negative length"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * The exception for a CMS stream that could not be read: {@link SmimeLimitException} for a declared length beyond
     * the data, {@link SmimeFormatException} for anything else. Give it every failure of a Bouncy Castle parser,
     * including its runtime exceptions: it reports malformed input with those too (an element of an unexpected type
     * is a ClassCastException, a wrong element count an IllegalArgumentException, a missing one a
     * NullPointerException).
     */
    public static SmimeException unreadable(String what, Throwable failure) {
        if (isLengthOverflow(failure)) {
            return new SmimeLimitException(what + ": a CMS element declares a length larger than the data it arrives"
                    + " in", failure);
        }
        return new SmimeFormatException(what + ": " + reason(failure), failure);
    }

    /**
     * Bouncy Castle's own words when it names the problem in the encoding ("corrupted stream", "unexpected end of
     * data", ...); a fixed text when all there is is the text of a runtime exception, which names Java classes and
     * not what is wrong with the message.
     */
    static String reason(Throwable failure) {
        String m = failure.getMessage();
        if (failure instanceof RuntimeException || m == null || m.isBlank() || m.contains("org.bouncycastle.")
                || m.contains("java.") || m.contains("cannot be cast")) {
            return "the CMS structure is malformed (an element is missing, or has an unexpected type, tag or number"
                    + " of fields)";
        }
        return m;
    }
}

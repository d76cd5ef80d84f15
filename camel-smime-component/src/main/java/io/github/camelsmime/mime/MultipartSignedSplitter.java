package io.github.camelsmime.mime;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Finds, in the raw body of a multipart/signed entity, the exact bytes of the signed part and of the signature part
 * (RFC 1847, RFC 2046 section 5.1.1): the signed content is everything between the CRLF that ends the first
 * delimiter line and the CRLF that precedes the next one. Verifying these bytes, and not a re-serialization of a
 * parsed part, is what makes real-world messages verify (header folding, blank lines, epilogues stay as sent).
 * Works in one streaming pass with no buffer larger than a line prefix.
 */
public final class MultipartSignedSplitter {

    /** Byte ranges relative to the start of the body; ends are exclusive. */
    public record Ranges(long contentStart, long contentEnd, long signatureStart, long signatureEnd) {
    }

    private MultipartSignedSplitter() {
    }

    public static Ranges split(InputStream body, String boundary) throws IOException {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        InputStream in = body instanceof BufferedInputStream ? body : new BufferedInputStream(body, 65536);
        long position = 0;
        long[] contentEndBefore = new long[3];
        long[] afterDelimiterLine = new long[3];
        int found = 0;
        boolean closeSeen = false;
        byte[] prefix = new byte[delimiter.length + 2];
        boolean previousLineEndedWithCr = false;
        while (found < 3 && !closeSeen) {
            long lineStart = position;
            int prefixLength = 0;
            int c;
            int last = -1;
            boolean eol = false;
            while ((c = in.read()) >= 0) {
                position++;
                if (c == '\n') {
                    eol = true;
                    break;
                }
                last = c;
                if (prefixLength < prefix.length) {
                    prefix[prefixLength++] = (byte) c;
                }
            }
            if (isDelimiter(prefix, prefixLength, delimiter)) {
                // the line break before a delimiter belongs to the delimiter, not to the part
                contentEndBefore[found] = lineStart == 0 ? 0 : lineStart - (previousLineEndedWithCr ? 2 : 1);
                afterDelimiterLine[found] = position;
                closeSeen = prefixLength >= delimiter.length + 2 && prefix[delimiter.length] == '-'
                        && prefix[delimiter.length + 1] == '-';
                found++;
            }
            previousLineEndedWithCr = last == '\r';
            if (!eol) {
                break;
            }
        }
        if (found < 3) {
            throw new IOException("multipart/signed must hold exactly two parts; found " + Math.max(0, found - 1)
                    + " complete part(s) for boundary \"" + boundary + "\"");
        }
        if (!closeSeen) {
            throw new IOException("multipart/signed holds more than two parts");
        }
        return new Ranges(afterDelimiterLine[0], contentEndBefore[1], afterDelimiterLine[1], contentEndBefore[2]);
    }

    private static boolean isDelimiter(byte[] prefix, int length, byte[] delimiter) {
        if (length < delimiter.length) {
            return false;
        }
        for (int i = 0; i < delimiter.length; i++) {
            if (prefix[i] != delimiter[i]) {
                return false;
            }
        }
        if (length == delimiter.length) {
            return true;
        }
        // after the boundary only "--", transport padding (spaces, tabs) or the CR of the line break may follow
        for (int i = delimiter.length; i < length; i++) {
            byte b = prefix[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '-') {
                return false;
            }
        }
        return true;
    }
}

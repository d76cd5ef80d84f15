package io.github.camelsmime.mime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Finds, in the raw body of a multipart/signed entity, the exact bytes of the signed part and of the signature part
 * (RFC 1847, RFC 2046 section 5.1.1): the signed content is everything between the CRLF that ends the first
 * delimiter line and the CRLF that precedes the next one. Verifying these bytes, and not a re-serialization of a
 * parsed part, is what makes real-world messages verify (header folding, blank lines, epilogues stay as sent).
 * Works in one streaming pass over 64 KiB blocks, keeping no more of a line than its first bytes.
 */
public final class MultipartSignedSplitter {

    /** Byte ranges relative to the start of the body; ends are exclusive. */
    public record Ranges(long contentStart, long contentEnd, long signatureStart, long signatureEnd) {
    }

    private MultipartSignedSplitter() {
    }

    public static Ranges split(InputStream body, String boundary) throws IOException {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] buf = new byte[65536];
        long base = 0;
        long[] contentEndBefore = new long[3];
        long[] afterDelimiterLine = new long[3];
        int found = 0;
        boolean closeSeen = false;
        byte[] prefix = new byte[delimiter.length + 2];
        // the line being read: where it starts, its first bytes, its last byte before the LF
        long lineStart = 0;
        int prefixLength = 0;
        int last = -1;
        boolean previousLineEndedWithCr = false;
        int n;
        scan:
        while ((n = body.read(buf, 0, buf.length)) >= 0) {
            int i = 0;
            while (i < n) {
                // bytes of the current line up to the LF (or the end of the buffer)
                int lf = i;
                while (lf < n && buf[lf] != '\n') {
                    lf++;
                }
                int take = Math.min(lf - i, prefix.length - prefixLength);
                if (take > 0) {
                    System.arraycopy(buf, i, prefix, prefixLength, take);
                    prefixLength += take;
                }
                if (lf > i) {
                    last = buf[lf - 1] & 0xff;
                }
                if (lf == n) {
                    break;
                }
                long position = base + lf + 1;
                if (isDelimiter(prefix, prefixLength, delimiter)) {
                    // the line break before a delimiter belongs to the delimiter, not to the part
                    contentEndBefore[found] = lineStart == 0 ? 0 : lineStart - (previousLineEndedWithCr ? 2 : 1);
                    afterDelimiterLine[found] = position;
                    closeSeen = isClose(prefix, prefixLength, delimiter);
                    found++;
                    if (found == 3 || closeSeen) {
                        break scan;
                    }
                }
                previousLineEndedWithCr = last == '\r';
                lineStart = position;
                prefixLength = 0;
                last = -1;
                i = lf + 1;
            }
            base += n;
        }
        if (found < 3 && !closeSeen && base > lineStart && isDelimiter(prefix, prefixLength, delimiter)) {
            // a last delimiter line without a line break
            contentEndBefore[found] = lineStart == 0 ? 0 : lineStart - (previousLineEndedWithCr ? 2 : 1);
            afterDelimiterLine[found] = base;
            closeSeen = isClose(prefix, prefixLength, delimiter);
            found++;
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

    private static boolean isClose(byte[] prefix, int length, byte[] delimiter) {
        return length >= delimiter.length + 2 && prefix[delimiter.length] == '-'
                && prefix[delimiter.length + 1] == '-';
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

package io.github.camelsmime.mime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads text with canonical CRLF line endings, turning bare LF and bare CR into CRLF: the form a signature over a
 * MIME entity is computed on (RFC 8551 section 3.1.1), whatever a mail store did to the line endings since.
 */
public final class CanonicalInputStream extends FilterInputStream {

    private static final int CHUNK = 32768;

    private final byte[] raw = new byte[CHUNK];
    // each raw byte expands to at most two, plus one owed LF from a CR at the end of the previous chunk
    private final byte[] expanded = new byte[2 * CHUNK + 1];
    private int pos;
    private int limit;
    private boolean lastWasCr;
    private boolean eof;

    public CanonicalInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return expanded[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == limit && !fill()) {
            return -1;
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(expanded, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return limit - pos;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private boolean fill() throws IOException {
        pos = 0;
        limit = 0;
        while (limit == 0) {
            if (eof) {
                return false;
            }
            int n = in.read(raw, 0, CHUNK);
            if (n < 0) {
                eof = true;
                if (lastWasCr) {
                    expanded[limit++] = '\n';
                    lastWasCr = false;
                }
                return limit > 0;
            }
            for (int i = 0; i < n; i++) {
                byte c = raw[i];
                if (c == '\n') {
                    if (!lastWasCr) {
                        expanded[limit++] = '\r';
                    }
                    expanded[limit++] = '\n';
                    lastWasCr = false;
                } else {
                    if (lastWasCr) {
                        expanded[limit++] = '\n';
                    }
                    expanded[limit++] = c;
                    lastWasCr = c == '\r';
                }
            }
        }
        return true;
    }
}

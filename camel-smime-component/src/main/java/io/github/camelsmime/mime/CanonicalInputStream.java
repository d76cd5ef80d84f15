package io.github.camelsmime.mime;

import java.io.InputStream;

/**
 * Reads text with canonical CRLF line endings, turning bare LF and bare CR into CRLF: the form a signature over a
 * MIME entity is computed on (RFC 8551 section 3.1.1), whatever a mail store did to the line endings since.
 */
public final class CanonicalInputStream extends BlockTransformStream {

    private static final int CHUNK = 32768;

    // each raw byte expands to at most two, plus one owed LF from a CR at the end of the previous chunk
    private final byte[] expanded = new byte[2 * CHUNK + 1];
    private boolean lastWasCr;

    public CanonicalInputStream(InputStream in) {
        super(in, CHUNK);
        view = expanded;
    }

    @Override
    protected void atEnd() {
        view = expanded;
        if (lastWasCr) {
            expanded[limit++] = '\n';
            lastWasCr = false;
        }
    }

    /**
     * Copies runs of ordinary bytes in bulk and only stops at CR and LF; a chunk that is already canonical is
     * served from the read buffer as it is.
     */
    @Override
    protected void transform(int n) {
        boolean cr = lastWasCr;
        int runStart = 0;
        int out = 0;
        boolean changed = false;
        for (int i = 0; i < n; i++) {
            byte c = raw[i];
            if (c != '\n' && c != '\r') {
                if (cr) {
                    // bare CR (already emitted) before an ordinary byte: add its LF
                    System.arraycopy(raw, runStart, expanded, out, i - runStart);
                    out += i - runStart;
                    expanded[out++] = '\n';
                    runStart = i;
                    changed = true;
                    cr = false;
                }
                continue;
            }
            if (c == '\n') {
                if (!cr) {
                    // bare LF: a CR goes before it
                    System.arraycopy(raw, runStart, expanded, out, i - runStart);
                    out += i - runStart;
                    expanded[out++] = '\r';
                    runStart = i;
                    changed = true;
                }
                cr = false;
            } else {
                if (cr) {
                    // CR after a bare CR: complete the first one
                    System.arraycopy(raw, runStart, expanded, out, i - runStart);
                    out += i - runStart;
                    expanded[out++] = '\n';
                    runStart = i;
                    changed = true;
                }
                cr = true;
            }
        }
        lastWasCr = cr;
        if (!changed) {
            view = raw;
            limit = n;
            return;
        }
        System.arraycopy(raw, runStart, expanded, out, n - runStart);
        view = expanded;
        limit = out + n - runStart;
    }
}

package io.github.camelsmime.mime;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Canonical line endings (RFC 5322 / RFC 8551 section 3.1.1): every bare LF and bare CR becomes CRLF. Works on whole
 * buffers so that large bodies are not pushed through one byte at a time.
 */
public final class CrlfOutputStream extends FilterOutputStream {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] CRLF = { CR, LF };

    private boolean lastWasCr;

    public CrlfOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int runStart = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (c == LF) {
                if (lastWasCr) {
                    // CRLF already complete: the CR was written as part of the previous run
                    lastWasCr = false;
                    continue;
                }
                out.write(b, runStart, i - runStart);
                out.write(CRLF);
                runStart = i + 1;
            } else {
                if (lastWasCr) {
                    // bare CR: we already emitted the CR, add the missing LF before this byte
                    out.write(b, runStart, i - runStart);
                    out.write(LF);
                    runStart = i;
                }
                lastWasCr = c == CR;
            }
        }
        out.write(b, runStart, end - runStart);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Completes a trailing bare CR; does not close the underlying stream. */
    public void finish() throws IOException {
        if (lastWasCr) {
            out.write(LF);
            lastWasCr = false;
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }
}

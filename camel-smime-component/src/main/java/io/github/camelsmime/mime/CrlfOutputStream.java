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
        if (len <= 0) {
            return;
        }
        int end = off + len;
        int runStart = off;
        int i = off;
        if (lastWasCr) {
            // the previous write ended with a CR (already written)
            lastWasCr = false;
            if (b[off] == LF) {
                i = off + 1;
            } else {
                out.write(LF);
            }
        }
        while (true) {
            // runs of canonical text (CRLF pairs included) are passed on whole; only a bare CR or LF needs work
            int p = ByteScan.nextBareCrOrLf(b, i, end);
            if (p == end) {
                break;
            }
            if (b[p] == CR) {
                if (p + 1 == end) {
                    // whether it is bare is known with the next byte; written with the run
                    lastWasCr = true;
                    break;
                }
                if (b[p + 1] == LF) {
                    i = p + 2;
                } else {
                    out.write(b, runStart, p + 1 - runStart);
                    out.write(LF);
                    runStart = p + 1;
                    i = p + 1;
                }
            } else {
                // an LF not preceded by CR (a CRLF was skipped above)
                out.write(b, runStart, p - runStart);
                out.write(CRLF);
                runStart = p + 1;
                i = p + 1;
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

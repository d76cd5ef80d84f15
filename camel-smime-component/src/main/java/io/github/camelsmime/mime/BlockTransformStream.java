package io.github.camelsmime.mime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter that reads the stream below in blocks and serves reads from what it made of the last block: the one refill
 * loop of the decoding ({@link Base64DecodingStream}) and canonicalizing ({@link CanonicalInputStream}) streams. A
 * subclass turns {@code raw[0, n)} into {@code view[0, limit)} and may end the stream early.
 */
abstract class BlockTransformStream extends FilterInputStream {

    /** The block read from below. */
    protected final byte[] raw;
    /** What reads are served from ({@link #raw} itself when a block needed no change), up to {@link #limit}. */
    protected byte[] view;
    protected int limit;
    private int pos;
    private boolean ended;

    protected BlockTransformStream(InputStream in, int blockSize) {
        super(in);
        this.raw = new byte[blockSize];
    }

    /** Makes {@code view[0, limit)} of the {@code n} bytes just read into {@link #raw}. */
    protected abstract void transform(int n);

    /** The stream below ended: adds what is still owed (if anything) at {@code view[limit]}. */
    protected abstract void atEnd();

    /** Ends the stream after what the current block produced; nothing more is read from below. */
    protected final void end() {
        ended = true;
    }

    private boolean fill() throws IOException {
        pos = 0;
        limit = 0;
        while (limit == 0) {
            if (ended) {
                return false;
            }
            int n = in.read(raw, 0, raw.length);
            if (n < 0) {
                ended = true;
                atEnd();
                return limit > 0;
            }
            transform(n);
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return view[pos++] & 0xff;
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
        System.arraycopy(view, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n) {
            if (pos == limit && !fill()) {
                break;
            }
            int step = (int) Math.min(n - skipped, limit - pos);
            pos += step;
            skipped += step;
        }
        return skipped;
    }

    @Override
    public int available() {
        return limit - pos;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}

package io.github.camelsmime.mime;

import java.io.InputStream;

import jakarta.mail.internet.SharedInputStream;

/**
 * A window [start, end) of spooled content with its read position: what the in-memory ({@link Chunks}) and the
 * on-disk ({@link SpoolFile}) readers share, and what Jakarta Mail's {@code SharedInputStream} contract asks of both
 * (positions relative to the window, mark and reset, windows of windows).
 */
abstract class SharedWindow extends InputStream implements SharedInputStream {
    protected final long start;
    protected final long end;
    protected long pos;
    private long mark;

    protected SharedWindow(long start, long end) {
        this.start = start;
        this.end = end;
        this.pos = start;
        this.mark = start;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - pos));
        pos += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - pos);
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public void mark(int readLimit) {
        mark = pos;
    }

    @Override
    public void reset() {
        pos = mark;
    }

    @Override
    public long getPosition() {
        return pos - start;
    }

    /** The absolute end of a window [from, to) of this one ({@code to == -1}: to this window's end). */
    protected long endOf(long from, long to) {
        if (from < 0) {
            throw new IllegalArgumentException("start < 0");
        }
        return to == -1 ? end : start + to;
    }
}

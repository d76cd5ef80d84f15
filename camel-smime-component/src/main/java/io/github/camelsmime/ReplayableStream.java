package io.github.camelsmime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;

import io.github.camelsmime.mime.Spool;

/**
 * The body the component hands out: a stream over content that lives in a spool (memory or temporary file), which
 * Camel can read again ({@link StreamCache}) without the component ever holding the whole message in a byte array.
 * When it reads a whole spool, the next smime step shares that spool instead of copying it ({@link Spool.Backed}).
 */
final class ReplayableStream extends InputStream implements StreamCache, Spool.Backed {

    /** Opens the content from the start. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    private final Source source;
    private final Spool spool;
    private final long length;
    /** Shared by copies: set once somebody read the content to its end. */
    private final AtomicBoolean consumed;
    private InputStream current;
    private long position;

    ReplayableStream(Source source, long length) {
        this(source, null, length, new AtomicBoolean());
    }

    private ReplayableStream(Source source, Spool spool, long length, AtomicBoolean consumed) {
        this.source = source;
        this.spool = spool;
        this.length = length;
        this.consumed = consumed;
    }

    /** The whole content of a sealed spool. */
    static ReplayableStream of(Spool spool) {
        return new ReplayableStream(spool::open, spool, spool.size(), new AtomicBoolean());
    }

    private InputStream current() throws IOException {
        if (current == null) {
            current = source.open();
        }
        return current;
    }

    @Override
    public int read() throws IOException {
        int b = current().read();
        if (b >= 0) {
            position++;
        } else {
            consumed.set(true);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = current().read(b, off, len);
        if (n > 0) {
            position += n;
        } else if (n < 0) {
            consumed.set(true);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = current().skip(n);
        position += skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return current().available();
    }

    @Override
    public void reset() {
        try {
            if (current != null) {
                current.close();
            }
        } catch (IOException ignored) {
            // reopened below either way
        }
        current = null;
        position = 0;
    }

    @Override
    public void close() {
        reset();
    }

    @Override
    public void writeTo(OutputStream os) throws IOException {
        try (InputStream in = source.open()) {
            in.transferTo(os);
        }
        consumed.set(true);
    }

    @Override
    public StreamCache copy(Exchange exchange) {
        return new ReplayableStream(source, spool, length, consumed);
    }

    @Override
    public boolean inMemory() {
        return spool != null && spool.inMemory();
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public Spool unreadSpool() {
        return spool != null && position == 0 ? spool : null;
    }

    /** A fresh {@code SharedInputStream} over the whole content when it is a spool, else null. */
    InputStream sharedStream() {
        return spool != null ? spool.open() : null;
    }

    /** True once the content was read to its end by anyone (this stream or a copy). */
    boolean consumed() {
        return consumed.get();
    }
}

package io.github.camelsmime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;

/**
 * The body the component hands out: a stream over content that lives in a spool (memory or temporary file), which
 * Camel can read again ({@link StreamCache}) without the component ever holding the whole message in a byte array.
 */
final class ReplayableStream extends InputStream implements StreamCache {

    /** Opens the content from the start. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    private final Source source;
    private final long length;
    private InputStream current;
    private long position;

    ReplayableStream(Source source, long length) {
        this.source = source;
        this.length = length;
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
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = current().read(b, off, len);
        if (n > 0) {
            position += n;
        }
        return n;
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
    }

    @Override
    public StreamCache copy(Exchange exchange) {
        return new ReplayableStream(source, length);
    }

    @Override
    public boolean inMemory() {
        return false;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long position() {
        return position;
    }
}

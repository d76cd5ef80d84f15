package io.github.camelsmime.mime;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.util.SharedByteArrayInputStream;
import jakarta.mail.util.SharedFileInputStream;

/**
 * A write-once byte store that stays in memory up to a threshold and moves to a temporary file beyond it. Reading
 * gives a Jakarta Mail {@code SharedInputStream}, so a message parsed from it keeps its parts as windows into the
 * spool instead of copies: this is what lets a gigabyte message pass in constant heap.
 */
public final class Spool implements Closeable {

    /** Default in-memory threshold; larger content goes to disk. */
    public static final int DEFAULT_THRESHOLD = 1 << 20;

    private final int threshold;
    private final Path directory;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream(8192);
    private Path file;
    private OutputStream fileOut;
    private long size;
    private boolean sealed;
    private final List<Closeable> readers = new ArrayList<>();

    public Spool() {
        this(DEFAULT_THRESHOLD, null);
    }

    public Spool(int threshold, Path directory) {
        this.threshold = threshold;
        this.directory = directory;
    }

    /** Copies a whole stream into a new spool. */
    public static Spool of(InputStream in) throws IOException {
        Spool spool = new Spool();
        try (OutputStream out = spool.output()) {
            in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
        return spool;
    }

    /** The stream to fill the spool with; closing it seals the spool for reading. */
    public OutputStream output() {
        if (sealed) {
            throw new IllegalStateException("spool already written");
        }
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] { (byte) b }, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (fileOut == null && memory.size() + (long) len > threshold) {
                    moveToFile();
                }
                if (fileOut != null) {
                    fileOut.write(b, off, len);
                } else {
                    memory.write(b, off, len);
                }
                size += len;
            }

            @Override
            public void close() throws IOException {
                if (!sealed) {
                    sealed = true;
                    if (fileOut != null) {
                        fileOut.close();
                    }
                }
            }
        };
    }

    private void moveToFile() throws IOException {
        file = directory == null
                ? Files.createTempFile("camel-smime-", ".spool")
                : Files.createTempFile(directory, "camel-smime-", ".spool");
        file.toFile().deleteOnExit();
        fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 65536);
        memory.writeTo(fileOut);
        memory = null;
    }

    public long size() {
        return size;
    }

    /** A fresh reader positioned at the start; it is a {@code jakarta.mail.internet.SharedInputStream}. */
    public InputStream open() {
        if (!sealed) {
            throw new IllegalStateException("spool not sealed yet");
        }
        if (file == null) {
            return new SharedByteArrayInputStream(memory.toByteArray());
        }
        try {
            SharedFileInputStream in = new SharedFileInputStream(file.toFile(), 65536);
            readers.add(in);
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The backing file, or null when the content is small enough to stay in memory. */
    public File file() {
        return file == null ? null : file.toFile();
    }

    @Override
    public void close() {
        for (Closeable reader : readers) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // the file is deleted below either way
            }
        }
        readers.clear();
        // in-memory content stays readable (a body may be read after its exchange completed); files are removed
        if (file != null) {
            try {
                if (fileOut != null) {
                    fileOut.close();
                }
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // deleteOnExit remains as the fallback
            }
        }
    }
}

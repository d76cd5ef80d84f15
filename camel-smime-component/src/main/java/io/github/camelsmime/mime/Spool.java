package io.github.camelsmime.mime;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.util.SharedFileInputStream;

/**
 * A write-once byte store that stays in memory (in blocks, see {@link Chunks}) up to a threshold and moves to a
 * temporary file beyond it. Reading gives a Jakarta Mail {@code SharedInputStream}, so a message parsed from it keeps its parts as windows into the
 * spool instead of copies: this is what lets a gigabyte message pass in constant heap.
 * <p>
 * Lifetime: a spool is reference counted ({@link #retain()} / {@link #close()}); the temporary file goes when the
 * count reaches zero, or at the latest when the spool becomes unreachable (a {@link Cleaner}), so a body that is read
 * after its exchange completed still works, and an abandoned one does not leak its file. Readers opened before an
 * unreachable spool's file was deleted keep working (the open descriptor keeps the data).
 */
public final class Spool implements Closeable {

    /**
     * Default in-memory threshold (2 MiB; system property {@code camel.smime.spoolThreshold} in bytes): a 1 MiB
     * message and its protected form stay in memory, larger content goes to disk.
     */
    public static final int DEFAULT_THRESHOLD = Integer.getInteger("camel.smime.spoolThreshold", 2 << 20);

    /** Folder for spool files (system property {@code camel.smime.spoolDirectory}); default: the JVM's temp folder. */
    private static final Path DIRECTORY = directory();
    private static final Cleaner CLEANER = Cleaner.create();
    private static final int FILE_BUFFER = 65536;
    /** Files of spools still alive, deleted when the JVM exits (no ever-growing deleteOnExit list). */
    private static final Set<Path> LIVE_FILES = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path f : LIVE_FILES) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // best effort at exit
                }
            }
        }, "camel-smime-spool-cleanup"));
    }

    private final int threshold;
    private final Path directory;
    /** The content while in memory (null once it moved to the file). */
    private Chunks memory = new Chunks(8192);
    private final FileState state = new FileState();
    private final Cleaner.Cleanable cleanable;
    private OutputStream fileOut;
    private long size;
    private boolean sealed;
    private int references = 1;
    private final List<Closeable> readers = new ArrayList<>();

    /** Deletes the file; holds no reference to the spool so the spool can become unreachable. */
    private static final class FileState implements Runnable {
        volatile Path file;

        @Override
        public void run() {
            Path f = file;
            file = null;
            if (f != null) {
                LIVE_FILES.remove(f);
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // nothing more to do; the folder is the JVM's temp folder
                }
            }
        }
    }

    public Spool() {
        this(DEFAULT_THRESHOLD, null);
    }

    public Spool(int threshold, Path directory) {
        this.threshold = threshold;
        this.directory = directory != null ? directory : DIRECTORY;
        this.cleanable = CLEANER.register(this, state);
    }

    /**
     * A spool holding the whole stream. When the stream is a fresh reader of another spool (see {@link Backed}),
     * that spool is shared (retained) instead of copied.
     */
    public static Spool of(InputStream in) throws IOException {
        if (in instanceof Backed backed) {
            Spool shared = backed.unreadSpool();
            if (shared != null) {
                return shared.retain();
            }
        }
        Spool spool = new Spool();
        try (OutputStream out = spool.output()) {
            in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
        return spool;
    }

    /**
     * A stream over a byte array the caller hands over and no longer changes (a message body that is a
     * {@code byte[]}): {@link #of} makes a spool over the array itself instead of copying it.
     */
    public static final class ArraySource extends java.io.ByteArrayInputStream implements Backed {
        public ArraySource(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized Spool unreadSpool() {
            if (pos != 0 || count != buf.length) {
                return null;
            }
            Spool spool = new Spool();
            spool.memory = Chunks.of(buf);
            spool.size = buf.length;
            spool.sealed = true;
            return spool;
        }
    }

    /** A stream that reads a whole spool from its start, so {@link #of} can share the spool instead of copying. */
    public interface Backed {
        /** The spool, when nothing has been read from this stream yet; otherwise null. */
        Spool unreadSpool();
    }

    /** One more owner: the file stays until every owner has closed. */
    public synchronized Spool retain() {
        if (references <= 0) {
            throw new IllegalStateException("spool already closed");
        }
        references++;
        return this;
    }

    /** Writes a mail part (headers and body, as it would be sent) into a new spool. */
    public static Spool of(jakarta.mail.Part part) throws IOException {
        Spool spool = new Spool();
        try (OutputStream out = spool.output()) {
            part.writeTo(out);
        } catch (jakarta.mail.MessagingException e) {
            spool.close();
            throw new IOException("Cannot write the mail part: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
        return spool;
    }

    /**
     * Says that about {@code bytes} bytes will be written: the first in-memory block is sized for them (up to a full
     * block), so a small message fits in one block, which readers then use directly.
     */
    public Spool expect(long bytes) {
        if (fileOut == null && !sealed) {
            memory.expect(Math.min(bytes, threshold));
        }
        return this;
    }

    /** The stream to fill the spool with; closing it seals the spool for reading. */
    public OutputStream output() {
        if (sealed) {
            throw new IllegalStateException("spool already written");
        }
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                if (fileOut == null && size < threshold) {
                    memory.write(b);
                    size++;
                    return;
                }
                write(new byte[] { (byte) b }, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (fileOut == null) {
                    if (size + len > threshold) {
                        moveToFile();
                    } else {
                        memory.write(b, off, len);
                        size += len;
                        return;
                    }
                }
                fileOut.write(b, off, len);
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
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "camel-smime-", ".spool");
        LIVE_FILES.add(file);
        state.file = file;
        fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), FILE_BUFFER);
        memory.writeTo(fileOut);
        memory = null;
    }

    public long size() {
        return size;
    }

    /** True while the content is held in memory (no temporary file). */
    public boolean inMemory() {
        return fileOut == null;
    }

    /** A fresh reader positioned at the start; it is a {@code jakarta.mail.internet.SharedInputStream}. */
    public InputStream open() {
        if (!sealed) {
            throw new IllegalStateException("spool not sealed yet");
        }
        if (fileOut == null) {
            return memory.open();
        }
        Path file = state.file;
        if (file == null) {
            throw new UncheckedIOException(new IOException("spool already closed"));
        }
        try {
            SharedFileInputStream in = new SharedFileInputStream(file.toFile(), FILE_BUFFER);
            synchronized (this) {
                readers.add(in);
            }
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The backing file, or null when the content is small enough to stay in memory. */
    public File file() {
        Path file = state.file;
        return file == null ? null : file.toFile();
    }

    /**
     * Gives up one reference; the last one closes the readers and deletes the file. In-memory content stays
     * readable (a body may be read after its exchange completed).
     */
    @Override
    public void close() {
        List<Closeable> toClose;
        synchronized (this) {
            if (references <= 0 || --references > 0) {
                return;
            }
            toClose = new ArrayList<>(readers);
            readers.clear();
        }
        for (Closeable reader : toClose) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // the file is deleted below either way
            }
        }
        if (fileOut != null) {
            try {
                fileOut.close();
            } catch (IOException ignored) {
                // deleted below
            }
        }
        cleanable.clean();
    }

    private static Path directory() {
        String configured = System.getProperty("camel.smime.spoolDirectory");
        return Path.of(configured != null && !configured.isBlank() ? configured
                : System.getProperty("java.io.tmpdir"));
    }
}

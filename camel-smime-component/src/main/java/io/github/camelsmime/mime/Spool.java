package io.github.camelsmime.mime;

import java.io.Closeable;
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

import jakarta.mail.util.SharedByteArrayInputStream;

/**
 * A write-once byte store that stays in memory (one array) up to a threshold and moves to a
 * temporary file beyond it, encrypted there under a key that only this spool holds ({@link SpoolFile}). Reading gives
 * a Jakarta Mail {@code SharedInputStream}, so a message parsed from it keeps its parts as windows into the spool
 * instead of copies: this is what lets a gigabyte message pass in constant heap.
 * <p>
 * Lifetime: a spool is reference counted ({@link #retain()} / {@link #close()}); the temporary file goes when the
 * count reaches zero, or at the latest when the spool becomes unreachable (a {@link Cleaner}), so a body that is read
 * after its exchange completed still works, and an abandoned one does not leak its file. Readers opened before an
 * unreachable spool's file was deleted keep working (the open descriptor keeps the data).
 */
public final class Spool implements Closeable {

    /** Default in-memory threshold: a 1 MiB message and its protected form stay in memory. */
    public static final long DEFAULT_THRESHOLD = 2L << 20;

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

    /**
     * Where spools of one component or data format go: the in-memory threshold in bytes and the folder for files
     * (null: the JVM's temporary folder). Named after Camel's stream caching options.
     */
    public record Settings(long spoolThreshold, Path spoolDirectory) {
        /** 2 MiB in memory, files in {@code java.io.tmpdir}. */
        public static final Settings DEFAULT = new Settings(DEFAULT_THRESHOLD, null);

        public Settings {
            if (spoolThreshold < 0) {
                throw new IllegalArgumentException("spoolThreshold must not be negative: " + spoolThreshold);
            }
        }

        Path directory() {
            return spoolDirectory != null ? spoolDirectory : Path.of(System.getProperty("java.io.tmpdir"));
        }

        /** A new empty spool. */
        public Spool newSpool() {
            return new Spool(this);
        }

        /** A spool holding the whole stream, or sharing the stream's spool (see {@link Backed}). */
        public Spool of(InputStream in) throws IOException {
            return Spool.of(in, this);
        }

        /** A spool holding a mail part as it would be sent. */
        public Spool of(jakarta.mail.Part part) throws IOException {
            return Spool.of(part, this);
        }
    }

    private final Settings settings;
    /** The content while in memory (null once it moved to the file). */
    private Memory memory = new Memory(8192);
    private final FileState state = new FileState();
    private final Cleaner.Cleanable cleanable;
    private SpoolFile file;
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
                    // nothing more to do; the content there is encrypted under a key that is gone
                }
            }
        }
    }

    public Spool(Settings settings) {
        this.settings = settings;
        this.cleanable = CLEANER.register(this, state);
    }

    /**
     * A spool holding the whole stream. When the stream is a fresh reader of another spool (see {@link Backed}),
     * that spool is shared (retained) instead of copied.
     */
    static Spool of(InputStream in, Settings settings) throws IOException {
        if (in instanceof Backed backed) {
            Spool shared = backed.unreadSpool();
            if (shared != null) {
                return shared.retain();
            }
        }
        Spool spool = new Spool(settings);
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
            // sealed in memory at once: the settings never come into play
            Spool spool = new Spool(Settings.DEFAULT);
            spool.memory = new Memory(buf);
            spool.size = buf.length;
            spool.sealed = true;
            return spool;
        }
    }

    /**
     * The content while it is in memory; readers are Jakarta Mail {@link SharedByteArrayInputStream}s over its array
     * (no copy), so parsed parts stay windows. (A list of 64 KiB blocks was tried instead, to keep megabyte arrays out
     * of G1's humongous regions; a JMH benchmark showed no clear gain, 0.4-6x either way under load.)
     */
    private static final class Memory extends java.io.ByteArrayOutputStream {
        Memory(int size) {
            super(size);
        }

        /** Content that is one array handed over as it is. */
        Memory(byte[] whole) {
            super(0);
            buf = whole;
            count = whole.length;
        }

        synchronized void expect(int bytes) {
            if (count == 0 && bytes > buf.length) {
                buf = new byte[bytes];
            }
        }

        /** A reader of the whole content; the content must not change any more. */
        synchronized InputStream open() {
            return new SharedByteArrayInputStream(buf, 0, count);
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
    static Spool of(jakarta.mail.Part part, Settings settings) throws IOException {
        Spool spool = new Spool(settings);
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
     * Says that about {@code bytes} bytes will be written: the in-memory array is sized for them (up to the
     * threshold), so it does not grow by copying.
     */
    public Spool expect(long bytes) {
        if (fileOut == null && !sealed) {
            memory.expect((int) Math.min(bytes, settings.spoolThreshold()));
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
                if (fileOut == null && size < settings.spoolThreshold()) {
                    memory.write(b);
                    size++;
                    return;
                }
                write(new byte[] { (byte) b }, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (fileOut == null) {
                    if (size + len > settings.spoolThreshold()) {
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
        file = SpoolFile.create(settings.directory(), FILE_BUFFER);
        LIVE_FILES.add(file.path());
        state.file = file.path();
        fileOut = file.output();
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
        if (state.file == null) {
            throw new UncheckedIOException(new IOException("spool already closed"));
        }
        try {
            InputStream in = file.open(size);
            synchronized (this) {
                readers.add(in);
            }
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
}

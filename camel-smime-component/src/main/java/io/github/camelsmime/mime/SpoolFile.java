package io.github.camelsmime.mime;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.mail.internet.SharedInputStream;

import io.github.camelsmime.crypto.CryptoProviders;

/**
 * The disk half of a {@link Spool}: a temporary file that holds the content encrypted with AES-256 in counter mode
 * under a random key and counter made for this file, which exist only in this object (never on disk, never logged).
 * Spooled content is often decrypted plaintext, and a temporary file can outlive the process (a crash, a kill -9, a
 * backup of /tmp): what rests there is ciphertext. The file is created owner-only (POSIX 600) and deleted by the spool.
 * <p>
 * Counter mode because readers jump: a parsed part is a window anywhere in the file, and the key stream of any block
 * is computed from its index. Confidentiality, not integrity: whoever could alter the file runs as the process owner
 * and could alter the process itself.
 */
final class SpoolFile {

    private static final String CIPHER = "AES/CTR/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BLOCK = 16;

    private final Path path;
    private final SecretKeySpec key;
    private final byte[] counter;
    private final int bufferSize;

    private SpoolFile(Path path, SecretKeySpec key, byte[] counter, int bufferSize) {
        this.path = path;
        this.key = key;
        this.counter = counter;
        this.bufferSize = bufferSize;
    }

    /** A new empty file in {@code directory}, readable and writable by the owner only, and its fresh key. */
    static SpoolFile create(Path directory, int bufferSize) throws IOException {
        Files.createDirectories(directory);
        Path file = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(directory, "camel-smime-", ".spool",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(directory, "camel-smime-", ".spool");
        byte[] keyBytes = new byte[32];
        byte[] counter = new byte[BLOCK];
        RANDOM.nextBytes(keyBytes);
        RANDOM.nextBytes(counter);
        return new SpoolFile(file, new SecretKeySpec(keyBytes, "AES"), counter, bufferSize);
    }

    Path path() {
        return path;
    }

    /** The stream that encrypts into the file; closing it closes the file. */
    OutputStream output() throws IOException {
        Cipher cipher = cipherAt(0);
        return new BufferedOutputStream(new CipherOutputStream(
                Files.newOutputStream(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), cipher),
                bufferSize);
    }

    /** A reader of the first {@code size} bytes that decrypts as it reads; it owns one open descriptor. */
    InputStream open(long size) throws IOException {
        return new Reader(this, FileChannel.open(path, StandardOpenOption.READ), true, 0, size);
    }

    /** A cipher whose key stream starts at byte {@code offset} (a multiple of 16) of the content. */
    private Cipher cipherAt(long offset) throws IOException {
        byte[] iv = counter.clone();
        long add = offset / BLOCK;
        // the 128-bit big-endian counter plus the block index, as counter mode increments it
        for (int i = BLOCK - 1; i >= 0 && add != 0; i--) {
            long sum = (iv[i] & 0xff) + (add & 0xff);
            iv[i] = (byte) sum;
            add = (add >>> 8) + (sum >>> 8);
        }
        try {
            Cipher cipher = Cipher.getInstance(CIPHER, CryptoProviders.spoolCipher());
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot set up the spool cipher: " + e.getMessage(), e);
        }
    }

    /**
     * A window [start, end) of the decrypted content; what Jakarta Mail's {@code SharedFileInputStream} is for a
     * plain file. Windows made with {@link #newStream} share the descriptor of the reader they came from; closing
     * that first reader closes it.
     */
    static final class Reader extends InputStream implements SharedInputStream {
        private final SpoolFile file;
        private final FileChannel channel;
        private final boolean owner;
        private final long start;
        private final long end;
        private long pos;
        private long mark;
        private byte[] buffer;
        /** Content offset of buffer[0] and the number of valid bytes (-1: nothing buffered). */
        private long bufferStart = -1;
        private int bufferLength;
        private Cipher cipher;
        /** Where the cipher's key stream stands, or -1 when it must be set up again. */
        private long cipherAt = -1;

        Reader(SpoolFile file, FileChannel channel, boolean owner, long start, long end) {
            this.file = file;
            this.channel = channel;
            this.owner = owner;
            this.start = start;
            this.end = end;
            this.pos = start;
            this.mark = start;
        }

        /** Makes {@code pos} buffered; false at the end of the window. */
        private boolean fill() throws IOException {
            if (pos >= end) {
                return false;
            }
            if (bufferStart >= 0 && pos >= bufferStart && pos < bufferStart + bufferLength) {
                return true;
            }
            if (buffer == null) {
                buffer = new byte[file.bufferSize];
            }
            long aligned = pos - pos % BLOCK;
            ByteBuffer target = ByteBuffer.wrap(buffer);
            while (target.hasRemaining()) {
                if (channel.read(target, aligned + target.position()) < 0) {
                    break;
                }
            }
            int n = target.position();
            if (aligned != cipherAt) {
                cipher = file.cipherAt(aligned);
            }
            try {
                cipher.update(buffer, 0, n, buffer, 0);
            } catch (GeneralSecurityException e) {
                throw new IOException("Cannot decrypt the spool: " + e.getMessage(), e);
            }
            cipherAt = n % BLOCK == 0 ? aligned + n : -1;
            bufferStart = aligned;
            bufferLength = n;
            if (pos >= aligned + n) {
                throw new IOException("spool file is shorter than its content");
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return buffer[(int) (pos++ - bufferStart)] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = (int) Math.min(len, Math.min(bufferStart + bufferLength, end) - pos);
            System.arraycopy(buffer, (int) (pos - bufferStart), b, off, n);
            pos += n;
            return n;
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

        @Override
        public InputStream newStream(long from, long to) {
            if (from < 0) {
                throw new IllegalArgumentException("start < 0");
            }
            return new Reader(file, channel, false, start + from, to == -1 ? end : start + to);
        }

        @Override
        public void close() throws IOException {
            buffer = null;
            bufferStart = -1;
            if (owner) {
                channel.close();
            }
        }
    }
}

package io.github.camelsmime.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.internet.SharedInputStream;
import jakarta.mail.util.SharedByteArrayInputStream;

/**
 * The in-memory content of a {@link Spool}: a list of blocks of at most 64 KiB instead of one array that doubles as
 * it grows. A megabyte body in one array is a "humongous" object for G1 with a 1 GiB heap (anything from half a
 * region, 512 KiB), allocated outside the thread's buffer and collected specially, and growing it by doubling
 * allocates and copies it several times; blocks are ordinary young objects. Readers are Jakarta Mail
 * {@link SharedInputStream}s over the blocks, so parsed parts stay windows, not copies.
 */
final class Chunks {

    static final int BLOCK = 64 * 1024;

    private final List<byte[]> blocks = new ArrayList<>();
    /** Bytes used in the last block. */
    private int fill;
    private long size;
    private int firstBlock;

    /** @param firstBlock size of the first block: small for small messages, up to {@link #BLOCK} */
    Chunks(int firstBlock) {
        this.firstBlock = Math.max(64, Math.min(firstBlock, BLOCK));
    }

    /** Content that is one array handed over as it is. */
    static Chunks of(byte[] whole) {
        Chunks c = new Chunks(BLOCK);
        c.blocks.add(whole);
        c.fill = whole.length;
        c.size = whole.length;
        return c;
    }

    long size() {
        return size;
    }

    /** A larger first block, when more content is expected; only before anything was written. */
    void expect(long bytes) {
        if (blocks.isEmpty()) {
            firstBlock = (int) Math.max(firstBlock, Math.min(bytes, BLOCK));
        }
    }

    void write(int b) {
        if (blocks.isEmpty() || fill == last().length) {
            addBlock();
        }
        last()[fill++] = (byte) b;
        size++;
    }

    void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (blocks.isEmpty() || fill == last().length) {
                addBlock();
            }
            byte[] block = last();
            int n = Math.min(len, block.length - fill);
            System.arraycopy(b, off, block, fill, n);
            fill += n;
            off += n;
            len -= n;
            size += n;
        }
    }

    private byte[] last() {
        return blocks.get(blocks.size() - 1);
    }

    private void addBlock() {
        blocks.add(new byte[blocks.isEmpty() ? firstBlock : BLOCK]);
        fill = 0;
    }

    void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < blocks.size(); i++) {
            byte[] block = blocks.get(i);
            out.write(block, 0, i == blocks.size() - 1 ? fill : block.length);
        }
    }

    /** A reader of the whole content; the content must not change any more. */
    InputStream open() {
        if (blocks.size() <= 1) {
            return new SharedByteArrayInputStream(blocks.isEmpty() ? new byte[0] : blocks.get(0), 0, (int) size);
        }
        byte[][] array = blocks.toArray(new byte[0][]);
        long[] starts = new long[array.length + 1];
        for (int i = 0; i < array.length; i++) {
            starts[i + 1] = starts[i] + (i == array.length - 1 ? fill : array[i].length);
        }
        return new Reader(array, starts, 0, size);
    }

    /** A window [start, end) of the blocks; what {@code SharedByteArrayInputStream} is for one array. */
    static final class Reader extends SharedWindow {
        private final byte[][] blocks;
        /** starts[i] = offset of block i; starts[blocks.length] = total size. */
        private final long[] starts;
        /** The block holding {@code pos}, cached with its bounds. */
        private int index = -1;
        private long blockStart;
        private long blockEnd;

        Reader(byte[][] blocks, long[] starts, long start, long end) {
            super(start, end);
            this.blocks = blocks;
            this.starts = starts;
        }

        private void locate() {
            if (index >= 0 && pos >= blockStart && pos < blockEnd) {
                return;
            }
            int i = Arrays.binarySearch(starts, pos);
            index = i >= 0 ? i : -i - 2;
            blockStart = starts[index];
            blockEnd = starts[index + 1];
        }

        @Override
        public int read() {
            if (pos >= end) {
                return -1;
            }
            locate();
            return blocks[index][(int) (pos++ - blockStart)] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= end) {
                return -1;
            }
            int total = 0;
            while (len > 0 && pos < end) {
                locate();
                int n = (int) Math.min(len, Math.min(blockEnd, end) - pos);
                System.arraycopy(blocks[index], (int) (pos - blockStart), b, off, n);
                pos += n;
                off += n;
                len -= n;
                total += n;
            }
            return total;
        }

        @Override
        public long transferTo(OutputStream out) throws IOException {
            long total = 0;
            while (pos < end) {
                locate();
                int n = (int) (Math.min(blockEnd, end) - pos);
                out.write(blocks[index], (int) (pos - blockStart), n);
                pos += n;
                total += n;
            }
            return total;
        }

        @Override
        public InputStream newStream(long from, long to) {
            return new Reader(blocks, starts, start + from, endOf(from, to));
        }
    }
}

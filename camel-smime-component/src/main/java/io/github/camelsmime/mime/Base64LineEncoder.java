package io.github.camelsmime.mime;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Base64 in 76-character lines, byte for byte what Jakarta Mail writes for a base64 body part (Angus
 * {@code BASE64EncoderStream} followed by {@code flush()}): CRLF after every line that reaches 76 characters (the
 * padded last one too), none after a shorter last line. Encodes a whole line per step from a lookup table and hands the output on in large blocks, where the Angus
 * stream makes a call per line; the S/MIME bodies we write (signatures, encrypted and compressed data) are all base64.
 * {@link #finish()} ends the encoding without closing the underlying stream.
 */
public final class Base64LineEncoder extends OutputStream {

    /** 57 input bytes make one 76-character line. */
    private static final int LINE_INPUT = 57;
    private static final int LINE_OUTPUT = 78;
    private static final int LINES_PER_BLOCK = 420;
    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII);

    /** The two characters for each 12-bit value, first character in the low byte (stored little-endian). */
    private static final char[] PAIRS = new char[4096];
    private static final VarHandle BIG_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LITTLE_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (int i = 0; i < 4096; i++) {
            PAIRS[i] = (char) (ALPHABET[i >>> 6] & 0xff | (ALPHABET[i & 0x3f] & 0xff) << 8);
        }
    }

    private final OutputStream out;
    /** Input waiting for a full line. */
    private final byte[] pending = new byte[LINE_INPUT];
    private int pendingCount;
    /** Encoded lines not yet handed on. */
    private final byte[] block = new byte[LINE_OUTPUT * LINES_PER_BLOCK];
    private int blockCount;
    private boolean finished;

    public Base64LineEncoder(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        pending[pendingCount++] = (byte) b;
        if (pendingCount == LINE_INPUT) {
            line(pending, 0);
            pendingCount = 0;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IOException("base64 encoding already finished");
        }
        if (pendingCount > 0) {
            int take = Math.min(len, LINE_INPUT - pendingCount);
            System.arraycopy(b, off, pending, pendingCount, take);
            pendingCount += take;
            off += take;
            len -= take;
            if (pendingCount < LINE_INPUT) {
                return;
            }
            line(pending, 0);
            pendingCount = 0;
        }
        while (len >= LINE_INPUT) {
            line(b, off);
            off += LINE_INPUT;
            len -= LINE_INPUT;
        }
        System.arraycopy(b, off, pending, 0, len);
        pendingCount = len;
    }

    /**
     * Encodes one full line and its CRLF into the block: six input bytes at a time, read as one {@code long}, turned
     * into eight characters by four lookups of 12 bits each and stored as one {@code long}; then the last three.
     */
    private void line(byte[] src, int off) throws IOException {
        if (blockCount + LINE_OUTPUT > block.length) {
            drain();
        }
        byte[] dst = block;
        int d = blockCount;
        int start = off;
        // each long read covers two bytes past the six it uses: only when those are inside the array
        if (start + 56 <= src.length) {
            for (int end = start + 54; off < end; off += 6) {
                long w = (long) BIG_ENDIAN_LONGS.get(src, off);
                long chars = PAIRS[(int) (w >>> 52) & 0xfff]
                        | (long) PAIRS[(int) (w >>> 40) & 0xfff] << 16
                        | (long) PAIRS[(int) (w >>> 28) & 0xfff] << 32
                        | (long) PAIRS[(int) (w >>> 16) & 0xfff] << 48;
                LITTLE_ENDIAN_LONGS.set(dst, d, chars);
                d += 8;
            }
        }
        for (int end = start + LINE_INPUT; off < end; off += 3) {
            int bits = (src[off] & 0xff) << 16 | (src[off + 1] & 0xff) << 8 | (src[off + 2] & 0xff);
            dst[d] = ALPHABET[bits >>> 18];
            dst[d + 1] = ALPHABET[(bits >>> 12) & 0x3f];
            dst[d + 2] = ALPHABET[(bits >>> 6) & 0x3f];
            dst[d + 3] = ALPHABET[bits & 0x3f];
            d += 4;
        }
        dst[d] = '\r';
        dst[d + 1] = '\n';
        blockCount = d + 2;
    }

    private void drain() throws IOException {
        if (blockCount > 0) {
            out.write(block, 0, blockCount);
            blockCount = 0;
        }
    }

    /** Writes what is left (a last line without CRLF, padded with '=') and hands everything on. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (blockCount + LINE_OUTPUT > block.length) {
            drain();
        }
        int d = blockCount;
        int i = 0;
        for (; i + 3 <= pendingCount; i += 3) {
            int bits = (pending[i] & 0xff) << 16 | (pending[i + 1] & 0xff) << 8 | (pending[i + 2] & 0xff);
            block[d++] = ALPHABET[bits >>> 18];
            block[d++] = ALPHABET[(bits >>> 12) & 0x3f];
            block[d++] = ALPHABET[(bits >>> 6) & 0x3f];
            block[d++] = ALPHABET[bits & 0x3f];
        }
        int rest = pendingCount - i;
        if (rest > 0) {
            int bits = (pending[i] & 0xff) << 16 | (rest == 2 ? (pending[i + 1] & 0xff) << 8 : 0);
            block[d++] = ALPHABET[bits >>> 18];
            block[d++] = ALPHABET[(bits >>> 12) & 0x3f];
            block[d++] = rest == 2 ? ALPHABET[(bits >>> 6) & 0x3f] : (byte) '=';
            block[d++] = '=';
        }
        if (pendingCount > LINE_INPUT - 3) {
            // 55 or 56 bytes pad out to a full 76-character line, which Angus ends with CRLF like any full line
            block[d++] = '\r';
            block[d++] = '\n';
        }
        pendingCount = 0;
        blockCount = d;
        drain();
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    /** Finishes the encoding; the underlying stream stays open. */
    @Override
    public void close() throws IOException {
        finish();
    }
}

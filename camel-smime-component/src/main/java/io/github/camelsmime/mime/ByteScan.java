package io.github.camelsmime.mime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Scans byte arrays eight bytes at a time (one {@code long} read, SWAR bit tricks) for the few bytes MIME handling has
 * to react to: CR, LF, NUL and bytes above 127. Text bodies have one line break every 60 to 80 bytes, so a scan that
 * looks at each byte spends most of its time confirming that there is nothing to do; these do it for eight at once.
 * Each method gives exactly the answer of the obvious byte loop (checked by {@code ByteScanTest}), and beats it on
 * the real input, 1 MiB of 76-character CRLF text ({@code HandwrittenCodeBenchmark} in {@code benchmarks/}, three short
 * JMH runs at load average 14-21 on 2 shared cores): the canonical-text scan 2.2-4.0 times, the 7-bit check 2.2-2.7
 * times the byte loop's throughput.
 */
public final class ByteScan {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long CRS = ONES * '\r';
    private static final long LFS = ONES * '\n';

    private ByteScan() {
    }

    private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    /** Nonzero exactly when some byte of {@code x} is zero. */
    private static long zeroByte(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    /** 0x80 in exactly the bytes of {@code x} that are zero (no false positives above a zero byte). */
    private static long zeroBytes(long x) {
        return ~(((x & LOWS) + LOWS) | x | LOWS);
    }

    /** Index of the first CR or LF in {@code b[from, to)}, or {@code to} when there is none. */
    public static int indexOfCrOrLf(byte[] b, int from, int to) {
        int i = from;
        for (int last = to - 8; i <= last; i += 8) {
            long w = (long) LONGS.get(b, i);
            if ((zeroByte(w ^ CRS) | zeroByte(w ^ LFS)) != 0) {
                break;
            }
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == CR || c == LF) {
                return i;
            }
        }
        return to;
    }

    /**
     * Index of the first byte in {@code b[from, to)} that is not canonical text: an LF that does not follow a CR (an
     * LF at {@code from} counts as not following one), or a CR that is not followed by an LF (a CR at {@code to - 1}
     * counts as not followed); {@code to} when every CR and LF in the range forms a CRLF pair.
     */
    public static int nextBareCrOrLf(byte[] b, int from, int to) {
        int i = from;
        long carry = 0; // 0x80 when the last byte of the previous word was a CR, waiting for its LF
        for (int last = to - 8; i <= last; i += 8) {
            long w = (long) LONGS.get(b, i);
            long cr = zeroBytes(w ^ CRS);
            long lf = zeroBytes(w ^ LFS);
            // canonical: an LF right after every CR (one byte up), and nowhere else
            if (lf != ((cr << 8) | carry)) {
                break;
            }
            carry = cr >>> 56;
        }
        if (carry != 0) {
            i--; // the CR ending the previous word: let the byte loop pair it
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == CR) {
                if (i + 1 < to && b[i + 1] == LF) {
                    i++;
                    continue;
                }
                return i;
            }
            if (c == LF) {
                return i;
            }
        }
        return to;
    }

    /**
     * Checks 7-bit text as RFC 2045 defines it, continuing a line of {@code lineLength} bytes: no byte above 127, no
     * NUL, no line longer than {@code maxLine} bytes (CR and LF both end a line). Returns the length of the line
     * open at the end, or -1 when the bytes are not 7-bit text.
     */
    public static long sevenBitLine(byte[] b, int from, int to, long lineLength, int maxLine) {
        int i = from;
        long line = lineLength;
        if (maxLine >= 8) {
            for (int last = to - 8; i <= last; i += 8) {
                long w = (long) LONGS.get(b, i);
                if ((w & HIGHS) != 0 || zeroBytes(w) != 0) {
                    return -1;
                }
                long breaks = zeroBytes(w ^ CRS) | zeroBytes(w ^ LFS);
                if (breaks == 0) {
                    line += 8;
                    if (line > maxLine) {
                        return -1;
                    }
                } else {
                    // the line open before the word ends at the first break; the word's last break starts a new one
                    // (lines between two breaks of one word are shorter than 8, hence than maxLine)
                    if (line + (Long.numberOfTrailingZeros(breaks) >>> 3) > maxLine) {
                        return -1;
                    }
                    line = Long.numberOfLeadingZeros(breaks) >>> 3;
                }
            }
        }
        for (; i < to; i++) {
            int c = b[i];
            if (c <= 0) {
                return -1;
            }
            if (c == LF || c == CR) {
                line = 0;
            } else if (++line > maxLine) {
                return -1;
            }
        }
        return line;
    }
}

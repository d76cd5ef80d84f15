package io.github.camelsmime.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The word-at-a-time scans give exactly the answers of the obvious byte loops, on random inputs made of the bytes
 * that matter (CR, LF, NUL, high bytes, text) at every alignment; and {@link CrlfOutputStream} built on them
 * canonicalizes exactly as the definition says, however the input is cut into writes.
 */
class ByteScanTest {

    private static final byte[] ALPHABET = { '\r', '\n', 0, (byte) 0x80, (byte) 0xff, 'a', 'b', ' ', '.', '-' };

    private static byte[] random(Random r, int length, int lineBreakOneIn, boolean highBytes) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            int kind = r.nextInt(lineBreakOneIn);
            if (kind == 0) {
                b[i] = r.nextBoolean() ? (byte) '\r' : (byte) '\n';
            } else if (highBytes && kind == 1) {
                b[i] = ALPHABET[2 + r.nextInt(3)];
            } else {
                b[i] = ALPHABET[5 + r.nextInt(5)];
            }
        }
        return b;
    }

    @Test
    void indexOfCrOrLfIsTheByteLoop() {
        Random r = new Random(1);
        for (int n = 0; n < 20_000; n++) {
            byte[] b = random(r, r.nextInt(200), 2 + r.nextInt(100), true);
            int from = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            int to = from + r.nextInt(b.length - from + 1);
            int expected = to;
            for (int i = from; i < to; i++) {
                if (b[i] == '\r' || b[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertThat(ByteScan.indexOfCrOrLf(b, from, to)).isEqualTo(expected);
        }
    }

    @Test
    void nextBareCrOrLfIsTheByteLoop() {
        Random r = new Random(5);
        for (int n = 0; n < 40_000; n++) {
            byte[] b = random(r, r.nextInt(200), 2 + r.nextInt(60), r.nextBoolean());
            if (r.nextBoolean()) {
                // mostly canonical text, the common case
                b = canonical(b);
                if (b.length > 0 && r.nextInt(3) == 0) {
                    b[r.nextInt(b.length)] = r.nextBoolean() ? (byte) '\r' : (byte) '\n';
                }
            }
            int from = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            int to = from + r.nextInt(b.length - from + 1);
            int expected = to;
            for (int i = from; i < to; i++) {
                if (b[i] == '\r') {
                    if (i + 1 < to && b[i + 1] == '\n') {
                        i++;
                        continue;
                    }
                    expected = i;
                    break;
                }
                if (b[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertThat(ByteScan.nextBareCrOrLf(b, from, to)).as("case " + n).isEqualTo(expected);
        }
    }

    @Test
    void sevenBitLineIsTheByteLoop() {
        Random r = new Random(2);
        for (int n = 0; n < 30_000; n++) {
            byte[] b = random(r, r.nextInt(300), 2 + r.nextInt(150), r.nextInt(4) == 0);
            if (r.nextBoolean()) {
                b = canonical(b);
            }
            int maxLine = 1 + r.nextInt(120);
            long start = r.nextInt(maxLine + 1);
            long expected = start;
            for (byte c : b) {
                int v = c & 0xff;
                if (v >= 0x80 || v == 0) {
                    expected = -1;
                    break;
                }
                if (v == '\n' || v == '\r') {
                    expected = 0;
                } else if (++expected > maxLine) {
                    expected = -1;
                    break;
                }
            }
            assertThat(ByteScan.sevenBitLine(b, 0, b.length, start, maxLine)).as("case " + n).isEqualTo(expected);
        }
    }

    @Test
    void isSevenBitOverStreams() throws Exception {
        Random r = new Random(3);
        for (int n = 0; n < 300; n++) {
            byte[] b = random(r, r.nextInt(200_000), 20 + r.nextInt(2000), r.nextInt(3) == 0);
            boolean expected = true;
            int line = 0;
            for (byte c : b) {
                int v = c & 0xff;
                if (v >= 0x80 || v == 0) {
                    expected = false;
                    break;
                }
                if (v == '\n' || v == '\r') {
                    line = 0;
                } else if (++line > 998) {
                    expected = false;
                    break;
                }
            }
            assertThat(TransferEncodings.isSevenBit(new ByteArrayInputStream(b))).isEqualTo(expected);
        }
    }

    /** The definition: CRLF stays, a bare CR or a bare LF becomes CRLF, everything else is copied. */
    private static byte[] canonical(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < in.length; i++) {
            byte c = in[i];
            if (c == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < in.length && in[i + 1] == '\n') {
                    i++;
                }
            } else if (c == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    @Test
    void crlfOutputStreamCanonicalizesWhateverTheWrites() throws Exception {
        Random r = new Random(4);
        for (int n = 0; n < 20_000; n++) {
            byte[] b = random(r, r.nextInt(n < 10_000 ? 40 : 3000), 2 + r.nextInt(60), false);
            if (r.nextBoolean()) {
                b = canonical(b);
                if (b.length > 0 && r.nextBoolean()) {
                    b[r.nextInt(b.length)] = r.nextBoolean() ? (byte) '\r' : (byte) '\n';
                }
            }
            ByteArrayOutputStream actual = new ByteArrayOutputStream();
            CrlfOutputStream crlf = new CrlfOutputStream(actual);
            int off = 0;
            while (off < b.length) {
                int len = Math.min(b.length - off, r.nextInt(4) == 0 ? 1 : 1 + r.nextInt(300));
                if (len == 1 && r.nextBoolean()) {
                    crlf.write(b[off]);
                } else {
                    crlf.write(b, off, len);
                }
                off += len;
            }
            crlf.finish();
            assertThat(actual.toByteArray()).as("case " + n).isEqualTo(canonical(b));
        }
    }
}

package io.github.camelsmime.mime;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Random;

import jakarta.mail.internet.SharedInputStream;
import jakarta.mail.util.SharedByteArrayInputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The block store reads back what was written, and its readers behave as Jakarta Mail's
 * {@link SharedByteArrayInputStream} over the same bytes: positions, windows of windows, single-byte and block reads,
 * skip, mark and reset.
 */
class ChunksTest {

    @Test
    void readersBehaveAsSharedByteArrayInputStream() throws Exception {
        Random r = new Random(11);
        for (int n = 0; n < 400; n++) {
            byte[] data = new byte[r.nextInt(n < 200 ? 3000 : 400_000)];
            r.nextBytes(data);
            Chunks chunks = new Chunks(64 + r.nextInt(9000));
            int off = 0;
            while (off < data.length) {
                int len = Math.min(data.length - off, r.nextInt(3) == 0 ? 1 : 1 + r.nextInt(100_000));
                if (len == 1) {
                    chunks.write(data[off]);
                } else {
                    chunks.write(data, off, len);
                }
                off += len;
            }
            assertThat(chunks.size()).isEqualTo(data.length);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            chunks.writeTo(all);
            assertThat(all.toByteArray()).isEqualTo(data);

            InputStream ours = chunks.open();
            InputStream theirs = new SharedByteArrayInputStream(data);
            for (int depth = 0; depth < 3; depth++) {
                compare(r, ours, theirs);
                long size = ((SharedInputStream) theirs).newStream(0, -1).available();
                long from = size == 0 ? 0 : r.nextInt((int) size + 1);
                long to = r.nextBoolean() ? -1 : from + (size - from == 0 ? 0 : r.nextInt((int) (size - from) + 1));
                ours = ((SharedInputStream) ours).newStream(from, to);
                theirs = ((SharedInputStream) theirs).newStream(from, to);
            }
            compare(r, ours, theirs);
        }
    }

    private static void compare(Random r, InputStream ours, InputStream theirs) throws Exception {
        assertThat(ours.available()).isEqualTo(theirs.available());
        while (true) {
            assertThat(((SharedInputStream) ours).getPosition()).isEqualTo(((SharedInputStream) theirs).getPosition());
            int op = r.nextInt(10);
            if (op == 0) {
                assertThat(ours.read()).isEqualTo(theirs.read());
            } else if (op == 1) {
                long k = r.nextInt(5000);
                assertThat(ours.skip(k)).isEqualTo(theirs.skip(k));
            } else if (op == 2) {
                ours.mark(100);
                theirs.mark(100);
            } else if (op == 3) {
                ours.reset();
                theirs.reset();
            } else {
                int len = r.nextInt(70_000);
                byte[] a = new byte[len + 3];
                byte[] b = new byte[len + 3];
                int na = readFully(ours, a, 1, len);
                int nb = readFully(theirs, b, 1, len);
                assertThat(na).isEqualTo(nb);
                assertThat(a).isEqualTo(b);
                if (nb < 0) {
                    return;
                }
            }
            if (theirs.available() == 0 && r.nextInt(4) == 0) {
                assertThat(ours.read()).isEqualTo(-1);
                return;
            }
        }
    }

    /** Reads until len bytes or the end; ByteArrayInputStream answers in one call, ours may take several. */
    private static int readFully(InputStream in, byte[] b, int off, int len) throws Exception {
        int total = 0;
        while (total < len) {
            int n = in.read(b, off + total, len - total);
            if (n < 0) {
                return total == 0 ? (len == 0 ? 0 : -1) : total;
            }
            if (n == 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}

package io.github.camelsmime.mime;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Random;

import jakarta.mail.internet.MimeUtility;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoder on the JDK's MIME encoder writes exactly what Jakarta Mail's base64 encoder (Angus) writes for a body
 * part, including the CRLF after a full last line, and leaves the stream it writes into open; the decoder reads it back.
 */
class Base64StreamsTest {

    @Test
    void sameBytesAsJakartaMailForEveryLengthAndWriteSize() throws Exception {
        Random random = new Random(42);
        for (int length = 0; length < 1200; length++) {
            check(random, length);
        }
        for (int i = 0; i < 300; i++) {
            check(random, random.nextInt(300_000));
        }
    }

    private static void check(Random random, int length) throws Exception {
        byte[] data = new byte[length];
        random.nextBytes(data);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        // what MimeBodyPart.writeTo does for Content-Transfer-Encoding: base64: encode, write, flush (not close)
        OutputStream angus = MimeUtility.encode(expected, "base64");
        writeInRandomPieces(random, data, angus);
        angus.flush();

        boolean[] closed = new boolean[1];
        ByteArrayOutputStream actual = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        OutputStream ours = Base64Streams.encoder(actual);
        writeInRandomPieces(random, data, ours);
        ours.close();
        ours.close();

        assertThat(actual.toString("US-ASCII")).as("length " + length).isEqualTo(expected.toString("US-ASCII"));
        assertThat(closed[0]).as("target closed").isFalse();
        assertThat(new Base64DecodingStream(new java.io.ByteArrayInputStream(actual.toByteArray())).readAllBytes())
                .isEqualTo(data);
    }

    private static void writeInRandomPieces(Random random, byte[] data, OutputStream out) throws Exception {
        int off = 0;
        while (off < data.length) {
            int n = random.nextInt(4) == 0 ? 1 : 1 + random.nextInt(Math.min(data.length - off, 5000));
            n = Math.min(n, data.length - off);
            if (n == 1 && random.nextBoolean()) {
                out.write(data[off]);
            } else {
                out.write(data, off, n);
            }
            off += n;
        }
    }
}

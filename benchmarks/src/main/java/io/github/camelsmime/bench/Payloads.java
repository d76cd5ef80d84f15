package io.github.camelsmime.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The messages the benchmarks and the load test protect: a MIME entity (text/plain, 7bit) whose body has exactly the
 * named number of bytes, in CRLF lines of at most 76 printable ASCII characters, so no transfer encoding is needed
 * and no implementation has to canonicalise anything. Deterministic (fixed seed), so every run signs the same bytes.
 */
public final class Payloads {

    /** The {@code size} parameter values of the message benchmarks. */
    public static final String[] SIZES = {"4k", "1m"};

    public static final String HEADER = "Content-Type: text/plain; charset=us-ascii\r\n"
            + "Content-Transfer-Encoding: 7bit\r\n\r\n";

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:-";

    private Payloads() {
    }

    /** Body bytes of a size parameter: {@code 4k} = 4096, {@code 1m} = 1048576 (also accepts 64k, 16m, 123...). */
    public static int bytes(String size) {
        String s = size.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.endsWith("k")) {
            return Integer.parseInt(s.substring(0, s.length() - 1)) * 1024;
        }
        if (s.endsWith("m")) {
            return Integer.parseInt(s.substring(0, s.length() - 1)) * 1024 * 1024;
        }
        return Integer.parseInt(s);
    }

    /** The body alone: {@code bodyBytes} bytes of CRLF-terminated text lines. */
    public static byte[] body(int bodyBytes) {
        if (bodyBytes < 3) {
            throw new IllegalArgumentException("body too small: " + bodyBytes);
        }
        Random random = new Random(0x5EEDL + bodyBytes);
        byte[] out = new byte[bodyBytes];
        int i = 0;
        while (i < bodyBytes) {
            int left = bodyBytes - i;
            // 76 characters + CRLF per line; the last line takes what is left (never an empty one)
            int chars = left <= 78 ? left - 2 : (left - 78 < 3 ? 73 : 76);
            for (int col = 0; col < chars; col++) {
                char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                // no leading/trailing blanks or dots (nothing a mail path could alter)
                if ((col == 0 || col == chars - 1) && (c == ' ' || c == '.')) {
                    c = 'x';
                }
                out[i++] = (byte) c;
            }
            out[i++] = '\r';
            out[i++] = '\n';
        }
        return out;
    }

    /** The complete MIME entity (headers, blank line, body) for a size parameter. */
    public static byte[] entity(String size) {
        return entity(bytes(size));
    }

    public static byte[] entity(int bodyBytes) {
        byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);
        byte[] body = body(bodyBytes);
        byte[] out = new byte[header.length + body.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(body, 0, out, header.length, body.length);
        return out;
    }

    /** Reads a stream to the end and returns how many bytes it had (for consuming route output). */
    public static long drain(InputStream in) throws IOException {
        byte[] buf = new byte[16384];
        long n = 0;
        for (int r; (r = in.read(buf)) != -1; ) {
            n += r;
        }
        return n;
    }

    public static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    /** An OutputStream that only counts. */
    public static final class CountingSink extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }

        public long count() {
            return count;
        }
    }
}

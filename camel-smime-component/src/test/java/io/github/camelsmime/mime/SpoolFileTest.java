package io.github.camelsmime.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import jakarta.mail.internet.SharedInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A spool past its threshold writes an owner-only file that holds no plaintext, reads back exactly what was written
 * (from any window, at any offset) and removes the file when it closes; below the threshold nothing touches disk.
 */
class SpoolFileTest {

    private static final byte[] MARKER = "PLAINTEXT-MARKER-4711 ".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private static byte[] text(int size) {
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = MARKER[i % MARKER.length];
        }
        return out;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private Spool spool(byte[] content, int threshold) throws IOException {
        Spool spool = new Spool.Settings(threshold, dir).newSpool();
        try (OutputStream out = spool.output()) {
            out.write(content, 0, 5);
            out.write(content[5]);
            out.write(content, 6, content.length - 6);
        }
        return spool;
    }

    @Test
    void fileHoldsNoPlaintextIsOwnerOnlyAndGoesWithTheSpool() throws Exception {
        byte[] content = text(300_000);
        Spool spool = spool(content, 4096);
        List<Path> files = files();
        assertThat(files).hasSize(1);
        byte[] raw = Files.readAllBytes(files.get(0));
        assertThat(raw).hasSize(content.length);
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain("PLAINTEXT-MARKER");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0)))).isEqualTo("rw-------");
        try (InputStream in = spool.open()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        spool.close();
        assertThat(files()).isEmpty();
    }

    @Test
    void twoSpoolsOfTheSameContentDoNotShareAKeyStream() throws Exception {
        byte[] content = text(10_000);
        Spool a = spool(content, 100);
        Spool b = spool(content, 100);
        List<Path> files = files();
        assertThat(files).hasSize(2);
        assertThat(Files.readAllBytes(files.get(0))).isNotEqualTo(Files.readAllBytes(files.get(1)));
        a.close();
        b.close();
    }

    @Test
    void smallContentStaysInMemory() throws Exception {
        Spool spool = spool(text(4096), 4096);
        assertThat(spool.inMemory()).isTrue();
        assertThat(files()).isEmpty();
        spool.close();
    }

    @Test
    void windowsAtAnyOffsetReadTheirBytes() throws Exception {
        Random r = new Random(5);
        byte[] content = new byte[200_000 + r.nextInt(100)];
        r.nextBytes(content);
        Spool spool = spool(content, 1000);
        try (InputStream in = spool.open()) {
            SharedInputStream shared = (SharedInputStream) in;
            for (int i = 0; i < 200; i++) {
                int from = r.nextInt(content.length);
                int to = from + r.nextInt(content.length - from + 1);
                InputStream window = shared.newStream(from, to);
                InputStream inner = ((SharedInputStream) window).newStream(1, -1);
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                if (r.nextBoolean()) {
                    for (int b; (b = window.read()) >= 0; ) {
                        got.write(b);
                    }
                } else {
                    window.transferTo(got);
                }
                assertThat(got.toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(content, from, to));
                byte[] rest = inner.readAllBytes();
                assertThat(rest).isEqualTo(java.util.Arrays.copyOfRange(content, Math.min(from + 1, to), to));
            }
            in.skip(12_345);
            in.mark(0);
            byte[] first = in.readNBytes(777);
            in.reset();
            assertThat(in.readNBytes(777)).isEqualTo(first)
                    .isEqualTo(java.util.Arrays.copyOfRange(content, 12_345, 12_345 + 777));
            assertThat(shared.getPosition()).isEqualTo(12_345 + 777);
        }
        spool.close();
    }
}

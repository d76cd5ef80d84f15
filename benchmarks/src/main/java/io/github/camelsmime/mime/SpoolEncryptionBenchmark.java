package io.github.camelsmime.mime;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import jakarta.mail.util.SharedFileInputStream;

import io.github.camelsmime.bench.Payloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What encrypting spool files costs: {@code size} bytes written in 64 KiB pieces into a spool that goes to disk at
 * once (threshold 0), then read back to the end. {@code encrypted}: the {@link Spool} (AES-256-CTR, {@link SpoolFile});
 * {@code plain}: what the spool did before, a buffered file and Jakarta Mail's {@code SharedFileInputStream}.
 * Both use the same folder ({@code java.io.tmpdir}), so the page cache serves both alike.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class SpoolEncryptionBenchmark {

    @Param({"1m", "256m"})
    public String size;

    private final byte[] piece = new byte[65536];
    private final byte[] buffer = new byte[65536];
    private long bytes;
    private Path dir;
    private Spool.Settings settings;

    @Setup
    public void setUp() throws IOException {
        new Random(7).nextBytes(piece);
        bytes = Payloads.bytes(size);
        dir = Files.createTempDirectory("spool-bench");
        settings = new Spool.Settings(0, dir);
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(dir);
    }

    private void fill(OutputStream out) throws IOException {
        for (long left = bytes; left > 0; left -= piece.length) {
            out.write(piece, 0, (int) Math.min(piece.length, left));
        }
    }

    private long drain(InputStream in) throws IOException {
        long n = 0;
        for (int r; (r = in.read(buffer)) > 0; ) {
            n += r;
        }
        return n;
    }

    @Benchmark
    public long encrypted() throws IOException {
        Spool spool = settings.newSpool();
        try (OutputStream out = spool.output()) {
            fill(out);
        }
        try (InputStream in = spool.open()) {
            return drain(in);
        } finally {
            spool.close();
        }
    }

    @Benchmark
    public long plain() throws IOException {
        Path file = Files.createTempFile(dir, "plain-", ".spool");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 65536)) {
                fill(out);
            }
            try (InputStream in = new SharedFileInputStream(file.toFile(), 65536)) {
                return drain(in);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

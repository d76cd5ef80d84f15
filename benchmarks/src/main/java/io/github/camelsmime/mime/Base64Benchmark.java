package io.github.camelsmime.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Base64 decoding on the real path: a parsed part's raw body (a {@code SharedInputStream} window into a spool) read
 * in 8 KiB reads. {@code decode_ours}: {@link Base64DecodingStream}; {@code decode_library}: the JDK's
 * {@code Base64.getMimeDecoder().wrap(in)}, which reads its input one byte at a time. (Encoding moved to the JDK:
 * {@link Base64Streams}; the hand-written encoder was no faster, see there.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class Base64Benchmark {

    @Param({"4k", "1m"})
    public String size;

    private byte[] binary;
    private byte[] encoded;
    private final byte[] buffer = new byte[8192];

    @Setup
    public void setUp() throws IOException {
        binary = new byte[io.github.camelsmime.bench.Payloads.bytes(size)];
        new Random(1).nextBytes(binary);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = Base64Streams.encoder(out)) {
            enc.write(binary);
        }
        encoded = out.toByteArray();
    }

    @Benchmark
    public long decode_ours() throws IOException {
        return drain(new Base64DecodingStream(window()));
    }

    @Benchmark
    public long decode_library() throws IOException {
        return drain(java.util.Base64.getMimeDecoder().wrap(window()));
    }

    private InputStream window() {
        return new jakarta.mail.util.SharedByteArrayInputStream(encoded);
    }

    private long drain(InputStream in) throws IOException {
        long n = 0;
        for (int r; (r = in.read(buffer)) > 0; ) {
            n += r;
        }
        return n;
    }
}

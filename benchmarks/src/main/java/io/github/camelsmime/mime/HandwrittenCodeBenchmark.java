package io.github.camelsmime.mime;

import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The component's hand-written MIME helpers against the library code that would replace them, each on the work it
 * does on the real path (1 MiB of what the component actually feeds it), so a helper stays only where it wins
 * clearly. Pairs: {@code X_ours} vs {@code X_library}.
 * <ul>
 * <li>{@code scanCanonical}: finding the bare CR/LF in CRLF text (the canonicalizer before signing):
 * {@code ByteScan.nextBareCrOrLf} vs the byte loop.</li>
 * <li>{@code scanSevenBit}: the 7-bit check of a body before choosing its transfer encoding:
 * {@code ByteScan.sevenBitLine} vs the byte loop.</li>
 * <li>{@code bodyPart}: creating a Jakarta Mail body part, which looks up its {@code StreamProvider}: inside
 * {@link StreamProviderScope} (ours) vs Jakarta Mail's own class-path lookup (on this module's class path of about
 * 100 jars; the benchmarks run without the {@code jakarta.mail.util.StreamProvider} system property).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class HandwrittenCodeBenchmark {

    @Param({"1m"})
    public String size;

    private byte[] text;

    @Setup
    public void setUp() {
        text = Payloads.body(Payloads.bytes(size));
    }

    @Benchmark
    public int scanCanonical_ours() {
        return ByteScan.nextBareCrOrLf(text, 0, text.length);
    }

    @Benchmark
    public int scanCanonical_library() {
        return plainNextBareCrOrLf(text, 0, text.length);
    }

    @Benchmark
    public long scanSevenBit_ours() {
        return ByteScan.sevenBitLine(text, 0, text.length, 0, 998);
    }

    @Benchmark
    public long scanSevenBit_library() {
        return plainSevenBitLine(text, 0, text.length, 0, 998);
    }

    @Benchmark
    public Object bodyPart_ours() {
        try (StreamProviderScope scope = StreamProviderScope.enter()) {
            return new jakarta.mail.internet.MimeBodyPart();
        }
    }

    @Benchmark
    public Object bodyPart_library() {
        return new jakarta.mail.internet.MimeBodyPart();
    }

    /** What ByteScan.nextBareCrOrLf answers, one byte at a time. */
    static int plainNextBareCrOrLf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '\r') {
                if (i + 1 < to && b[i + 1] == '\n') {
                    i++;
                    continue;
                }
                return i;
            }
            if (c == '\n') {
                return i;
            }
        }
        return to;
    }

    /** What ByteScan.sevenBitLine answers, one byte at a time. */
    static long plainSevenBitLine(byte[] b, int from, int to, long lineLength, int maxLine) {
        long line = lineLength;
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (c <= 0) {
                return -1;
            }
            if (c == '\n' || c == '\r') {
                line = 0;
            } else if (++line > maxLine) {
                return -1;
            }
        }
        return line;
    }
}

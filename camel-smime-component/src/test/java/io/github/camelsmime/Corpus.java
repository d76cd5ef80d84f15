package io.github.camelsmime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shared third-party interop corpus ({@code ../shared/interop/corpus}) and its MANIFEST.tsv. Its location comes
 * from the system property {@code smime.corpus.dir}, which .ci/run sets: when set and missing the tests fail; when not
 * set (a user's clone) they are skipped with a message.
 */
public final class Corpus {

    /** One manifest row. */
    public record Row(int line, String path, String kind, String keyOrTrust, String expected, String verifiedWith,
            String notes) {

        /** The validation time OpenSSL used for this row ({@code -attime}), in epoch seconds, or null. */
        public Long atTime() {
            Matcher m = Pattern.compile("-attime (\\d+)").matcher(verifiedWith);
            return m.find() ? Long.parseLong(m.group(1)) : null;
        }

        @Override
        public String toString() {
            return line + ": " + path + " -> " + expected;
        }
    }

    private Corpus() {
    }

    /** The corpus folder; skips the calling test when no corpus was configured, fails when it is configured but absent. */
    public static Path dir() {
        String configured = System.getProperty("smime.corpus.dir", "");
        assumeTrue(!configured.isBlank(), "interop corpus not configured: run with -Dsmime.corpus.dir="
                + "../shared/interop/corpus (as .ci/run does) to check the third-party messages");
        Path dir = Path.of(configured);
        assertTrue(Files.isRegularFile(dir.resolve("MANIFEST.tsv")),
                "smime.corpus.dir=" + configured + " has no MANIFEST.tsv");
        return dir;
    }

    public static List<Row> rows() {
        String configured = System.getProperty("smime.corpus.dir", "");
        if (configured.isBlank()) {
            // parameterized tests need at least one row to report the skip through dir()
            return List.of(new Row(0, "(corpus not configured)", "", "", "", "", ""));
        }
        try {
            List<String> lines = Files.readAllLines(Path.of(configured, "MANIFEST.tsv"), StandardCharsets.UTF_8);
            List<Row> rows = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                String[] c = lines.get(i).split("\t", -1);
                if (c.length >= 5) {
                    rows.add(new Row(i + 1, c[0], c[1], c[2], c[3], c[4], c.length > 7 ? c[7] : ""));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the corpus manifest in " + configured, e);
        }
    }
}

package io.github.camelsmime.large;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Runs a main class of the test class path in a separate JVM with its own heap limit, and collects its output. */
final class ForkedJvm {

    /** What the forked JVM did. */
    record Result(int exitCode, String output) {
    }

    private ForkedJvm() {
    }

    /**
     * The test class path as entries. Surefire may start tests through a manifest-only jar, so its own list of the
     * test class path is preferred over {@code java.class.path}.
     */
    static List<String> testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        List<String> entries = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(e);
            }
        }
        return entries;
    }

    static Result run(String heap, Predicate<String> keepEntry, long timeoutSeconds, Class<?> main, String... args)
            throws IOException, InterruptedException {
        List<String> cp = testClassPath().stream().filter(keepEntry).toList();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Dlog4j2.level=WARN");
        command.add("-cp");
        command.add(String.join(File.pathSeparator, cp));
        command.add(main.getName());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("camel-smime-forked-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, "timed out after " + timeoutSeconds + " s\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}

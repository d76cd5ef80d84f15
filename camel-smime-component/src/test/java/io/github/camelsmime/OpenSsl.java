package io.github.camelsmime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs the openssl CLI, the independent implementation our output is checked against. */
public final class OpenSsl {

    /** Exit code and combined output of one command. */
    public record Result(int exitCode, String output) {
        public Result assertOk() {
            if (exitCode != 0) {
                throw new AssertionError("openssl failed (" + exitCode + "): " + output);
            }
            return this;
        }
    }

    private OpenSsl() {
    }

    public static void assumeAvailable() {
        assumeTrue(available(), "openssl CLI not found on PATH; .ci/run installs it");
    }

    public static boolean available() {
        try {
            return run(Path.of("."), "version").exitCode() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static Result run(Path workDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("openssl timed out: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run openssl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("camel-smime-openssl");
            TestPki.removeAtExit(dir);
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

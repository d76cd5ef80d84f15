package io.github.camelsmime.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code openssl} command line tool in a folder; fails with its stderr when it exits non-zero. */
final class Openssl {

    private Openssl() {
    }

    static byte[] run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false).start();
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errReader = new Thread(() -> copy(p.getErrorStream(), err));
        errReader.start();
        copy(p.getInputStream(), out);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("openssl timed out: " + cmd);
        }
        errReader.join();
        if (p.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " exited " + p.exitValue() + ": "
                    + err.toString(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** The private key of a PKCS#12 file as an unencrypted PEM file beside it; returns its path. */
    static Path key(Path p12, String password) throws IOException, InterruptedException {
        Path key = p12.resolveSibling(p12.getFileName().toString().replace(".p12", ".key"));
        run(p12.getParent(), "pkcs12", "-in", p12.toString(), "-nocerts", "-nodes", "-passin", "pass:" + password,
                "-out", key.toString());
        return key;
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // process ended
        }
    }
}

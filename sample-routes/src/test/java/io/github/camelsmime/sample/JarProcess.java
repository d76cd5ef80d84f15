package io.github.camelsmime.sample;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** {@code java -jar target/sample-routes.jar} in a working folder, its output collected line by line. */
final class JarProcess implements AutoCloseable {

    final List<String> lines = new CopyOnWriteArrayList<>();
    final Process process;
    private final Thread reader;

    JarProcess(Path workDir, List<String> jvmArgs, Map<String, String> env, String tag) throws Exception {
        Path jar = Path.of(System.getProperty("sample.jar", "target/sample-routes.jar")).toAbsolutePath();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-jar");
        cmd.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        process = pb.start();
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    lines.add(line);
                    System.out.println("[" + tag + "] " + line);
                }
            } catch (Exception e) {
                // process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    long count(Predicate<String> p) {
        return lines.stream().filter(p).count();
    }

    /** Waits until {@code n} lines match, the process ends, or the time is up; returns the matching count. */
    long awaitLines(Predicate<String> p, long n, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (count(p) < n && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return count(p);
    }

    /** SIGTERM, as Ctrl-C or a service manager would (Process.destroy() would also close our end of the output). */
    void terminate() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(10000);
    }

    /** SIGKILL: a crash, nothing runs on the way out. */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
        reader.join(5000);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            terminate();
        }
    }
}

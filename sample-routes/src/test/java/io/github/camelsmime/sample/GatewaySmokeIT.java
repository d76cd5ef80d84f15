package io.github.camelsmime.sample;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the packaged {@code target/sample-routes.jar} as a new user would ({@code java -jar}, empty working
 * folder), with ports moved by environment variables and system properties, and waits for the demo's VERDICT lines.
 */
class GatewaySmokeIT {

    private static final Pattern TOKEN = Pattern.compile("generated bearer token .*: (\\S+)$");

    @TempDir
    Path work;

    @Test
    void packagedJarRunsTheDemo() throws Exception {
        Path jar = Path.of(System.getProperty("sample.jar", "target/sample-routes.jar")).toAbsolutePath();
        assertThat(jar).exists();
        int http = GatewayHarness.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Dhttp.port=" + http,
                "-Dmail.smtp.port=" + GatewayHarness.freePort(), "-jar", jar.toString())
                .directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        // environment variables, as Camel maps them to property keys
        env.put("MAIL_IMAP_PORT", String.valueOf(GatewayHarness.freePort()));
        env.put("JMS_EMBEDDED_PORT", String.valueOf(GatewayHarness.freePort()));
        env.put("GATEWAY_SIGN_INBOX", "custom/sign-in");
        Process process = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    lines.add(line);
                    System.out.println("[jar] " + line);
                }
            } catch (Exception e) {
                // process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            while (verdicts(lines) < 3 && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertThat(verdicts(lines)).as("demo VERDICT lines").isEqualTo(3);
            assertThat(lines).filteredOn(l -> l.contains("VERDICT mail demo-"))
                    .allMatch(l -> l.contains("signed=true") && l.contains("trusted=true")
                            && l.contains("alice@example.com") && l.contains("encryption="));

            // the demo PKI and the results are in the working folder
            for (String f : new String[] {"ca.pem", "alice.p12", "bob.p12", "alice.pem", "bob.pem",
                "recipients/alice.pem", "recipients/bob.pem"}) {
                assertThat(work.resolve("data/pki").resolve(f)).exists();
            }
            try (var verified = Files.list(work.resolve("data/mail/verified"))) {
                assertThat(verified.filter(p -> p.toString().endsWith(".verdict.json")).count()).isEqualTo(3);
            }
            // the environment variable moved the sign inbox
            assertThat(lines).anyMatch(l -> l.contains("Started file-sign") && l.contains("custom/sign-in"));

            // the HTTP API is on the port given by -Dhttp.port, with the token that was printed
            String token = lines.stream().map(TOKEN::matcher).filter(Matcher::find).map(m -> m.group(1))
                    .findFirst().orElseThrow();
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> denied = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http + "/smime/sign"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(denied.statusCode()).isEqualTo(401);
            HttpResponse<String> signed = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http + "/smime/sign"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("smoke")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signed.statusCode()).isEqualTo(200);
            assertThat(signed.body()).containsIgnoringCase("multipart/signed");

            // no key or keystore password in the output
            assertThat(lines).noneMatch(l -> l.contains("changeit"));
        } finally {
            // SIGTERM: Camel Main shuts down gracefully (Process.destroy() would also close our end of its output)
            process.toHandle().destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            reader.join(10000);
        }
        assertThat(lines).anyMatch(l -> l.contains("shutdown") || l.contains("shutting down"));
    }

    private static long verdicts(List<String> lines) {
        return lines.stream().filter(l -> l.contains("VERDICT mail demo-")).count();
    }
}

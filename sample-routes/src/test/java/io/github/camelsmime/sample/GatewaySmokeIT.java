package io.github.camelsmime.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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
    private static final Predicate<String> VERDICT = l -> l.contains("VERDICT mail demo-");

    @TempDir
    Path work;

    @Test
    void packagedJarRunsTheDemo() throws Exception {
        int http = GatewayHarness.freePort();
        JarProcess jar = new JarProcess(work,
                List.of("-Dhttp.port=" + http, "-Dmail.smtp.port=" + GatewayHarness.freePort()),
                // environment variables, as Camel maps them to property keys
                Map.of("MAIL_IMAP_PORT", String.valueOf(GatewayHarness.freePort()),
                        "JMS_EMBEDDED_PORT", String.valueOf(GatewayHarness.freePort()),
                        "GATEWAY_SIGN_INBOX", "custom/sign-in"), "jar");
        List<String> lines = jar.lines;
        try (jar) {
            assertThat(jar.awaitLines(VERDICT, 3, 150)).as("demo VERDICT lines").isEqualTo(3);
            assertThat(lines).filteredOn(VERDICT).allMatch(l -> l.contains("signed=true") && l.contains("trusted=true")
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

            jar.terminate();
        }
        assertThat(lines).anyMatch(l -> l.contains("shutting down"));
        assertThat(lines).anyMatch(l -> l.contains("Embedded ActiveMQ Artemis broker") && l.contains("stopped"));
        // no key or keystore password in the output
        assertThat(lines).noneMatch(l -> l.contains("changeit"));
    }
}

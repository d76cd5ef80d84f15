package io.github.camelsmime.sample;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway with only the HTTP API running (no mail, JMS or file routes), started once per test class in a temporary
 * folder that is deleted afterwards (it holds the demo PKI's private keys), and a client of its API over a real socket
 * (the JDK HttpClient) with the checks every test needs. Use as {@code @RegisterExtension static final HttpApi}.
 */
final class HttpApi implements BeforeAllCallback, AfterAllCallback {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, String> properties;
    private Path data;
    private GatewayHarness gateway;

    /** @param extra gateway properties on top of the HTTP-only defaults */
    HttpApi(Map<String, String> extra) {
        properties = new HashMap<>(Map.of("mail.enabled", "false", "jms.enabled", "false",
                "gateway.file.enabled", "false"));
        properties.putAll(extra);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        data = Files.createTempDirectory("gateway-http");
        gateway = GatewayHarness.start(data, properties);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    GatewayHarness gateway() {
        return gateway;
    }

    HttpResponse<byte[]> post(String path, String token, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    /** POST with the gateway's token. */
    HttpResponse<byte[]> post(String path, String contentType, byte[] body) throws Exception {
        return post(path, GatewayHarness.TOKEN, contentType, body);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(gateway.httpBase() + path)).timeout(Duration.ofSeconds(60));
    }

    HttpResponse<byte[]> send(HttpRequest request) throws Exception {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends {@code head} (request line and headers, without the blank line) as it is, with an empty body and
     * Connection: close, over a plain socket; returns everything the server answers. */
    String raw(String head) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gateway.httpPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write((head + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The RFC 9457 problem of an error response, after checking its status and media type. */
    static JsonObject problem(HttpResponse<byte[]> response, int status) throws Exception {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject json = (JsonObject) Jsoner.deserialize(text(response));
        assertThat(json.getInteger("status")).isEqualTo(status);
        assertThat(json.getString("type")).startsWith("urn:camel-smime:problem:");
        assertThat(json.getString("title")).isNotBlank();
        return json;
    }

    /** A 200 answer parsed as the MIME message it carries. */
    static MimeMessage message(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(response.body()));
    }
}

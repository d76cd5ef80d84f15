package io.github.camelsmime.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.camelsmime.sample.embedded.EmbeddedBroker;
import io.github.camelsmime.sample.embedded.EmbeddedMailServer;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The gateway started in the test JVM as {@link GatewayApplication} starts it, with its data folder in a temporary
 * directory, free loopback ports for SMTP, IMAP, Artemis and HTTP, a fixed HTTP token and fast polling.
 */
public final class GatewayHarness implements AutoCloseable {

    public static final String TOKEN = "test-token-0123456789";

    private final Main main;
    private final Path dataDir;
    private final Map<String, String> properties;

    private GatewayHarness(Main main, Path dataDir, Map<String, String> properties) {
        this.main = main;
        this.dataDir = dataDir;
        this.properties = properties;
    }

    public static GatewayHarness start(Path dataDir) throws Exception {
        return start(dataDir, Map.of());
    }

    public static GatewayHarness start(Path dataDir, Map<String, String> extra) throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("gateway.data.dir", dataDir.toString());
        p.put("mail.smtp.port", String.valueOf(freePort()));
        p.put("mail.imap.port", String.valueOf(freePort()));
        p.put("mail.imap.delay", "500");
        p.put("jms.embedded.port", String.valueOf(freePort()));
        p.put("http.port", String.valueOf(freePort()));
        p.put("http.token", TOKEN);
        p.put("demo.enabled", "false");
        p.put("gateway.readlock.min.age", "300");
        p.put("gateway.poll.delay", "200");
        p.putAll(extra);
        Main main = GatewayApplication.create();
        p.forEach(main::addOverrideProperty);
        main.start();
        return new GatewayHarness(main, dataDir, p);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path pki(String file) {
        return dataDir.resolve("pki").resolve(file);
    }

    public String property(String key) {
        return context().getPropertiesComponent().resolveProperty(key).orElse(null);
    }

    public int httpPort() {
        return Integer.parseInt(properties.get("http.port"));
    }

    public String httpBase() {
        return "http://127.0.0.1:" + httpPort();
    }

    public EmbeddedMailServer mail() {
        return context().getRegistry().lookupByNameAndType(GatewayBootstrap.EMBEDDED_MAIL, EmbeddedMailServer.class);
    }

    public EmbeddedBroker broker() {
        return context().getRegistry().lookupByNameAndType(GatewayBootstrap.EMBEDDED_BROKER, EmbeddedBroker.class);
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}

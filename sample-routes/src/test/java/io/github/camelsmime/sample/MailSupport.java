package io.github.camelsmime.sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import jakarta.mail.Session;
import jakarta.mail.Transport;

import io.github.camelsmime.sample.support.PreservingMimeMessage;

/** Test helpers: send raw bytes over SMTP to the embedded GreenMail, find result files. */
final class MailSupport {

    private MailSupport() {
    }

    static void sendRaw(GatewayHarness gateway, byte[] raw) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", gateway.property("mail.smtp.port"));
        p.put("mail.smtp.auth", "true");
        Session session = Session.getInstance(p);
        PreservingMimeMessage message = new PreservingMimeMessage(session, new ByteArrayInputStream(raw));
        Transport.send(message, "alice@example.com", "changeit");
    }

    /** Files in {@code dir} whose name starts with {@code prefix} and ends with {@code suffix}. */
    static List<Path> find(Path dir, String prefix, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(suffix) && !n.startsWith(".");
            }).sorted().toList();
        }
    }
}

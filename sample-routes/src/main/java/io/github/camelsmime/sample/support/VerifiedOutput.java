package io.github.camelsmime.sample.support;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import jakarta.activation.DataHandler;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.attachment.AttachmentMessage;

/**
 * Writes an unwrapped message to a folder: first {@code NAME.verdict.json}, then the attachments (if any) under
 * {@code NAME.attachments/}, last the content as {@code NAME}; each file appears atomically, so the content file's
 * presence means everything is there. Sets the exchange property {@link Verdicts#SUMMARY} for the log line.
 */
public class VerifiedOutput implements Processor {

    private final Path dir;

    public VerifiedOutput(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String name = GatewayNames.of(exchange);
        exchange.setProperty(GatewayNames.NAME, name);
        exchange.setProperty(Verdicts.SUMMARY, Verdicts.summary(exchange));
        AtomicFiles.write(dir.resolve(name + ".verdict.json"),
                Verdicts.prettyJson(exchange).getBytes(StandardCharsets.UTF_8));

        if (exchange.getMessage() instanceof AttachmentMessage am && am.hasAttachments()) {
            Path attachments = dir.resolve(name + ".attachments");
            int n = 0;
            for (Map.Entry<String, DataHandler> e : am.getAttachments().entrySet()) {
                n++;
                String file = AtomicFiles.safeName(e.getKey(), "part-" + n);
                try (InputStream in = e.getValue().getInputStream()) {
                    AtomicFiles.write(attachments.resolve(file), in);
                }
            }
        }

        Object body = exchange.getMessage().getBody();
        if (body instanceof byte[] bytes) {
            AtomicFiles.write(dir.resolve(name), bytes);
        } else {
            InputStream in = exchange.getMessage().getBody(InputStream.class);
            if (in == null) {
                AtomicFiles.write(dir.resolve(name), new byte[0]);
            } else {
                try (in) {
                    AtomicFiles.write(dir.resolve(name), in);
                }
            }
        }
    }
}

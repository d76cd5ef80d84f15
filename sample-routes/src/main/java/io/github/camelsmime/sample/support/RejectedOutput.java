package io.github.camelsmime.sample.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a failed message to the rejected folder: first {@code NAME.reason.txt}, then the original bytes, unchanged,
 * as {@code NAME} + suffix; NAME is the first free name (see {@link ResultFolder}), so a rejection never replaces
 * another one. The original comes from the exchange property {@link GatewayNames#ORIGINAL} (the bytes, or a mail
 * to stream), else from the
 * consumed file ({@code CamelFileAbsolutePath}), else from the (original) body.
 */
public class RejectedOutput implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RejectedOutput.class);

    private final ResultFolder folder;
    private final String suffix;

    public RejectedOutput(Path dir, String suffix) {
        this.folder = new ResultFolder(dir);
        this.suffix = suffix == null ? "" : suffix;
    }

    public Path dir() {
        return folder.dir();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String name = folder.claim(GatewayNames.of(exchange), suffix, ResultFolder.REASON,
                n -> Failures.reasonText(exchange, n));
        Path target = folder.resolve(name + suffix);
        Object original = exchange.getProperty(GatewayNames.ORIGINAL);
        String path = exchange.getMessage().getHeader("CamelFileAbsolutePath", String.class);
        if (original instanceof byte[] bytes) {
            AtomicFiles.create(target, bytes);
        } else if (original instanceof Part part) {
            // a mail too large to read into memory: streamed from the server into the file
            AtomicFiles.create(target, tmp -> {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    part.writeTo(out);
                } catch (MessagingException e) {
                    throw new IOException("Cannot read the original message: " + e.getMessage(), e);
                }
            });
        } else if (path != null && Files.isRegularFile(Path.of(path))) {
            AtomicFiles.copy(Path.of(path), target);
        } else {
            try (InputStream in = exchange.getMessage().getMandatoryBody(InputStream.class)) {
                AtomicFiles.create(target, in);
            }
        }
        Throwable t = Failures.caught(exchange);
        LOG.warn("REJECTED {} [{}]: {} -> {}", name, Failures.reason(t), Failures.message(t), target);
    }
}

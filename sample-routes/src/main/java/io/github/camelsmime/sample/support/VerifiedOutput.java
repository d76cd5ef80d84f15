package io.github.camelsmime.sample.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.Part;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Writes opened content (the component's {@code outputParts=false} body) to a folder: first
 * {@code NAME.verdict.json}, then every further MIME part under {@code NAME.attachments/}, last the document as
 * {@code NAME}; each file appears atomically and none replaces an existing file (see {@link ResultFolder}), so the
 * document's presence means everything is there. NAME is the document part's own file name when
 * {@code namedByPart} and the part has one, else the exchange's name. Attachments keep their safe file names
 * ({@code part-N} without one), numbered when two are equal. When writing fails midway, what was written is removed
 * again and the failure goes to the route's error handler (the rejected folder). Sets the exchange properties
 * {@link GatewayNames#NAME} and {@link Verdicts#SUMMARY} for the log line.
 */
public class VerifiedOutput implements Processor {

    private final ResultFolder folder;
    private final boolean namedByPart;
    public VerifiedOutput(Path dir, boolean namedByPart) {
        this.folder = new ResultFolder(dir);
        this.namedByPart = namedByPart;
    }

    public Path dir() {
        return folder.dir();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        List<Path> written = new ArrayList<>();
        try (InputStream body = exchange.getMessage().getMandatoryBody(InputStream.class);
                ContentParts parts = ContentParts.read(body, folder.dir())) {
            String wanted = namedByPart && parts.mainFileName() != null
                    ? GatewayNames.safe(parts.mainFileName(), GatewayNames.of(exchange)) : GatewayNames.of(exchange);
            String verdict = Verdicts.prettyJson(exchange);
            String name = folder.claim(wanted, "", ResultFolder.VERDICT, n -> verdict);
            written.add(folder.resolve(name + ResultFolder.VERDICT));
            exchange.setProperty(GatewayNames.NAME, name);
            exchange.setProperty(Verdicts.SUMMARY, Verdicts.summary(exchange));
            writeAttachments(parts.attachments(), folder.resolve(name + ResultFolder.ATTACHMENTS), written);
            try (InputStream content = parts.mainContent()) {
                written.add(AtomicFiles.create(folder.resolve(name), content));
            }
        } catch (Exception e) {
            removeAll(written);
            throw e;
        }
    }

    private static void writeAttachments(List<Part> attachments, Path dir, List<Path> written) throws Exception {
        if (attachments.isEmpty()) {
            return;
        }
        Files.createDirectory(dir);
        written.add(dir);
        int n = 1;
        for (Part part : attachments) {
            n++;
            String file = GatewayNames.safe(part.getFileName(),
                    "part-" + n + (part.isMimeType("message/rfc822") ? ".eml" : ""));
            try (InputStream in = part.getInputStream()) {
                written.add(AtomicFiles.create(dir, ResultFolder.candidates(file), tmp -> Files.copy(in, tmp,
                        StandardCopyOption.REPLACE_EXISTING)));
            }
        }
    }

    /** Removes a half-written result, files first, then the attachments folder. */
    private static void removeAll(List<Path> written) {
        for (int i = written.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(written.get(i));
            } catch (IOException ignored) {
                // the sidecar without its document does not count as a result; the input is rejected or retried
            }
        }
    }
}

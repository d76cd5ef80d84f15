package io.github.camelsmime.mime;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;

import jakarta.mail.Header;
import jakarta.mail.internet.MailDateFormat;

/**
 * Writes a complete message: the outer headers (canonical CRLF line endings, whatever the input had in folded
 * values), then the protected entity, which writes its own Content-* headers and body in canonical form. Date,
 * Message-ID and MIME-Version are added when the message has none, so the output can go straight to SMTP.
 */
public final class MessageWriter {

    private MessageWriter() {
    }

    public static void write(List<Header> outerHeaders, Entity entity, OutputStream target) throws IOException {
        CrlfOutputStream out = new CrlfOutputStream(target);
        for (Header h : outerHeaders) {
            writeHeader(out, h.getName(), h.getValue());
        }
        if (!MessageAssembler.hasHeader(outerHeaders, "Date")) {
            writeHeader(out, "Date", new MailDateFormat().format(new java.util.Date()));
        }
        if (!MessageAssembler.hasHeader(outerHeaders, "Message-ID")) {
            writeHeader(out, "Message-ID", "<" + UUID.randomUUID() + "@camel-smime>");
        }
        writeHeader(out, "MIME-Version", "1.0");
        out.finish();
        // every layer writes canonical bytes itself: no second pass over a large body
        entity.writeTo(target);
    }

    private static void writeHeader(OutputStream out, String name, String value) throws IOException {
        Entities.writeHeader(out, name, value);
    }
}

package io.github.camelsmime.mime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;

/**
 * Writes a complete message: the outer headers, then the protected entity (its own Content-* headers and body), all
 * with canonical CRLF line endings. Date, Message-ID and MIME-Version are added when the message has none, so the
 * output can go straight to SMTP.
 */
public final class MessageWriter {

    private MessageWriter() {
    }

    public static void write(List<Header> outerHeaders, MimeBodyPart entity, OutputStream target)
            throws IOException, MessagingException {
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
        entity.writeTo(out);
        out.finish();
    }

    private static void writeHeader(OutputStream out, String name, String value) throws IOException {
        out.write(name.getBytes(StandardCharsets.UTF_8));
        out.write(':');
        out.write(' ');
        out.write(value.getBytes(StandardCharsets.UTF_8));
        out.write('\r');
        out.write('\n');
    }
}

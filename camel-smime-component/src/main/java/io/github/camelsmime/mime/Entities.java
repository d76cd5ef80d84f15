package io.github.camelsmime.mime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;

import org.bouncycastle.mail.smime.SMIMEException;
import org.bouncycastle.mail.smime.SMIMEGenerator;

/** What the protecting layers ({@link Entity}) are written with: the content entity, header lines, boundaries. */
public final class Entities {

    private static final AtomicLong BOUNDARY_COUNTER = new AtomicLong();
    private static final ContentHeaders CONTENT_HEADERS = new ContentHeaders();

    private Entities() {
    }

    /**
     * The user's content part as Jakarta Mail writes it, after Bouncy Castle has completed its Content-* headers
     * (what each of Bouncy Castle's S/MIME generators does first, so the entity carries the same headers as before).
     * Written as it is; a layer that needs the canonical form (a detached signature) canonicalizes it.
     */
    public static Entity content(MimeBodyPart part) throws MessagingException {
        MimeBodyPart completed;
        try {
            completed = CONTENT_HEADERS.complete(part);
        } catch (SMIMEException e) {
            throw new MessagingException("Cannot complete the content headers: " + e.getMessage(), e);
        }
        return out -> {
            try {
                completed.writeTo(out);
            } catch (MessagingException e) {
                throw new IOException("Cannot write the content: " + e.getMessage(), e);
            }
        };
    }

    /** Writes {@code Name: value} and CRLF. */
    public static void writeHeader(OutputStream out, String name, String value) throws IOException {
        out.write(name.getBytes(StandardCharsets.UTF_8));
        out.write(':');
        out.write(' ');
        out.write(value.getBytes(StandardCharsets.UTF_8));
        writeCrlf(out);
    }

    public static void writeCrlf(OutputStream out) throws IOException {
        out.write('\r');
        out.write('\n');
    }

    /**
     * The header block of a base64 body part of Bouncy Castle's S/MIME generators, in the order Jakarta Mail writes
     * the headers they set (Content-Type, Content-Transfer-Encoding, Content-Disposition, Content-Description), and
     * the empty line.
     */
    public static void writeBase64PartHeaders(OutputStream out, String contentType, String disposition,
            String description) throws IOException {
        writeHeader(out, "Content-Type", contentType);
        writeHeader(out, "Content-Transfer-Encoding", "base64");
        writeHeader(out, "Content-Disposition", disposition);
        writeHeader(out, "Content-Description", description);
        writeCrlf(out);
    }

    /** A multipart boundary of the form Jakarta Mail uses ({@code ----=_Part_N_R.T}). */
    public static String newBoundary() {
        return "----=_Part_" + BOUNDARY_COUNTER.getAndIncrement() + "_"
                + ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE) + "." + System.currentTimeMillis();
    }

    /** Bouncy Castle's own header completion ({@code SMIMEGenerator.makeContentBodyPart}), reached by subclassing. */
    private static final class ContentHeaders extends SMIMEGenerator {
        MimeBodyPart complete(MimeBodyPart part) throws SMIMEException {
            return makeContentBodyPart(part);
        }
    }
}

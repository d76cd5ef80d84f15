package io.github.camelsmime.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.ParseException;

/** Small MIME helpers shared by the component: one mail session without any transport, parsing, content types. */
public final class Mime {

    /** A session that never connects anywhere; only used to parse and write. */
    public static final Session SESSION = Session.getInstance(sessionProperties());

    private Mime() {
    }

    private static Properties sessionProperties() {
        Properties p = new Properties();
        // keep what we read byte-for-byte: no header folding changes, no charset guessing
        p.setProperty("mail.mime.allowutf8", "true");
        p.setProperty("mail.mime.parameters.strict", "false");
        return p;
    }

    /** Parses a MIME entity (or message) lazily: over a SharedInputStream the body stays a window, not a copy. */
    public static MimeBodyPart parsePart(InputStream in) {
        try {
            return new MimeBodyPart(in);
        } catch (MessagingException e) {
            throw new MimeFormatException("Not a MIME entity: " + e.getMessage(), e);
        }
    }

    public static MimeMessage parseMessage(InputStream in) {
        try {
            return new MimeMessage(SESSION, in);
        } catch (MessagingException e) {
            throw new MimeFormatException("Not a MIME message: " + e.getMessage(), e);
        }
    }

    /** The entity's content type, text/plain when absent (RFC 2045 section 5.2). */
    public static ContentType contentType(jakarta.mail.Part part) {
        try {
            String[] values = part.getHeader("Content-Type");
            if (values == null || values.length == 0) {
                return new ContentType("text/plain; charset=us-ascii");
            }
            return new ContentType(values[0]);
        } catch (ParseException e) {
            throw new MimeFormatException("Malformed Content-Type: " + e.getMessage(), e);
        } catch (MessagingException e) {
            throw new MimeFormatException("Unreadable headers: " + e.getMessage(), e);
        }
    }

    /** Lower-case Content-Transfer-Encoding, or null when absent. */
    public static String transferEncoding(jakarta.mail.Part part) {
        try {
            String[] values = part.getHeader("Content-Transfer-Encoding");
            return values == null || values.length == 0 ? null : values[0].trim().toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            throw new MimeFormatException("Unreadable headers: " + e.getMessage(), e);
        }
    }

    /** The body bytes exactly as transmitted (still transfer-encoded). */
    public static InputStream rawBody(MimeBodyPart part) {
        try {
            return part.getRawInputStream();
        } catch (MessagingException e) {
            throw new MimeFormatException("Unreadable body: " + e.getMessage(), e);
        }
    }

    /** The body with its transfer encoding removed. */
    public static InputStream decodedBody(MimeBodyPart part) throws IOException {
        try {
            String cte = transferEncoding(part);
            InputStream raw = part.getRawInputStream();
            if (cte == null || cte.equals("7bit") || cte.equals("8bit") || cte.equals("binary")) {
                return raw;
            }
            if (cte.equals("base64")) {
                return new Base64DecodingStream(raw);
            }
            return jakarta.mail.internet.MimeUtility.decode(raw, cte);
        } catch (MessagingException e) {
            throw new MimeFormatException("Unreadable body: " + e.getMessage(), e);
        }
    }

    /** Unchecked wrapper so the MIME layer stays free of the component's exception types. */
    public static final class MimeFormatException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MimeFormatException(String message, Throwable cause) {
            super(message, cause);
        }

        public MimeFormatException(String message) {
            super(message);
        }
    }
}

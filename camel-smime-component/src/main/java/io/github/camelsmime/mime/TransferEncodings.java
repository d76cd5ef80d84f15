package io.github.camelsmime.mime;

import java.io.IOException;
import java.io.InputStream;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

/**
 * Makes an entity 7-bit safe before it is signed (RFC 8551 section 3.1.2): a relay that converts 8-bit or binary
 * content would otherwise break the signature. Leaves are re-encoded as quoted-printable (text) or base64 (anything
 * else) only when they are 8-bit or binary; entities that are already 7-bit are left byte-for-byte alone.
 */
public final class TransferEncodings {

    private static final int MAX_LINE = 998;

    private TransferEncodings() {
    }

    /** Returns true when the part (or one of its children) was re-encoded. */
    public static boolean makeSevenBitSafe(MimeBodyPart part) throws IOException, MessagingException {
        ContentType type = Mime.contentType(part);
        if (type.match("multipart/*")) {
            Object content = part.getContent();
            if (!(content instanceof MimeMultipart multipart)) {
                return false;
            }
            boolean changed = false;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (child instanceof MimeBodyPart mimeChild) {
                    changed |= makeSevenBitSafe(mimeChild);
                }
            }
            if (changed) {
                // the parent must now write the modified children, not its original raw bytes
                part.setContent(multipart);
                part.setHeader("Content-Type", type.toString());
                part.removeHeader("Content-Transfer-Encoding");
            }
            return changed;
        }
        if (type.match("message/rfc822")) {
            // RFC 2046: message/rfc822 may only be 7bit/8bit/binary; an 8-bit embedded message is left as it is
            return false;
        }
        String cte = Mime.transferEncoding(part);
        boolean needsEncoding;
        if (cte == null || cte.equals("7bit")) {
            try (InputStream raw = Mime.rawBody(part)) {
                needsEncoding = !isSevenBit(raw);
            }
        } else {
            needsEncoding = cte.equals("8bit") || cte.equals("binary");
        }
        if (!needsEncoding) {
            return false;
        }
        reencode(part, type);
        return true;
    }

    /** Chooses quoted-printable for text and base64 for everything else, for parts we build ourselves. */
    public static String encodingFor(ContentType type) {
        return type.getPrimaryType().equalsIgnoreCase("text") ? "quoted-printable" : "base64";
    }

    private static void reencode(MimeBodyPart part, ContentType type) throws MessagingException {
        // the data source captures the original encoding: the header is changed right after
        String original = Mime.transferEncoding(part);
        part.setDataHandler(new DataHandler(new FixedEncodingSource(part, original == null ? "7bit" : original, type)));
        part.setHeader("Content-Type", type.toString());
        part.setHeader("Content-Transfer-Encoding", encodingFor(type));
    }

    /** Reads the part's raw bytes decoded with the encoding it had before we changed the header. */
    private record FixedEncodingSource(MimeBodyPart part, String encoding, ContentType type) implements DataSource {
        @Override
        public InputStream getInputStream() throws IOException {
            InputStream raw = Mime.rawBody(part);
            if (encoding.equals("7bit") || encoding.equals("8bit") || encoding.equals("binary")) {
                return raw;
            }
            try {
                return MimeUtility.decode(raw, encoding);
            } catch (MessagingException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        @Override
        public java.io.OutputStream getOutputStream() throws IOException {
            throw new IOException("read-only data source");
        }

        @Override
        public String getContentType() {
            return type.toString();
        }

        @Override
        public String getName() {
            return null;
        }
    }

    /** No byte above 127, no NUL, no line longer than 998 octets. */
    static boolean isSevenBit(InputStream in) throws IOException {
        byte[] buf = new byte[65536];
        long lineLength = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            lineLength = ByteScan.sevenBitLine(buf, 0, n, lineLength, MAX_LINE);
            if (lineLength < 0) {
                return false;
            }
        }
        return true;
    }
}

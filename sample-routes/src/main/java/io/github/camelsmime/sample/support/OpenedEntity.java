package io.github.camelsmime.sample.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeUtility;

/**
 * The opened content the component hands back ({@code outputParts=false}: the MIME entity that was signed, under the
 * message's own headers), read as a stream: its header block is parsed, the body is not. A single part can then be
 * decoded straight from the stream (a 1 GiB document costs no heap); a multipart is read as a whole entity.
 */
public final class OpenedEntity {

    private final InternetHeaders headers;
    private final InputStream body;
    private final MimeBodyPart headerPart;

    private OpenedEntity(InternetHeaders headers, InputStream body) throws MessagingException {
        this.headers = headers;
        this.body = body;
        this.headerPart = new MimeBodyPart(headers, new byte[0]);
    }

    public static OpenedEntity read(InputStream in) throws MessagingException {
        return new OpenedEntity(new InternetHeaders(in), in);
    }

    /** The declared type ({@code text/plain; charset=us-ascii} when there is none, as RFC 2045 says). */
    public String contentType() throws MessagingException {
        return headerPart.getContentType();
    }

    public boolean multipart() throws MessagingException {
        return headerPart.isMimeType("multipart/*");
    }

    /** The part's file name (Content-Disposition filename, else Content-Type name), or null. */
    public String fileName() throws MessagingException {
        return headerPart.getFileName();
    }

    /** The charset of a text part, or null. */
    public String textCharset() throws MessagingException {
        if (!headerPart.isMimeType("text/*")) {
            return null;
        }
        return new ContentType(contentType()).getParameter("charset");
    }

    /** The body, transfer decoding undone (for a single part). */
    public InputStream decoded() throws MessagingException {
        String encoding = headerPart.getEncoding();
        return encoding == null ? body : MimeUtility.decode(body, encoding);
    }

    /** The whole entity again: its header lines and the body, as received. */
    public InputStream whole() {
        StringBuilder head = new StringBuilder();
        for (String line : Collections.list(headers.getAllHeaderLines())) {
            head.append(line).append("\r\n");
        }
        head.append("\r\n");
        // header lines are ASCII, or raw UTF-8 (RFC 6532) that InternetHeaders read as ISO-8859-1: write back as read
        return new SequenceInputStream(new ByteArrayInputStream(head.toString().getBytes(StandardCharsets.ISO_8859_1)),
                body);
    }

    /** Closes the underlying stream. */
    public void close() throws IOException {
        body.close();
    }
}

package io.github.camelsmime.mime;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;

/**
 * Turns what arrives on marshal into the entity to protect plus the message headers that stay outside it. A complete
 * message keeps its From/To/Subject/... outside and its Content-* headers inside; a bare payload is wrapped as one
 * MIME part named after its file; attachments become further parts of a multipart/mixed.
 */
public final class MessageAssembler {

    /** How to read the body. */
    public enum Format {
        AUTO, MIME, RAW
    }

    /** One attachment to add as a part of the protected entity. */
    public record Attachment(String name, DataSource source) {
    }

    /**
     * What came in: the body as a stream (or an already parsed mail part), the declared content type and file name
     * of a raw payload, header values to use when the body has none (From, To, Cc, Subject), and attachments.
     */
    public record Input(InputStream body, Part part, String contentType, String fileName,
            Map<String, String> headers, List<Attachment> attachments, Format format) {
    }

    /** The entity to protect, the header lines to write above it, and the spools backing both. */
    public static final class Assembled implements Closeable {
        private final List<Header> outerHeaders;
        private final MimeBodyPart content;
        private final List<Spool> spools;

        Assembled(List<Header> outerHeaders, MimeBodyPart content, List<Spool> spools) {
            this.outerHeaders = outerHeaders;
            this.content = content;
            this.spools = spools;
        }

        public List<Header> outerHeaders() {
            return outerHeaders;
        }

        public MimeBodyPart content() {
            return content;
        }

        public void addSpool(Spool spool) {
            spools.add(spool);
        }

        @Override
        public void close() {
            List<Spool> toClose = new ArrayList<>(spools);
            spools.clear();
            toClose.forEach(Spool::close);
        }
    }

    private static final List<String> TAKEN_FROM_EXCHANGE = List.of("From", "To", "Cc", "Subject");

    private MessageAssembler() {
    }

    /**
     * @param limits   the limits a MIME body is checked against before it is parsed
     * @param settings where and past which size the body is spooled
     */
    public static Assembled assemble(Input input, MimeLimits limits, Spool.Settings settings)
            throws IOException, MessagingException {
        List<Spool> spools = new ArrayList<>();
        try {
            Spool body = input.part() != null ? settings.of(input.part()) : settings.of(input.body());
            spools.add(body);
            List<Header> outer = new ArrayList<>();
            Shape shape = shapeOf(input, body);
            if (shape == Shape.MULTIPART_BODY) {
                limits.check(new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(
                        ("Content-Type: " + input.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8)),
                        body.open()));
            } else if (shape == Shape.ENTITY) {
                limits.check(body.open());
            }
            MimeBodyPart content = switch (shape) {
                case ENTITY -> splitMessage(body, outer, spools);
                case MULTIPART_BODY -> multipartBody(body, input.contentType());
                case PAYLOAD -> wrapPayload(body, input);
            };
            fillFromExchange(outer, input.headers());
            if (input.attachments() != null && !input.attachments().isEmpty()) {
                content = withAttachments(content, input.attachments());
            }
            TransferEncodings.makeSevenBitSafe(content);
            return new Assembled(outer, content, spools);
        } catch (IOException | MessagingException | RuntimeException e) {
            spools.forEach(Spool::close);
            throw e;
        }
    }

    /** What the body is: a MIME entity (headers and body), the body of a declared multipart, or a payload. */
    private enum Shape {
        ENTITY, MULTIPART_BODY, PAYLOAD
    }

    /**
     * A declared type is believed: a {@code text/plain} body whose first lines look like headers is a payload, or
     * its lines would become unsigned outer headers. The body is looked at only when it is declared as MIME (a
     * message, or a multipart that may come with or without its header block) or not declared at all.
     */
    private static Shape shapeOf(Input input, Spool body) throws IOException {
        if (input.part() != null || input.format() == Format.MIME) {
            return Shape.ENTITY;
        }
        if (input.format() == Format.RAW) {
            return Shape.PAYLOAD;
        }
        String declared = input.contentType() == null ? "" : input.contentType().trim().toLowerCase(Locale.ROOT);
        if (declared.startsWith("message/rfc822")) {
            return Shape.ENTITY;
        }
        boolean multipart = declared.startsWith("multipart/") && boundaryOf(input.contentType()) != null;
        if (!declared.isEmpty() && !multipart) {
            return Shape.PAYLOAD;
        }
        boolean headerBlock;
        try (InputStream in = body.open()) {
            headerBlock = InputSniffer.looksLikeMime(in);
        }
        return headerBlock ? Shape.ENTITY : multipart ? Shape.MULTIPART_BODY : Shape.PAYLOAD;
    }

    private static String boundaryOf(String contentType) {
        try {
            return new ContentType(contentType).getParameter("boundary");
        } catch (jakarta.mail.internet.ParseException e) {
            return null;
        }
    }

    /** The declared multipart type over the body as it came (a multipart is never transfer-encoded). */
    private static MimeBodyPart multipartBody(Spool body, String contentType) throws IOException, MessagingException {
        InternetHeaders headers = new InternetHeaders();
        headers.addHeader("Content-Type", new ContentType(contentType).toString());
        return new WindowPart(headers, body.open());
    }

    /** Message headers go outside; Content-* headers and the body become the entity to protect. */
    private static MimeBodyPart splitMessage(Spool body, List<Header> outer, List<Spool> spools)
            throws IOException, MessagingException {
        MimeBodyPart whole = Mime.parsePart(body.open());
        List<Header> inner = new ArrayList<>();
        for (Header h : Collections.list(whole.getAllHeaders())) {
            String name = h.getName().toLowerCase(Locale.ROOT);
            if (name.startsWith("content-")) {
                inner.add(h);
            } else if (!name.equals("mime-version")) {
                outer.add(h);
            }
        }
        if (outer.isEmpty()) {
            return whole;
        }
        // the entity is the inner headers over the same body bytes: a window into the spool, not a copy
        InternetHeaders headers = new InternetHeaders();
        for (Header h : inner) {
            headers.addHeader(h.getName(), h.getValue());
        }
        if (inner.isEmpty()) {
            headers.addHeader("Content-Type", "text/plain; charset=us-ascii");
        }
        return new WindowPart(headers, Mime.rawBody(whole));
    }

    /** A body part made of the given headers and a body that is a {@code SharedInputStream} window. */
    private static final class WindowPart extends MimeBodyPart {
        WindowPart(InternetHeaders headers, InputStream sharedBody) {
            this.headers = headers;
            this.contentStream = sharedBody;
        }
    }

    private static MimeBodyPart wrapPayload(Spool body, Input input) throws MessagingException {
        String fileName = input.fileName() == null ? null : baseName(input.fileName());
        ContentType type = payloadType(input.contentType(), fileName);
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new SpoolDataSource(body, type.toString(), fileName)));
        part.setHeader("Content-Type", type.toString());
        part.setHeader("Content-Transfer-Encoding", TransferEncodings.encodingFor(type));
        if (fileName != null) {
            setAttachmentName(part, fileName);
        }
        return part;
    }

    private static ContentType payloadType(String declared, String fileName) throws MessagingException {
        ContentType type = null;
        if (declared != null && !declared.isBlank()) {
            try {
                type = new ContentType(declared);
            } catch (jakarta.mail.internet.ParseException e) {
                type = null;
            }
        }
        if (type == null) {
            type = new ContentType(MediaTypes.forFileName(fileName));
        }
        if (fileName != null && type.getParameter("name") == null) {
            type.setParameterList(HeaderValues.withParameter(type.getParameterList(), "name", fileName));
        }
        return type;
    }

    /** Content-Disposition: attachment with the file name, encoded so that no name can add a header line. */
    private static void setAttachmentName(MimeBodyPart part, String fileName) throws MessagingException {
        part.setHeader("Content-Disposition", new ContentDisposition(Part.ATTACHMENT,
                HeaderValues.withParameter(null, "filename", fileName)).toString());
    }

    private static MimeBodyPart withAttachments(MimeBodyPart main, List<Attachment> attachments)
            throws MessagingException {
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(main);
        for (Attachment a : attachments) {
            MimeBodyPart part = new MimeBodyPart();
            String declared = a.source().getContentType();
            ContentType type = payloadType(
                    declared == null || declared.startsWith("application/octet-stream") ? null : declared, a.name());
            part.setDataHandler(new DataHandler(a.source()));
            part.setHeader("Content-Type", type.toString());
            part.setHeader("Content-Transfer-Encoding", TransferEncodings.encodingFor(type));
            setAttachmentName(part, a.name());
            mixed.addBodyPart(part);
        }
        MimeBodyPart wrapper = new MimeBodyPart();
        wrapper.setContent(mixed);
        wrapper.setHeader("Content-Type", mixed.getContentType());
        return wrapper;
    }

    private static void fillFromExchange(List<Header> outer, Map<String, String> headers) {
        if (headers == null) {
            return;
        }
        for (String name : TAKEN_FROM_EXCHANGE) {
            String value = headers.get(name);
            if (value == null || value.isBlank() || hasHeader(outer, name)) {
                continue;
            }
            outer.add(new Header(name, name.equals("Subject") ? HeaderValues.unstructured(name, value)
                    : HeaderValues.addresses(name, value)));
        }
    }

    static boolean hasHeader(List<Header> headers, String name) {
        return headers.stream().anyMatch(h -> h.getName().equalsIgnoreCase(name));
    }

    private static String baseName(String fileName) {
        String name = fileName.replace('\\', '/');
        int slash = name.lastIndexOf('/');
        return slash >= 0 ? name.substring(slash + 1) : name;
    }
}

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
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParameterList;

/**
 * Turns what arrives on marshal into the entity to protect plus the message headers that stay outside it. A complete
 * message keeps its From/To/Subject/... outside and its Content-* headers inside; a bare payload is wrapped as one
 * MIME part named after its file; attachments become further parts of a multipart/mixed.
 */
public final class MessageAssembler {

    /** How to read the body. */
    public enum Format {
        AUTO, MIME, RAW;

        public static Format parse(String text) {
            return text == null || text.isBlank() ? AUTO : valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
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

    public static Assembled assemble(Input input, Spool.Settings settings) throws IOException, MessagingException {
        List<Spool> spools = new ArrayList<>();
        try {
            Spool body = input.part() != null ? settings.of(input.part()) : settings.of(input.body());
            spools.add(body);
            boolean mime = isMime(input, body);
            List<Header> outer = new ArrayList<>();
            MimeBodyPart content = mime ? splitMessage(body, outer, spools) : wrapPayload(body, input);
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

    private static boolean isMime(Input input, Spool body) throws IOException {
        if (input.part() != null || input.format() == Format.MIME) {
            return true;
        }
        if (input.format() == Format.RAW) {
            return false;
        }
        if (input.contentType() != null) {
            String declared = input.contentType().toLowerCase(Locale.ROOT);
            if (declared.startsWith("message/rfc822")) {
                return true;
            }
        }
        try (InputStream in = body.open()) {
            return InputSniffer.looksLikeMime(in);
        }
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
            part.setDisposition(Part.ATTACHMENT);
            part.setFileName(fileName);
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
            ParameterList params = type.getParameterList() == null ? new ParameterList() : type.getParameterList();
            params.set("name", fileName);
            type.setParameterList(params);
        }
        return type;
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
            part.setDisposition(Part.ATTACHMENT);
            part.setFileName(a.name());
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
            String encoded = value;
            if (name.equals("Subject")) {
                try {
                    encoded = MimeUtility.encodeText(value, "UTF-8", null);
                } catch (java.io.UnsupportedEncodingException e) {
                    encoded = value;
                }
            }
            outer.add(new Header(name, encoded));
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

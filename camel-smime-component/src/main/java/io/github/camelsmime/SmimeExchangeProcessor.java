package io.github.camelsmime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.attachment.DefaultAttachmentMessage;
import org.apache.camel.support.DefaultMessage;
import org.apache.camel.support.SynchronizationAdapter;

import io.github.camelsmime.mime.MessageAssembler;
import io.github.camelsmime.mime.Mime;
import io.github.camelsmime.mime.Spool;
import io.github.camelsmime.trust.Finding;
import io.github.camelsmime.unwrap.Unwrapper;

/**
 * Where an exchange meets the engine, for both faces (the {@code smime:} producer and the data format): reads the
 * input from the exchange, runs the one operation it was built for, and turns the outcome into the body and the
 * verdict headers. With {@code reportOnly} a failure becomes headers and the original body stays; otherwise it is
 * thrown with the original body rewound, so an error handler still has every byte. That choice is made here only.
 */
final class SmimeExchangeProcessor {

    private static final List<String> MESSAGE_HEADERS = List.of("From", "To", "Cc", "Subject");

    private final SmimeEngine engine;
    private final SmimeConfiguration cfg;
    private final SmimeOperation operation;
    private final VerdictHeaders headers;

    SmimeExchangeProcessor(SmimeEngine engine, SmimeConfiguration cfg, SmimeOperation operation) {
        this.engine = engine;
        this.cfg = cfg;
        this.operation = operation;
        this.headers = new VerdictHeaders(engine.authservId());
    }

    /** The producer: runs the operation and sets the result as the body. */
    void process(Exchange exchange) throws Exception {
        Message message = target(exchange);
        // a producer owns the exchange while it runs, so a plain copy may replace the message here
        exchange.setMessage(message);
        Object body = replayableBody(exchange, message);
        message.setBody(operation.isProtecting() ? protect(exchange, message, body) : open(exchange, message, body));
    }

    /** The data format's marshal: the protected message goes to Camel's output stream. */
    void marshal(Exchange exchange, Object body, OutputStream out) throws Exception {
        protect(exchange, exchange.getMessage(), body, out);
    }

    /**
     * The data format's unmarshal. Camel's unmarshal processor writes the result on the message it held before the
     * call, so the message is never swapped under it: when the verdict needs a plain message, that message is the
     * result (Camel then sets it on the exchange).
     */
    Object unmarshal(Exchange exchange, Object body) throws Exception {
        Message current = exchange.getMessage();
        Message target = target(exchange);
        Object result = open(exchange, target, body);
        if (target == current) {
            return result;
        }
        target.setBody(result);
        return target;
    }

    // ---- protect ----

    private void protect(Exchange exchange, Message message, Object body, OutputStream out) throws Exception {
        requireBody(body);
        try {
            engine.protect(operation, input(exchange, message, body), out);
        } catch (Exception e) {
            rewind(body);
            throw e;
        }
        clearAttachments(message);
    }

    /** Protects into a spool that lives until the exchange completes; returns the new body. */
    private Object protect(Exchange exchange, Message message, Object body) throws Exception {
        Spool spool = new Spool().expect(expectedOutput(knownSize(body)));
        try (OutputStream out = spool.output()) {
            protect(exchange, message, body, out);
        } catch (Exception e) {
            spool.close();
            throw e;
        }
        ReplayableStream result = ReplayableStream.of(spool);
        closeOnCompletionIfConsumed(exchange, result, spool);
        return result;
    }

    /** About how large the protected message gets (base64 grows a body by a third), to size the output spool. */
    private long expectedOutput(long inputSize) {
        if (inputSize < 0) {
            return 0;
        }
        boolean base64 = operation != SmimeOperation.sign || !cfg.isDetached() || cfg.isCompress();
        return base64 ? inputSize * 7 / 5 + 16384 : inputSize + 16384;
    }

    /** The marshal input: body (stream or mail part), its declared type and file name, headers, attachments. */
    private MessageAssembler.Input input(Exchange exchange, Message message, Object body) {
        Part part = body instanceof Part p ? p : null;
        InputStream stream = part != null ? null : stream(exchange, body);
        if (part == null && stream == null) {
            throw new SmimeFormatException("Cannot read a body of type " + body.getClass().getName());
        }
        Map<String, String> values = new HashMap<>();
        for (String name : MESSAGE_HEADERS) {
            String value = message.getHeader(name, String.class);
            if (value == null) {
                value = message.getHeader(name.toLowerCase(Locale.ROOT), String.class);
            }
            if (value != null) {
                values.put(name, value);
            }
        }
        return new MessageAssembler.Input(stream, part, message.getHeader(Exchange.CONTENT_TYPE, String.class),
                message.getHeader(Exchange.FILE_NAME, String.class), values, attachmentsOf(message),
                cfg.getInputFormat());
    }

    private static List<MessageAssembler.Attachment> attachmentsOf(Message message) {
        List<MessageAssembler.Attachment> result = new ArrayList<>();
        AttachmentMessage am = attachments(message);
        if (am.hasAttachments()) {
            for (Map.Entry<String, DataHandler> e : am.getAttachments().entrySet()) {
                result.add(new MessageAssembler.Attachment(e.getKey(), e.getValue().getDataSource()));
            }
        }
        return result;
    }

    /** After marshal the attachments live inside the protected entity, not beside it. */
    private static void clearAttachments(Message message) {
        AttachmentMessage am = attachments(message);
        if (am.hasAttachments()) {
            // getAttachments() may be a view rebuilt on each call, so remove by name
            for (String name : new ArrayList<>(am.getAttachmentNames())) {
                am.removeAttachment(name);
            }
        }
    }

    // ---- open ----

    /** Opens the body; returns the new body, or the original one when a failure was only reported. */
    private Object open(Exchange exchange, Message message, Object body) throws Exception {
        requireBody(body);
        VerdictHeaders.removeIncoming(message);
        Unwrapper.Opened opened;
        try {
            opened = engine.open(operation, openInput(exchange, body));
        } catch (SmimeException e) {
            return refuse(message, body, e, null);
        }
        Finding first = opened.verdict().firstFailure();
        if (first != null) {
            opened.close();
            return refuse(message, body, first.check().exception(first.message()), opened);
        }
        headers.apply(message, opened.verdict());
        try {
            return openedBody(opened, message, cfg.isAddAuthenticationResults()
                    ? message.getHeader(SmimeConstants.AUTHENTICATION_RESULTS, String.class) : null);
        } catch (Exception e) {
            opened.close();
            throw e;
        }
    }

    /** The one reportOnly decision: throw the failure, or report it in headers and keep the body as it came. */
    private Object refuse(Message message, Object body, SmimeException failure, Unwrapper.Opened opened) {
        rewind(body);
        if (!cfg.isReportOnly()) {
            throw failure;
        }
        if (opened != null) {
            headers.apply(message, opened.verdict());
        } else {
            headers.applyFailure(message, failure);
        }
        return body;
    }

    private static InputStream openInput(Exchange exchange, Object body) throws Exception {
        if (body instanceof Part part) {
            // a mail from camel-mail: its InputStream conversion yields the content without the headers
            Spool spool = Spool.of(part);
            closeOnCompletion(exchange, spool);
            // a spool-backed stream: the unwrapper shares this spool instead of copying it again
            return ReplayableStream.of(spool);
        }
        return body instanceof byte[] ? stream(exchange, body)
                : exchange.getContext().getTypeConverter().mandatoryConvertTo(InputStream.class, exchange, body);
    }

    /** The opened message as a body, or its first part as the body plus the other parts as attachments. */
    private Object openedBody(Unwrapper.Opened opened, Message message, String authenticationResults)
            throws IOException, MessagingException {
        Exchange exchange = message.getExchange();
        if (!cfg.isOutputParts()) {
            // the opened content is a window into the last layer's spool: no further copy
            ReplayableStream body = new ReplayableStream(() -> opened.message(authenticationResults), -1);
            closeOnCompletionIfConsumed(exchange, body, opened);
            return body;
        }
        MimeBodyPart entity = opened.entityPart();
        MimeBodyPart main = entity;
        if (entity.isMimeType("multipart/*") && entity.getContent() instanceof MimeMultipart multipart
                && multipart.getCount() > 0) {
            main = (MimeBodyPart) multipart.getBodyPart(0);
            AttachmentMessage am = attachments(message);
            for (int i = 1; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                String name = part.getFileName() != null ? part.getFileName() : "part-" + i;
                am.addAttachment(name, part.getDataHandler());
            }
        }
        if (main.getFileName() != null) {
            message.setHeader(SmimeConstants.FILE_NAME, main.getFileName());
        }
        message.setHeader(Exchange.CONTENT_TYPE, main.getContentType());
        MimeBodyPart body = main;
        // the lambda keeps the opened layers (and their spools) alive as long as the body
        ReplayableStream result = new ReplayableStream(() -> {
            opened.verdict();
            return Mime.decodedBody(body);
        }, -1);
        closeOnCompletionIfConsumed(exchange, result, opened);
        return result;
    }

    // ---- the exchange's message and body ----

    /**
     * The message the result goes on: the exchange's own, or, for a component-specific message (camel-mail's
     * MailMessage with mapMailMessage=false, for instance), a plain copy with the same headers and body. Such
     * messages rebuild themselves from the mail when copied, and the verdict headers would be lost at the next
     * wireTap, multicast or mock. After our operation the body is no longer that mail anyway.
     */
    private static Message target(Exchange exchange) {
        Message current = exchange.getMessage();
        if (current.getClass() == DefaultMessage.class || current instanceof AttachmentMessage) {
            return current;
        }
        DefaultMessage plain = new DefaultMessage(exchange);
        plain.setHeaders(new HashMap<>(current.getHeaders()));
        plain.setBody(current.getBody());
        return plain;
    }

    /** The attachments of this very message (Camel's own conversion would wrap the exchange's current one). */
    private static AttachmentMessage attachments(Message message) {
        return message instanceof AttachmentMessage am ? am : new DefaultAttachmentMessage(message);
    }

    /** A missing or empty body is bad input like any other: a typed error, not a type-conversion failure. */
    private static void requireBody(Object body) {
        boolean empty = body == null || body instanceof byte[] bytes && bytes.length == 0
                || body instanceof CharSequence text && text.isEmpty()
                || body instanceof StreamCache cache && cache.length() == 0;
        if (empty) {
            throw new SmimeFormatException("The message body is empty: there is no message to process");
        }
    }

    /**
     * The body as a stream; a {@code byte[]} body as a stream the spools read in place (the exchange hands the array
     * over for the time of the operation, as to any processor) instead of copying it first.
     */
    private static InputStream stream(Exchange exchange, Object body) {
        if (body instanceof byte[] bytes) {
            return new Spool.ArraySource(bytes);
        }
        return exchange.getContext().getTypeConverter().convertTo(InputStream.class, exchange, body);
    }

    /** The size of the body when known without reading it, else -1. */
    private static long knownSize(Object body) {
        if (body instanceof byte[] bytes) {
            return bytes.length;
        }
        return body instanceof StreamCache cache ? cache.length() : -1;
    }

    /**
     * Makes a stream body re-readable so that on failure the original bytes are still there. The component spools
     * it itself (memory, then a temporary file past {@link Spool#DEFAULT_THRESHOLD}) rather than through Camel's
     * stream cache, which keeps everything in memory unless spooling is enabled; the operation then shares this
     * spool instead of copying the body a second time.
     */
    private static Object replayableBody(Exchange exchange, Message message) throws IOException {
        Object body = message.getBody();
        if (body instanceof InputStream in && !(body instanceof StreamCache)) {
            Spool spool;
            try (in) {
                spool = Spool.of(in);
            }
            closeOnCompletion(exchange, spool);
            ReplayableStream cache = ReplayableStream.of(spool);
            message.setBody(cache);
            return cache;
        }
        return body;
    }

    private static void rewind(Object body) {
        if (body instanceof StreamCache cache) {
            cache.reset();
        }
    }

    // ---- resources behind bodies ----

    private static void closeOnCompletion(Exchange exchange, AutoCloseable resource) {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                close(resource);
            }
        });
    }

    /**
     * For the resources behind an output body: released when the exchange completes if the body was read to its
     * end by then (a file or mail producer in the route); otherwise left to the spools' cleaner, so that a caller of
     * {@code ProducerTemplate.request} can still read the body after the exchange completed.
     */
    private static void closeOnCompletionIfConsumed(Exchange exchange, ReplayableStream body, AutoCloseable resource) {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                if (body.consumed()) {
                    close(resource);
                }
            }
        });
    }

    private static void close(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception ignored) {
            // spool files are also deleted when unreachable and at exit
        }
    }
}

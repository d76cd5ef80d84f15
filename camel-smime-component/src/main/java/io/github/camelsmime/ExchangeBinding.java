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
import org.apache.camel.support.SynchronizationAdapter;

import io.github.camelsmime.mime.Mime;
import io.github.camelsmime.mime.MessageAssembler;
import io.github.camelsmime.mime.Spool;
import io.github.camelsmime.trust.Finding;
import io.github.camelsmime.unwrap.AuthenticationResults;
import io.github.camelsmime.unwrap.Unwrapper;
import io.github.camelsmime.unwrap.Verdict;

/**
 * Translates between Camel exchanges and the engine, for both faces: what the body and headers mean on the way in,
 * and which headers and body the verdict becomes on the way out.
 */
final class ExchangeBinding {

    private static final List<String> MESSAGE_HEADERS = List.of("From", "To", "Cc", "Subject");

    private ExchangeBinding() {
    }

    /** The marshal input: body (stream or mail part), its declared type and file name, headers, attachments. */
    static MessageAssembler.Input input(Exchange exchange, Object body, SmimeConfiguration cfg) {
        Message message = exchange.getMessage();
        Part part = body instanceof Part p ? p : null;
        InputStream stream = part != null ? null : stream(exchange, body);
        if (part == null && stream == null) {
            throw new SmimeFormatException("Cannot read a body of type "
                    + (body == null ? "null" : body.getClass().getName()));
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : MESSAGE_HEADERS) {
            String value = message.getHeader(name, String.class);
            if (value == null) {
                value = message.getHeader(name.toLowerCase(Locale.ROOT), String.class);
            }
            if (value != null) {
                headers.put(name, value);
            }
        }
        return new MessageAssembler.Input(stream, part, message.getHeader(Exchange.CONTENT_TYPE, String.class),
                message.getHeader(Exchange.FILE_NAME, String.class), headers, attachments(message),
                MessageAssembler.Format.parse(cfg.getInputFormat()));
    }

    /**
     * The body as a stream; a {@code byte[]} body as a stream the spools read in place (the exchange hands the array
     * over for the time of the operation, as to any processor) instead of copying it first.
     */
    static InputStream stream(Exchange exchange, Object body) {
        if (body instanceof byte[] bytes) {
            return new Spool.ArraySource(bytes);
        }
        return exchange.getContext().getTypeConverter().convertTo(InputStream.class, exchange, body);
    }

    /** The size of the body when known without reading it, else -1. */
    static long knownSize(Object body) {
        if (body instanceof byte[] bytes) {
            return bytes.length;
        }
        if (body instanceof org.apache.camel.StreamCache cache) {
            return cache.length();
        }
        return -1;
    }

    private static List<MessageAssembler.Attachment> attachments(Message message) {
        List<MessageAssembler.Attachment> result = new ArrayList<>();
        AttachmentMessage am = message.getExchange().getMessage(AttachmentMessage.class);
        if (am.hasAttachments()) {
            for (Map.Entry<String, DataHandler> e : am.getAttachments().entrySet()) {
                result.add(new MessageAssembler.Attachment(e.getKey(), e.getValue().getDataSource()));
            }
        }
        return result;
    }

    /**
     * Replaces a component-specific message (camel-mail's MailMessage with mapMailMessage=false, for instance) by a
     * plain one with the same headers and body: such messages rebuild themselves from the mail when copied, and the
     * verdict headers would be lost at the next wireTap, multicast or mock. After our operation the body is no
     * longer that mail anyway.
     */
    static Message plainMessage(Exchange exchange) {
        Message current = exchange.getMessage();
        if (current.getClass() == org.apache.camel.support.DefaultMessage.class
                || current instanceof AttachmentMessage) {
            return current;
        }
        org.apache.camel.support.DefaultMessage plain = new org.apache.camel.support.DefaultMessage(exchange);
        plain.setHeaders(new java.util.HashMap<>(current.getHeaders()));
        plain.setBody(current.getBody());
        exchange.setMessage(plain);
        return plain;
    }

    /** After marshal the attachments live inside the protected entity, not beside it. */
    static void clearAttachments(Message message) {
        AttachmentMessage am = message.getExchange().getMessage(AttachmentMessage.class);
        if (am.hasAttachments()) {
            // getAttachments() may be a view rebuilt on each call, so remove by name
            for (String name : new ArrayList<>(am.getAttachmentNames())) {
                am.removeAttachment(name);
            }
        }
    }

    /**
     * A sender cannot forge a verdict: any incoming CamelSmime* header, and any Authentication-Results header that
     * claims an smime result, is dropped before unmarshal.
     */
    static void removeIncomingVerdictHeaders(Message message) {
        message.removeHeaders(SmimeConstants.HEADER_PREFIX + "*");
        List<String> forged = new ArrayList<>();
        message.getHeaders().forEach((name, value) -> {
            if (name.equalsIgnoreCase(AuthenticationResults.HEADER) && AuthenticationResults.claimsSmime(value)) {
                forged.add(name);
            }
        });
        forged.forEach(message::removeHeader);
    }

    static void applyVerdict(Message message, Verdict verdict, String authservId) {
        message.setHeader(SmimeConstants.VERDICT, verdict);
        message.setHeader(SmimeConstants.LAYERS, verdict.layersAsString());
        message.setHeader(SmimeConstants.SIGNED, verdict.signed());
        if (verdict.signatureValid() != null) {
            message.setHeader(SmimeConstants.SIGNATURE_VALID, verdict.signatureValid());
        }
        message.setHeader(SmimeConstants.TRUSTED, verdict.trusted());
        message.setHeader(SmimeConstants.SIGNERS, verdict.signers());
        message.setHeader(SmimeConstants.ENCRYPTED, verdict.encrypted());
        if (verdict.contentEncryptionAlgorithm() != null) {
            message.setHeader(SmimeConstants.CONTENT_ENCRYPTION_ALGORITHM, verdict.contentEncryptionAlgorithm());
        }
        message.setHeader(SmimeConstants.COMPRESSED, verdict.compressed());
        message.setHeader(SmimeConstants.SENDER_CHECK, verdict.sender().status().code());
        if (verdict.sender().address() != null) {
            message.setHeader(SmimeConstants.SENDER, verdict.sender().address());
        }
        if (verdict.partiallySigned()) {
            message.setHeader(SmimeConstants.PARTIALLY_SIGNED, true);
        }
        setIfPresent(message, SmimeConstants.SIGNED_PARTS, verdict.partReferences("signed"));
        setIfPresent(message, SmimeConstants.ENCRYPTED_PARTS, verdict.partReferences("encrypted"));
        message.setHeader(SmimeConstants.AUTHENTICATION_RESULTS, AuthenticationResults.of(verdict, authservId));
        Finding first = verdict.firstFailure();
        if (first != null) {
            SmimeException typed = first.check().exception(first.message());
            message.setHeader(SmimeConstants.FAILURE_REASON, typed.getReason());
            message.setHeader(SmimeConstants.FAILURE_CHECK, typed.getCheck());
            message.setHeader(SmimeConstants.FAILURE_MESSAGE, String.join("; ", verdict.failures()));
        }
    }

    private static void setIfPresent(Message message, String name, String value) {
        if (value != null) {
            message.setHeader(name, value);
        }
    }

    static void applyFailure(Message message, SmimeException failure, String authservId) {
        message.setHeader(SmimeConstants.FAILURE_REASON, failure.getReason());
        message.setHeader(SmimeConstants.FAILURE_CHECK, failure.getCheck());
        message.setHeader(SmimeConstants.FAILURE_MESSAGE, failure.getMessage());
        message.setHeader(SmimeConstants.AUTHENTICATION_RESULTS, AuthenticationResults.ofFailure(failure, authservId));
    }

    /**
     * Makes a stream body re-readable so that on failure the original bytes are still there. The component spools
     * it itself (memory, then an encrypted temporary file past the spool threshold) rather than through Camel's
     * stream cache, which keeps everything in memory unless spooling is enabled; the operation then shares this
     * spool instead of copying the body a second time.
     */
    static Object replayableBody(Exchange exchange, Spool.Settings spools) throws IOException {
        Object body = exchange.getMessage().getBody();
        if (body instanceof InputStream in && !(body instanceof StreamCache)) {
            Spool spool;
            try (in) {
                spool = spools.of(in);
            }
            closeOnCompletion(exchange, spool);
            ReplayableStream cache = ReplayableStream.of(spool);
            exchange.getMessage().setBody(cache);
            return cache;
        }
        return body;
    }

    static void rewind(Object body) {
        if (body instanceof StreamCache cache) {
            cache.reset();
        }
    }

    static void closeOnCompletion(Exchange exchange, AutoCloseable resource) {
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
    static void closeOnCompletionIfConsumed(Exchange exchange, ReplayableStream body, AutoCloseable resource) {
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

    /** The whole output of a marshal, spooled, as a re-readable body. */
    static ReplayableStream body(Exchange exchange, Spool spool) {
        ReplayableStream body = ReplayableStream.of(spool);
        closeOnCompletionIfConsumed(exchange, body, spool);
        return body;
    }

    /** The opened message as a body, or its first part as the body plus the other parts as attachments. */
    static Object openedBody(Unwrapper.Opened opened, Message message, boolean outputParts,
            String authenticationResults) throws IOException, MessagingException {
        if (!outputParts) {
            // the opened content is a window into the last layer's spool: no further copy
            ReplayableStream body = new ReplayableStream(() -> opened.message(authenticationResults), -1);
            closeOnCompletionIfConsumed(message.getExchange(), body, opened);
            return body;
        }
        MimeBodyPart entity = opened.entityPart();
        MimeBodyPart main = entity;
        if (entity.isMimeType("multipart/*") && entity.getContent() instanceof MimeMultipart multipart
                && multipart.getCount() > 0) {
            main = (MimeBodyPart) multipart.getBodyPart(0);
            AttachmentMessage am = message.getExchange().getMessage(AttachmentMessage.class);
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
        closeOnCompletionIfConsumed(message.getExchange(), result, opened);
        return result;
    }
}

package io.github.camelsmime.sample.routes;

import java.io.InputStream;
import java.nio.charset.Charset;

import io.github.camelsmime.SmimeConstants;
import io.github.camelsmime.SmimeException;
import io.github.camelsmime.sample.GatewaySettings;
import io.github.camelsmime.sample.support.Failures;
import io.github.camelsmime.sample.support.JmsBodies;
import io.github.camelsmime.sample.support.OpenedEntity;
import io.github.camelsmime.sample.support.SmimeUris;
import io.github.camelsmime.sample.support.Verdicts;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * JMS secure exchange: {@code smime.outgoing} -> sign + encrypt -> {@code smime.secure} -> unwrap (decrypt + verify,
 * trusted signature required) -> {@code smime.verified}; an S/MIME failure sends the original message, unchanged, to
 * {@code smime.rejected} with the JMS properties {@code SmimeFailureReason} and {@code SmimeFailureMessage}. Every
 * {@code Smime*} property a sender set is removed on input; a body over {@code jms.max.body.size} is rejected before
 * it is read ({@link JmsBodies}). Text comes back as a TextMessage; multipart content as the whole MIME entity.
 * <p>
 * Both consumers are transacted ({@code transacted=true}, JmsTransactionManager): the message is received, and the
 * result sent, in one local JMS transaction, so a crash or a broker restart either commits both or neither and the
 * message is redelivered. Any other failure (broker gone, ...) is not caught: the transaction rolls back. Any number of
 * consumers (threads, instances) can share the queues.
 */
public class JmsRoutes extends RouteBuilder {

    public static final String PROTECT_ROUTE = "jms-protect";
    public static final String UNPROTECT_ROUTE = "jms-unprotect";

    public static final String FAILURE_REASON = "SmimeFailureReason";
    public static final String FAILURE_MESSAGE = "SmimeFailureMessage";
    /** The type of the verified content: a part's type, or multipart/... when the body is the whole MIME entity. */
    public static final String CONTENT_TYPE = "SmimeContentType";
    /** Largest JMS body in bytes; larger messages go to the rejected queue unread (limit-exceeded). */
    public static final String MAX_BODY_SIZE = "jms.max.body.size";
    /** Properties only the gateway sets: removed from every received message, so no sender can forge a verdict. */
    private static final String SENDER_VERDICT = "Smime*";

    @Override
    public void configure() throws Exception {
        GatewaySettings s = new GatewaySettings(getContext());
        if (!s.getBoolean(GatewaySettings.JMS_ENABLED, true)) {
            return;
        }
        String outgoing = s.get("jms.queue.outgoing", "smime.outgoing");
        String secure = s.get("jms.queue.secure", "smime.secure");
        String verified = s.get("jms.queue.verified", "smime.verified");
        String rejected = s.get("jms.queue.rejected", "smime.rejected");
        String recipients = s.get("jms.recipients", "bob@example.com");
        int consumers = s.getInt("jms.concurrent.consumers", 1);
        long maxBody = s.getLong(MAX_BODY_SIZE, 10L * 1024 * 1024);
        // mapJmsMessage=false: the body stays the JMS message until JmsBodies.read has measured it
        String consumerOptions = "?transacted=true&transactionManager=#jmsTransactionManager&mapJmsMessage=false"
                + "&concurrentConsumers=" + consumers + "&maxConcurrentConsumers=" + consumers;
        SmimeUris uris = new SmimeUris(s);

        onException(SmimeException.class).handled(true).useOriginalMessage().logExhausted(false)
                .removeHeaders(SENDER_VERDICT)
                .process(JmsRoutes::markFailure)
                .log("REJECTED JMS message ${header.JMSMessageID} [${header." + FAILURE_REASON + "}]: ${header."
                        + FAILURE_MESSAGE + "}")
                .process(e -> JmsBodies.reject(e, rejected));

        from("jms:queue:" + outgoing + consumerOptions).routeId(PROTECT_ROUTE)
                .removeHeaders(SENDER_VERDICT)
                .process(e -> JmsBodies.read(e, maxBody))
                .removeHeaders("To|Cc|Bcc|From|Subject")
                .to(uris.signEncrypt(recipients, "raw"))
                .convertBodyTo(byte[].class)
                .removeHeaders("CamelSmime*|" + Exchange.CONTENT_TYPE)
                .to("jms:queue:" + secure);

        from("jms:queue:" + secure + consumerOptions).routeId(UNPROTECT_ROUTE)
                .removeHeaders(SENDER_VERDICT)
                .process(e -> JmsBodies.read(e, maxBody))
                .removeHeader(Exchange.CONTENT_TYPE)
                .to(uris.unwrap(true, false))
                .process(JmsRoutes::verdictProperties)
                .process(JmsRoutes::openedBody)
                .to("jms:queue:" + verified);
    }

    /**
     * The opened content as the JMS body: a single part decoded (text with a charset as a TextMessage, anything else
     * as bytes); a multipart as the whole MIME entity (headers and every part) in bytes. {@code SmimeContentType}
     * tells which: the part's type, or {@code multipart/...}.
     */
    static void openedBody(Exchange exchange) throws Exception {
        try (InputStream in = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            OpenedEntity entity = OpenedEntity.read(in);
            exchange.getMessage().setHeader(CONTENT_TYPE, entity.contentType().replace('\r', ' ').replace('\n', ' '));
            String charset = entity.textCharset();
            if (entity.multipart()) {
                exchange.getMessage().setBody(entity.whole().readAllBytes());
            } else if (charset != null && Charset.isSupported(charset)) {
                exchange.getMessage().setBody(new String(entity.decoded().readAllBytes(), Charset.forName(charset)));
            } else {
                exchange.getMessage().setBody(entity.decoded().readAllBytes());
            }
        }
    }

    /** The failure as JMS properties (names that are valid JMS identifiers). */
    static void markFailure(Exchange exchange) {
        Throwable t = Failures.caught(exchange);
        exchange.getMessage().setHeader(FAILURE_REASON, Failures.reason(t));
        exchange.getMessage().setHeader(FAILURE_MESSAGE, Failures.message(t));
    }

    /** The verdict as JMS properties; Camel does not pass CamelSmime* headers (nor objects) to JMS. */
    static void verdictProperties(Exchange exchange) {
        var in = exchange.getMessage();
        copy(exchange, SmimeConstants.SIGNED, "SmimeSigned");
        copy(exchange, SmimeConstants.SIGNATURE_VALID, "SmimeSignatureValid");
        copy(exchange, SmimeConstants.TRUSTED, "SmimeTrusted");
        copy(exchange, SmimeConstants.ENCRYPTED, "SmimeEncrypted");
        copy(exchange, SmimeConstants.LAYERS, "SmimeLayers");
        copy(exchange, SmimeConstants.CONTENT_ENCRYPTION_ALGORITHM, "SmimeContentEncryption");
        in.setHeader("SmimeVerdict", Verdicts.json(exchange));
    }

    private static void copy(Exchange exchange, String from, String to) {
        Object v = exchange.getMessage().getHeader(from);
        if (v != null) {
            exchange.getMessage().setHeader(to, v instanceof Boolean ? v : v.toString());
        }
    }
}

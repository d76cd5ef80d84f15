package io.github.camelsmime.sample.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import io.github.camelsmime.SmimeFormatException;
import io.github.camelsmime.SmimeLimitException;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.component.jms.JmsMessage;

/**
 * JMS bodies for the S/MIME routes, read by the gateway rather than by Camel's JMS binding: the consumers run with
 * {@code mapJmsMessage=false}, so the Camel body is the JMS message itself and nothing (not even stream caching)
 * reads it before {@link #read} has measured it. A body within {@code jms.max.body.size} is read once; a larger one
 * is never read into memory: {@link #reject} forwards it to the rejected queue with its body streamed from the
 * received message into the new one (Artemis' {@code JMS_AMQ_InputStream}), so a 200 MiB body never sits in the heap.
 */
public final class JmsBodies {

    /** Exchange property: the received JMS message, for {@link #reject}. */
    private static final String RECEIVED = "GatewayJmsMessage";
    /** Exchange property: the consumer's session, in which {@link #reject} sends (one local transaction). */
    private static final String SESSION = "GatewayJmsSession";
    /** Artemis client: a stream the producer sends as the body of a (large) message, chunk by chunk. */
    private static final String ARTEMIS_INPUT_STREAM = "JMS_AMQ_InputStream";
    private static final String TEXT_TYPE = "text/plain; charset=UTF-8";

    private JmsBodies() {
    }

    /**
     * Replaces the body (the received JMS message) by its content: a TextMessage as its text in UTF-8, typed
     * {@code text/plain; charset=UTF-8}; a BytesMessage as its bytes. Fails with {@link SmimeLimitException} when the
     * body has more than {@code maxBytes} bytes (a BytesMessage is measured before it is read; a TextMessage's text
     * is already in memory when the client hands it over) and with {@link SmimeFormatException} for other types.
     */
    public static void read(Exchange exchange, long maxBytes) throws JMSException, InvalidPayloadException {
        Message received = exchange.getMessage().getMandatoryBody(Message.class);
        exchange.setProperty(RECEIVED, received);
        exchange.setProperty(SESSION, exchange.getIn(JmsMessage.class).getJmsSession());
        byte[] body;
        if (received instanceof BytesMessage bytes) {
            check(bytes.getBodyLength(), maxBytes);
            body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
        } else if (received instanceof TextMessage text) {
            body = (text.getText() == null ? "" : text.getText()).getBytes(StandardCharsets.UTF_8);
            check(body.length, maxBytes);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, TEXT_TYPE);
        } else {
            throw new SmimeFormatException("Unsupported JMS message type " + received.getClass().getSimpleName()
                    + ": send a TextMessage or a BytesMessage");
        }
        exchange.setProperty(GatewayNames.ORIGINAL, body);
        exchange.getMessage().setBody(body);
    }

    private static void check(long length, long maxBytes) {
        if (length > maxBytes) {
            throw new SmimeLimitException("The JMS message body has " + length + " bytes, more than "
                    + "jms.max.body.size (" + maxBytes + ")");
        }
    }

    /**
     * Sends the received message's body, unchanged and of the same type, to {@code queue} with the user properties of
     * the exchange's message (the sender's properties and the failure), in the consumer's session, so that with a
     * transacted consumer the send commits with the receive. A body that was never read is streamed.
     */
    public static void reject(Exchange exchange, String queue) throws JMSException {
        Message received = exchange.getProperty(RECEIVED, Message.class);
        Session session = exchange.getProperty(SESSION, Session.class);
        if (received == null || session == null) {
            JmsMessage in = exchange.getIn(JmsMessage.class);
            received = in.getJmsMessage();
            session = in.getJmsSession();
        }
        byte[] original = exchange.getProperty(GatewayNames.ORIGINAL, byte[].class);
        Message copy;
        if (received instanceof TextMessage text) {
            copy = session.createTextMessage(text.getText());
        } else if (received instanceof BytesMessage bytes) {
            BytesMessage out = session.createBytesMessage();
            if (original != null) {
                out.writeBytes(original);
            } else {
                out.setObjectProperty(ARTEMIS_INPUT_STREAM, stream(bytes));
            }
            copy = out;
        } else {
            copy = session.createMessage();
        }
        for (Map.Entry<String, Object> h : exchange.getMessage().getHeaders().entrySet()) {
            Object value = h.getValue();
            if (isUserProperty(h.getKey())
                    && (value instanceof String || value instanceof Number || value instanceof Boolean)) {
                copy.setObjectProperty(h.getKey(), value);
            }
        }
        copy.setJMSCorrelationID(received.getJMSCorrelationID());
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            producer.send(copy);
        }
    }

    /** A property a JMS client may set: a Java identifier, not a JMS, Camel or provider header. */
    private static boolean isUserProperty(String name) {
        return !name.isEmpty() && !name.startsWith("JMS") && !name.startsWith("Camel") && !name.startsWith("_")
                && Character.isJavaIdentifierStart(name.charAt(0))
                && name.chars().allMatch(Character::isJavaIdentifierPart);
    }

    /** The unread body of a BytesMessage as a stream, read from the message chunk by chunk. */
    private static InputStream stream(BytesMessage message) {
        return new InputStream() {
            private final byte[] one = new byte[1];

            @Override
            public int read() throws IOException {
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    if (off == 0) {
                        return message.readBytes(b, len);
                    }
                    byte[] chunk = new byte[len];
                    int n = message.readBytes(chunk, len);
                    if (n > 0) {
                        System.arraycopy(chunk, 0, b, off, n);
                    }
                    return n;
                } catch (JMSException e) {
                    throw new IOException(e);
                }
            }
        };
    }
}

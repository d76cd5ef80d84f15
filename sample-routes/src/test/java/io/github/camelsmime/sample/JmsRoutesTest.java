package io.github.camelsmime.sample;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import io.github.camelsmime.sample.routes.JmsRoutes;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The JMS secure exchange over the embedded Artemis (TCP): happy path, tampered and malformed messages to
 * smime.rejected with their original payload, and a broker restart in the middle of a stream with every message
 * arriving exactly once.
 */
class JmsRoutesTest {

    @TempDir
    static Path data;
    static GatewayHarness gateway;
    static ActiveMQConnectionFactory factory;
    /** Low in the test, so a "too large" message is small enough for CI (the default is 10 MiB). */
    static final int MAX_BODY = 256 * 1024;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayHarness.start(data, Map.of("mail.enabled", "false", "http.enabled", "false",
                "gateway.file.enabled", "false", "jms.concurrent.consumers", "2",
                "jms.max.body.size", String.valueOf(MAX_BODY)));
        factory = new ActiveMQConnectionFactory(gateway.property("jms.broker.url"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (factory != null) {
            factory.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private static void sendText(String queue, String id, String text) throws JMSException {
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            TextMessage m = s.createTextMessage(text);
            m.setStringProperty("id", id);
            p.send(m);
        }
    }

    private static void sendBytes(String queue, String id, byte[] bytes) throws JMSException {
        sendBytes(queue, id, bytes, Map.of());
    }

    private static void sendBytes(String queue, String id, byte[] bytes, Map<String, String> properties)
            throws JMSException {
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            BytesMessage m = s.createBytesMessage();
            m.writeBytes(bytes);
            m.setStringProperty("id", id);
            for (Map.Entry<String, String> e : properties.entrySet()) {
                m.setStringProperty(e.getKey(), e.getValue());
            }
            p.send(m);
        }
    }

    /** Receives the message with the given id, skipping any other (left by other tests). */
    private static Message receiveId(String queue, String id) throws JMSException {
        try (Connection c = factory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            for (Message m = consumer.receive(20000); m != null; m = consumer.receive(20000)) {
                if (id.equals(m.getStringProperty("id"))) {
                    body(m); // read it while the connection is open
                    return m;
                }
            }
        }
        return null;
    }

    /** Receives up to {@code max} messages, waiting at most {@code waitMillis} for each. */
    private static List<Message> receive(String queue, int max, long waitMillis) throws JMSException {
        List<Message> out = new ArrayList<>();
        try (Connection c = factory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            while (out.size() < max) {
                Message m = consumer.receive(waitMillis);
                if (m == null) {
                    break;
                }
                out.add(m);
            }
        }
        return out;
    }

    /** Bodies read once (a large message can only be read while its connection is open). */
    private static final Map<Message, byte[]> BODIES = java.util.Collections.synchronizedMap(
            new java.util.IdentityHashMap<>());

    private static byte[] body(Message m) throws JMSException {
        byte[] cached = BODIES.get(m);
        if (cached != null) {
            return cached;
        }
        if (m instanceof TextMessage t) {
            return t.getText().getBytes(StandardCharsets.UTF_8);
        }
        BytesMessage b = (BytesMessage) m;
        byte[] bytes = new byte[(int) b.getBodyLength()];
        b.readBytes(bytes);
        BODIES.put(m, bytes);
        return bytes;
    }

    @Test
    void messageIsProtectedThenVerified() throws Exception {
        sendText("smime.outgoing", "happy-1", "order 42: 3 widgets");
        List<Message> verified = receive("smime.verified", 1, 20000);
        assertThat(verified).hasSize(1);
        Message m = verified.get(0);
        assertThat(m.getStringProperty("id")).isEqualTo("happy-1");
        assertThat(new String(body(m), StandardCharsets.UTF_8)).isEqualTo("order 42: 3 widgets");
        assertThat(m.getObjectProperty("SmimeSigned")).isEqualTo(true);
        assertThat(m.getObjectProperty("SmimeTrusted")).isEqualTo(true);
        assertThat(m.getStringProperty("SmimeLayers")).isEqualTo("encrypted,signed");
        assertThat(m.getStringProperty("SmimeVerdict")).contains("alice@example.com");
    }

    @Test
    void tamperedSecureMessageGoesToRejectedUnchanged() throws Exception {
        // a real protected message from the first half of the pipeline, tampered on its way
        byte[] secure = protect("tamper-me");
        byte[] tampered = secure.clone();
        int at = new String(secure, StandardCharsets.ISO_8859_1).lastIndexOf("\r\n\r\n") + 10;
        tampered[at] = (byte) (tampered[at] == 'A' ? 'B' : 'A');
        sendBytes("smime.secure", "tampered-1", tampered);

        List<Message> rejected = receive("smime.rejected", 1, 20000);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).getStringProperty("id")).isEqualTo("tampered-1");
        assertThat(body(rejected.get(0))).isEqualTo(tampered);
        assertThat(rejected.get(0).getStringProperty("SmimeFailureReason")).isIn("decryption-failed", "malformed",
                "signature-invalid");
        assertThat(receive("smime.verified", 1, 500)).isEmpty();
    }

    @Test
    void unsignedMessageGoesToRejected() throws Exception {
        byte[] plain = "Content-Type: text/plain\r\n\r\nnot protected\r\n".getBytes(StandardCharsets.US_ASCII);
        sendBytes("smime.secure", "plain-1", plain);
        List<Message> rejected = receive("smime.rejected", 1, 20000);
        assertThat(rejected).hasSize(1);
        assertThat(body(rejected.get(0))).isEqualTo(plain);
        assertThat(rejected.get(0).getStringProperty("SmimeFailureReason")).isEqualTo("signature-invalid");
        assertThat(rejected.get(0).getStringProperty("SmimeFailureMessage")).isNotBlank();
    }

    /** A protected message as the protect route makes it: the same smime: endpoint, called directly. */
    private static byte[] protect(String text) {
        var settings = new GatewaySettings(gateway.context());
        String uri = new io.github.camelsmime.sample.support.SmimeUris(settings).signEncrypt("bob@example.com", "raw");
        return gateway.context().createProducerTemplate().requestBody(uri, text, byte[].class);
    }

    @Test
    void aSecondInstanceOnTheSameBrokerCompetesForTheQueues(@TempDir Path otherData) throws Exception {
        receive("smime.verified", 1000, 300); // whatever other tests left
        // a second gateway pointed at this one's broker as an external broker: it starts none of its own
        try (GatewayHarness second = GatewayHarness.start(otherData, Map.of("mail.enabled", "false",
                "http.enabled", "false", "gateway.file.enabled", "false",
                "jms.broker.url", gateway.property("jms.broker.url"),
                // the same PKI as the first instance
                "pki.create", "false", "pki.dir", data.resolve("pki").toString()))) {
            assertThat(second.broker()).isNull();
            assertThat(second.property("jms.embedded")).isEqualTo("false");
            for (int i = 0; i < 20; i++) {
                sendText("smime.outgoing", "two-" + i, "both " + i);
            }
            // only the second instance is left to do the rest
            gateway.context().getRouteController().stopRoute(JmsRoutes.PROTECT_ROUTE);
            gateway.context().getRouteController().stopRoute(JmsRoutes.UNPROTECT_ROUTE);
            try {
                for (int i = 20; i < 40; i++) {
                    sendText("smime.outgoing", "two-" + i, "both " + i);
                }
                List<Message> all = receive("smime.verified", 100, 10000);
                Map<String, Integer> seen = new HashMap<>();
                for (Message m : all) {
                    seen.merge(m.getStringProperty("id"), 1, Integer::sum);
                }
                assertThat(seen).hasSize(40);
                assertThat(seen.values()).allMatch(n -> n == 1);
            } finally {
                gateway.context().getRouteController().startRoute(JmsRoutes.PROTECT_ROUTE);
                gateway.context().getRouteController().startRoute(JmsRoutes.UNPROTECT_ROUTE);
            }
        }
    }

    @Test
    void brokerRestartMidStreamLosesAndDuplicatesNothing() throws Exception {
        int total = 200;
        var broker = gateway.broker();
        receive("smime.verified", 1000, 300); // whatever other tests left
        assertThat(broker.messageCount("smime.verified")).isZero();
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(s.createQueue("smime.outgoing"));
            for (int i = 0; i < total; i++) {
                TextMessage m = s.createTextMessage("payload " + i);
                m.setStringProperty("id", "stream-" + i);
                p.send(m);
                if (i % 50 == 49) {
                    s.commit();
                }
            }
            s.commit();
        }
        // mid-stream: some arrived, most did not
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> broker.messageCount("smime.verified") >= 20);
        long before = broker.messageCount("smime.verified");
        assertThat(before).isLessThan(total);
        broker.restart(2000);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> broker.messageCount("smime.verified") >= total);
        Thread.sleep(2000); // anything late would be a duplicate
        assertThat(broker.messageCount("smime.verified")).isEqualTo(total);
        assertThat(broker.messageCount("smime.rejected")).isIn(-1L, 0L);
        assertThat(broker.messageCount("DLQ")).isIn(-1L, 0L);
        assertThat(broker.messageCount("smime.outgoing")).isZero();
        assertThat(broker.messageCount("smime.secure")).isZero();

        List<Message> all = receive("smime.verified", total + 10, 2000);
        Map<String, Integer> seen = new HashMap<>();
        for (Message m : all) {
            seen.merge(m.getStringProperty("id"), 1, Integer::sum);
            String id = m.getStringProperty("id");
            assertThat(new String(body(m), StandardCharsets.UTF_8)).isEqualTo("payload " + id.substring(7));
        }
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < total; i++) {
            expected.add("stream-" + i);
        }
        assertThat(all).hasSize(total);
        assertThat(seen.keySet()).isEqualTo(expected);
        assertThat(seen.values()).allMatch(n -> n == 1);
    }

    @Test
    void aTextMessageComesBackAsText() throws Exception {
        sendText("smime.outgoing", "text-1", "Grüße, order 43");
        Message m = receiveId("smime.verified", "text-1");
        assertThat(m).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) m).getText()).isEqualTo("Grüße, order 43");
        assertThat(m.getStringProperty("SmimeContentType")).startsWith("text/plain");
    }

    @Test
    void verdictPropertiesSetBySendersAreRemoved() throws Exception {
        // signed only: the verdict sets no SmimeContentEncryption and no failure properties of its own
        var settings = new GatewaySettings(gateway.context());
        byte[] signedOnly = gateway.context().createProducerTemplate().requestBody(
                new io.github.camelsmime.sample.support.SmimeUris(settings).sign("raw"), "signed, not encrypted",
                byte[].class);
        Map<String, String> forged = Map.of("SmimeContentEncryption", "AES-256-GCM", "SmimeFailureReason", "none",
                "SmimeApproved", "yes");
        Map<String, String> sent = new HashMap<>(forged);
        sent.put("SmimeEncrypted", "true");
        sendBytes("smime.secure", "forged-1", signedOnly, sent);
        Message m = receiveId("smime.verified", "forged-1");
        assertThat(m).isNotNull();
        for (String name : forged.keySet()) {
            assertThat(m.getObjectProperty(name)).as(name).isNull();
        }
        assertThat(m.getObjectProperty("SmimeEncrypted")).isEqualTo(false);
        assertThat(m.getObjectProperty("SmimeTrusted")).isEqualTo(true);

        // and on the way in: nothing a sender put on smime.outgoing comes out as a verdict
        sendText("smime.outgoing", "forged-2", "hello");
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage t = s.createTextMessage("forged on the way in");
            t.setStringProperty("id", "forged-3");
            t.setStringProperty("SmimeFailureReason", "none");
            t.setStringProperty("SmimeSignerNote", "trust me");
            s.createProducer(s.createQueue("smime.outgoing")).send(t);
        }
        Message in = receiveId("smime.verified", "forged-3");
        assertThat(in).isNotNull();
        assertThat(in.getObjectProperty("SmimeFailureReason")).isNull();
        assertThat(in.getObjectProperty("SmimeSignerNote")).isNull();
    }

    @Test
    void everyPartOfMultipartContentTravelsAsTheWholeEntity(@TempDir Path work) throws Exception {
        byte[] signed = SignedInputs.signByAlice(gateway, work, SignedInputs.mixedEntity());
        sendBytes("smime.secure", "parts-1", signed);
        Message m = receiveId("smime.verified", "parts-1");
        assertThat(m).isInstanceOf(BytesMessage.class);
        assertThat(m.getStringProperty("SmimeContentType")).startsWith("multipart/mixed");
        jakarta.mail.internet.MimeBodyPart entity = new jakarta.mail.internet.MimeBodyPart(
                new java.io.ByteArrayInputStream(body(m)));
        var mixed = (jakarta.mail.internet.MimeMultipart) entity.getContent();
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < mixed.getCount(); i++) {
            var part = mixed.getBodyPart(i);
            if (part.isMimeType("multipart/*")) {
                var nested = (jakarta.mail.internet.MimeMultipart) part.getContent();
                contents.add(new String(nested.getBodyPart(0).getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } else {
                contents.add(new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        List<String> expected = new ArrayList<>(List.of(SignedInputs.MAIN_TEXT));
        expected.addAll(SignedInputs.ATTACHMENTS);
        assertThat(contents).isEqualTo(expected);
    }

    @Test
    void aMessageOverTheSizeLimitIsRejectedUnreadAndTheNextOneIsProcessed() throws Exception {
        byte[] large = new byte[MAX_BODY * 4];
        new java.util.Random(7).nextBytes(large);
        sendBytes("smime.outgoing", "large-1", large);
        sendText("smime.outgoing", "after-large-1", "the next one");

        Message rejected = receiveId("smime.rejected", "large-1");
        assertThat(rejected).isNotNull();
        assertThat(rejected.getStringProperty("SmimeFailureReason")).isEqualTo("limit-exceeded");
        assertThat(rejected.getStringProperty("SmimeFailureMessage")).contains("jms.max.body.size");
        assertThat(body(rejected)).isEqualTo(large);
        Message next = receiveId("smime.verified", "after-large-1");
        assertThat(next).isNotNull();
        assertThat(((TextMessage) next).getText()).isEqualTo("the next one");

        // the same on the secure side
        sendBytes("smime.secure", "large-2", large);
        assertThat(body(receiveId("smime.rejected", "large-2"))).isEqualTo(large);
        assertThat(gateway.broker().messageCount("DLQ")).isIn(-1L, 0L);
    }
}

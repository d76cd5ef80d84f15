package io.github.camelsmime.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A crash in the middle of a JMS stream: the packaged gateway, with its embedded broker, is killed with SIGKILL while
 * messages are in flight, started again on the same journal, and every message must reach smime.verified exactly once.
 */
class GatewayCrashIT {

    private static final int TOTAL = 150;
    private static final Duration LONG = Duration.ofSeconds(150);

    @TempDir
    Path work;

    @Test
    void killMinusNineMidStreamLosesAndDuplicatesNothing() throws Exception {
        int jmsPort = GatewayHarness.freePort();
        List<String> args = List.of("-Djms.embedded.port=" + jmsPort, "-Djms.concurrent.consumers=2",
                "-Dmail.enabled=false", "-Dhttp.enabled=false", "-Dgateway.file.enabled=false");
        JarProcess first = new JarProcess(work, args, Map.of(), "gw1");
        ActiveMQConnectionFactory factory = null;
        try {
            assertThat(first.awaitLines(l -> l.contains("started in"), 1, 150)).isEqualTo(1);
            factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + jmsPort);
            try (Connection c = factory.createConnection()) {
                Session s = c.createSession(true, Session.SESSION_TRANSACTED);
                MessageProducer p = s.createProducer(s.createQueue("smime.outgoing"));
                for (int i = 0; i < TOTAL; i++) {
                    TextMessage m = s.createTextMessage("payload " + i);
                    m.setStringProperty("id", "crash-" + i);
                    p.send(m);
                    if (i % 50 == 49) {
                        s.commit();
                    }
                }
                s.commit();
            }
            ActiveMQConnectionFactory f = factory;
            await().atMost(LONG).pollInterval(Duration.ofMillis(50)).until(() -> browse(f, "smime.verified") >= 20);
            int beforeKill = browse(f, "smime.verified");
            assertThat(beforeKill).as("verified when killed").isLessThan(TOTAL);
            first.kill();
            assertThat(first.process.isAlive()).isFalse();
            // it really was mid-stream: not everything had arrived when the process died
            assertThat(browseAfterKill(jmsPort)).isEqualTo(-1);
        } finally {
            if (first.process.isAlive()) {
                first.kill();
            }
            if (factory != null) {
                factory.close();
            }
        }

        try (JarProcess second = new JarProcess(work, args, Map.of(), "gw2")) {
            assertThat(second.awaitLines(l -> l.contains("started in"), 1, 150)).isEqualTo(1);
            try (ActiveMQConnectionFactory f = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + jmsPort)) {
                await().atMost(LONG).pollInterval(Duration.ofMillis(500)).until(() -> browse(f, "smime.verified") >= TOTAL);
                Thread.sleep(3000); // anything late would be a duplicate
                assertThat(browse(f, "smime.verified")).isEqualTo(TOTAL);
                assertThat(browse(f, "smime.rejected")).isZero();
                assertThat(browse(f, "DLQ")).isZero();

                Map<String, Integer> seen = new HashMap<>();
                try (Connection c = f.createConnection()) {
                    c.start();
                    Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageConsumer consumer = s.createConsumer(s.createQueue("smime.verified"));
                    for (Message m; (m = consumer.receive(2000)) != null;) {
                        String id = m.getStringProperty("id");
                        seen.merge(id, 1, Integer::sum);
                        // text went in as a TextMessage and comes back as one
                        assertThat(m).isInstanceOf(TextMessage.class);
                        assertThat(m.getBody(String.class)).isEqualTo("payload " + id.substring(6));
                    }
                }
                assertThat(seen).hasSize(TOTAL);
                assertThat(seen.values()).allMatch(n -> n == 1);
            }
        }
    }

    /** The broker died with the gateway: nothing answers on its port any more. */
    private static int browseAfterKill(int port) {
        try (ActiveMQConnectionFactory f = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port
                + "?reconnectAttempts=0&initialConnectAttempts=1")) {
            return browse(f, "smime.verified");
        } catch (Exception e) {
            return -1;
        }
    }

    private static int browse(ActiveMQConnectionFactory factory, String queue) throws Exception {
        try (Connection c = factory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(queue);
            try (QueueBrowser browser = s.createBrowser(q)) {
                return Collections.list(browser.getEnumeration()).size();
            }
        }
    }
}

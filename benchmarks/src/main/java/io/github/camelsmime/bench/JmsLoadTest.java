package io.github.camelsmime.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * Route-level load test, bounded: N messages (default 10,000) of 4 KiB, each with a unique id, go
 *
 * <pre>
 *   JMS smime.outgoing -> smime:sign-encrypt -> JMS smime.secure -> smime:unwrap -> JMS smime.verified
 * </pre>
 * on an embedded Artemis broker (persistent journal in a temp folder, acceptor on 127.0.0.1 and a free port), with
 * camel-jms over a Spring {@link CachingConnectionFactory} and transacted routes (consume and send in one local JMS
 * transaction on the listener's session). A plain JMS consumer collects smime.verified. The test waits (at most {@code --timeout} seconds) until
 * every message arrived, then asserts that the set of ids equals the sent set with no duplicates, that every message was
 * verified and trusted and that its content is the one sent, prints msgs/s and writes a Markdown report. It stops by
 * itself; exit code 0 = passed, 1 = failed.
 *
 * <pre>
 *   java -cp 'benchmarks/target/camel-smime-benchmarks.jar:benchmarks/target/lib/*' io.github.camelsmime.bench.JmsLoadTest \
 *        [--messages 10000] [--size 4k] [--consumers 2] [--timeout 300] [--out benchmarks/results/load-latest.md]
 *        [--passthrough]
 * </pre>
 * {@code --passthrough} replaces the two smime: steps by nothing: the same routes and broker alone, to see what the
 * messaging costs by itself.
 */
public final class JmsLoadTest {

    static final String OUTGOING = "smime.outgoing";
    static final String SECURE = "smime.secure";
    static final String VERIFIED = "smime.verified";
    static final String ID = "benchId";
    static final String VALID = "benchSignatureValid";
    static final String TRUSTED = "benchTrusted";

    private int messages = 10_000;
    private String size = "4k";
    private int consumers = 2;
    private int timeoutSeconds = 300;
    private int batch = 100;
    private Path out = Paths.get("benchmarks/results/load-latest.md");
    private boolean passthrough;

    public static void main(String[] args) throws Exception {
        JmsLoadTest test = new JmsLoadTest();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--messages" -> test.messages = Integer.parseInt(args[++i]);
                case "--size" -> test.size = args[++i];
                case "--consumers" -> test.consumers = Integer.parseInt(args[++i]);
                case "--timeout" -> test.timeoutSeconds = Integer.parseInt(args[++i]);
                case "--out" -> test.out = Paths.get(args[++i]);
                case "--passthrough" -> test.passthrough = true;
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        boolean passed;
        try {
            passed = test.run();
        } catch (Throwable t) {
            t.printStackTrace();
            passed = false;
        }
        // non-daemon threads of the broker or the JMS client must not keep the JVM alive
        System.exit(passed ? 0 : 1);
    }

    /** Result of one run. */
    record Result(int sent, int received, int distinct, int duplicates, int missing, int unexpected, int untrusted,
                  int wrongContent, long sendMillis, long totalMillis, boolean timedOut, String firstProblem) {
        boolean passed() {
            return !timedOut && received == sent && distinct == sent && duplicates == 0 && missing == 0
                    && unexpected == 0 && untrusted == 0 && wrongContent == 0;
        }

        double msgsPerSecond() {
            return totalMillis == 0 ? 0 : received * 1000.0 / totalMillis;
        }
    }

    private String loadBefore = "";

    boolean run() throws Exception {
        loadBefore = Report.Machine.loadAverage();
        int port = freePort();
        Path brokerDir = Files.createTempDirectory("camel-smime-load-artemis-");
        String url = "tcp://127.0.0.1:" + port;
        System.out.printf(Locale.ROOT, "JmsLoadTest: %d messages of %s, %d consumers per route, broker %s, %s%n",
                messages, size, consumers, url, passthrough ? "PASSTHROUGH (no smime steps)" : "sign-encrypt + unwrap");

        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(brokerConfig(brokerDir, url));
        CamelContext camel = null;
        Connection producerConnection = null;
        Connection collectorConnection = null;
        CachingConnectionFactory caching = null;
        try (BenchPki pki = BenchPki.create()) {
            broker.start();

            ActiveMQConnectionFactory plain = new ActiveMQConnectionFactory(url);
            caching = new CachingConnectionFactory(plain);
            caching.setSessionCacheSize(4 * consumers + 2);
            camel = new DefaultCamelContext();
            JmsComponent jms = new JmsComponent();
            jms.setConnectionFactory(caching);
            camel.addComponent("jms", jms);
            camel.addRoutes(routes(pki));

            // the collector: plain JMS, transacted, one consumer on smime.verified
            Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
            AtomicInteger received = new AtomicInteger();
            AtomicInteger untrusted = new AtomicInteger();
            AtomicInteger wrongContent = new AtomicInteger();
            AtomicInteger unexpected = new AtomicInteger();
            AtomicLong lastArrival = new AtomicLong();
            AtomicReference<String> firstProblem = new AtomicReference<>();
            CountDownLatch all = new CountDownLatch(messages);
            collectorConnection = plain.createConnection();
            Session collectorSession = collectorConnection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer collector = collectorSession.createConsumer(collectorSession.createQueue(VERIFIED));
            collector.setMessageListener(m -> {
                try {
                    String id = m.getStringProperty(ID);
                    if (id == null || !id.startsWith("msg-")) {
                        unexpected.incrementAndGet();
                        firstProblem.compareAndSet(null, "message without a benchmark id");
                    } else {
                        if (seen.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() > 1) {
                            firstProblem.compareAndSet(null, "duplicate " + id);
                        }
                        check(m, id, untrusted, wrongContent, firstProblem);
                    }
                    collectorSession.commit();
                    received.incrementAndGet();
                    lastArrival.set(System.nanoTime());
                    all.countDown();
                } catch (Exception e) {
                    firstProblem.compareAndSet(null, "collector: " + e);
                }
            });
            collectorConnection.start();
            camel.start();

            // the producer: plain JMS, persistent, committed in batches
            producerConnection = plain.createConnection();
            Session session = producerConnection.createSession(true, Session.SESSION_TRANSACTED);
            Queue outgoing = session.createQueue(OUTGOING);
            MessageProducer producer = session.createProducer(outgoing);
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                String id = id(i);
                BytesMessage m = session.createBytesMessage();
                m.writeBytes(entity(id));
                m.setStringProperty(ID, id);
                producer.send(m);
                if ((i + 1) % batch == 0 || i == messages - 1) {
                    session.commit();
                }
            }
            long sendMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf(Locale.ROOT, "sent %d in %.1f s; waiting (at most %d s)...%n", messages,
                    sendMillis / 1000.0, timeoutSeconds);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            int lastReported = -1;
            boolean done = false;
            while (!done && System.nanoTime() < deadline) {
                done = all.await(5, TimeUnit.SECONDS);
                int now = received.get();
                if (now != lastReported) {
                    System.out.printf(Locale.ROOT, "  %d / %d arrived (%.0f s)%n", now, messages,
                            (System.nanoTime() - start) / 1e9);
                    lastReported = now;
                }
            }
            // a short grace period catches duplicates that would arrive after the last expected message
            if (done) {
                Thread.sleep(1000);
            }
            long totalMillis = ((done ? lastArrival.get() : System.nanoTime()) - start) / 1_000_000;

            List<String> ids = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                ids.add(id(i));
            }
            int missing = (int) ids.stream().filter(id -> !seen.containsKey(id)).count();
            int notSent = (int) seen.keySet().stream().filter(id -> !ids.contains(id)).count();
            int duplicates = seen.values().stream().mapToInt(a -> Math.max(0, a.get() - 1)).sum();
            Result r = new Result(messages, received.get(), seen.size(), duplicates, missing,
                    unexpected.get() + notSent, untrusted.get(), wrongContent.get(), sendMillis, totalMillis, !done,
                    firstProblem.get());
            report(r);
            return r.passed();
        } finally {
            if (camel != null) {
                camel.close();
            }
            closeQuietly(producerConnection);
            closeQuietly(collectorConnection);
            if (caching != null) {
                caching.destroy();
            }
            broker.stop();
            deleteTree(brokerDir);
        }
    }

    private RouteBuilder routes(BenchPki pki) {
        String signEncrypt = "smime:sign-encrypt?" + pki.signerOptions(BenchPki.Signer.rsa2048) + "&"
                + pki.recipientOptions() + "&encryptionAlgorithm=AES_256_GCM";
        String unwrap = "smime:unwrap?" + pki.decryptOptions() + "&" + pki.trustOptions() + "&requireSigned=true";
        // Local JMS transactions: the listener's transacted session is exposed to the jms: producer in the same route,
        // so receive and send commit together. No JmsTransactionManager (that would force CACHE_NONE: a new consumer
        // per receive, and Artemis' prefetch then strands messages in consumers being closed); the listener keeps its
        // consumer (CACHE_CONSUMER), as the Camel JMS docs advise for non-XA transactions.
        String from = "?transacted=true&lazyCreateTransactionManager=false&cacheLevelName=CACHE_CONSUMER"
                + "&concurrentConsumers=" + consumers + "&maxConcurrentConsumers=" + consumers;
        String to = "?jmsMessageType=Bytes";
        return new RouteBuilder() {
            @Override
            public void configure() {
                var outbound = from("jms:queue:" + OUTGOING + from).routeId("sign-encrypt");
                if (!passthrough) {
                    outbound.to(signEncrypt);
                }
                outbound.convertBodyTo(byte[].class).to("jms:queue:" + SECURE + to);

                var inbound = from("jms:queue:" + SECURE + from).routeId("unwrap");
                if (!passthrough) {
                    // camel-jms does not send Camel* headers: carry the verdict as plain properties
                    inbound.to(unwrap).process(e -> {
                        e.getMessage().setHeader(VALID, e.getMessage().getHeader("CamelSmimeSignatureValid"));
                        e.getMessage().setHeader(TRUSTED, e.getMessage().getHeader("CamelSmimeTrusted"));
                    });
                }
                inbound.convertBodyTo(byte[].class).to("jms:queue:" + VERIFIED + to);
            }
        };
    }

    private void check(Message m, String id, AtomicInteger untrusted, AtomicInteger wrongContent,
                       AtomicReference<String> firstProblem) throws JMSException {
        if (!passthrough) {
            boolean valid = m.propertyExists(VALID) && m.getBooleanProperty(VALID);
            boolean trusted = m.propertyExists(TRUSTED) && m.getBooleanProperty(TRUSTED);
            if (!valid || !trusted) {
                untrusted.incrementAndGet();
                firstProblem.compareAndSet(null, id + ": CamelSmimeSignatureValid=" + valid + ", CamelSmimeTrusted="
                        + trusted);
            }
        }
        byte[] body = m.getBody(byte[].class);
        if (body == null || !RoundTrip.sameEntity(body, entity(id))) {
            wrongContent.incrementAndGet();
            firstProblem.compareAndSet(null, id + ": content differs from what was sent");
        }
    }

    /** The message for an id: the benchmark entity of this size with the id in its first line. */
    private byte[] entity(String id) {
        byte[] e = Payloads.entity(size);
        byte[] tag = (id + " ").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tag, 0, e, Payloads.HEADER.length(), tag.length);
        return e;
    }

    private static String id(int i) {
        return String.format(Locale.ROOT, "msg-%06d", i);
    }

    private void report(Result r) throws IOException {
        String verdict = r.passed() ? "PASSED" : "FAILED";
        System.out.printf(Locale.ROOT, "%s: %d sent, %d received, %d distinct, %d duplicates, %d missing, %d unexpected,"
                        + " %d not verified+trusted, %d wrong content; %.1f msgs/s end to end (%.1f s)%s%n", verdict,
                r.sent(), r.received(), r.distinct(), r.duplicates(), r.missing(), r.unexpected(), r.untrusted(),
                r.wrongContent(), r.msgsPerSecond(), r.totalMillis() / 1000.0,
                r.firstProblem() == null ? "" : "; first problem: " + r.firstProblem());

        StringBuilder md = new StringBuilder();
        md.append("# camel-smime JMS load test\n\n");
        md.append("Generated by `benchmarks/run.sh --load` (`io.github.camelsmime.bench.JmsLoadTest`).\n\n");
        md.append("`JMS ").append(OUTGOING).append(" -> ")
          .append(passthrough ? "(no smime step)" : "smime:sign-encrypt (RSA-2048 signer, AES-256-GCM to an RSA-2048 "
                  + "recipient)").append(" -> JMS ").append(SECURE).append(" -> ")
          .append(passthrough ? "(no smime step)" : "smime:unwrap (decrypt, verify, PKIX path validation)")
          .append(" -> JMS ").append(VERIFIED).append("`\n\n");
        md.append("Embedded Artemis (persistent NIO journal in a temp folder, TCP acceptor on 127.0.0.1), camel-jms")
          .append(" over Spring's CachingConnectionFactory, `transacted=true` routes with ").append(consumers)
          .append(" concurrent consumers each; producer and collector are plain JMS clients (transacted, producer ")
          .append("commits every ").append(batch).append(" messages).\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| date | ").append(ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append(" |\n");
        md.append("| machine | ").append(Report.Machine.describe()).append(" |\n");
        md.append("| load average (1/5/15 min) | before ").append(loadBefore).append(", after ")
          .append(Report.Machine.loadAverage()).append(" (2 cores, shared with other work) |\n");
        md.append("| JVM | ").append(System.getProperty("java.vm.name")).append(' ')
          .append(System.getProperty("java.version")).append(" |\n");
        md.append("| result | **").append(verdict).append("** |\n");
        md.append("| messages | ").append(r.sent()).append(" x ").append(size).append(" (")
          .append(Payloads.bytes(size)).append(" B body, unique id header `").append(ID).append("`) |\n");
        md.append("| received | ").append(r.received()).append(" (").append(r.distinct()).append(" distinct ids) |\n");
        md.append("| lost | ").append(r.missing()).append(" |\n");
        md.append("| duplicated | ").append(r.duplicates()).append(" |\n");
        md.append("| unexpected | ").append(r.unexpected()).append(" |\n");
        if (!passthrough) {
            md.append("| not verified and trusted | ").append(r.untrusted()).append(" |\n");
        }
        md.append("| content differs | ").append(r.wrongContent()).append(" |\n");
        md.append("| sending took | ").append(String.format(Locale.ROOT, "%.1f s", r.sendMillis() / 1000.0))
          .append(" |\n");
        md.append("| first sent to last verified | ").append(String.format(Locale.ROOT, "%.1f s", r.totalMillis()
                / 1000.0)).append(r.timedOut() ? " (timed out)" : "").append(" |\n");
        md.append("| **throughput** | **").append(String.format(Locale.ROOT, "%.1f msgs/s", r.msgsPerSecond()))
          .append("** end to end |\n");
        if (r.firstProblem() != null) {
            md.append("| first problem | ").append(r.firstProblem()).append(" |\n");
        }
        md.append("\nRerun: `benchmarks/run.sh --load` (`benchmarks/run.sh --load -- --passthrough` measures the same ")
          .append("broker and routes without the smime steps).\n");
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
    }

    private static Configuration brokerConfig(Path dir, String url) throws Exception {
        Configuration c = new ConfigurationImpl();
        c.setName("camel-smime-load");
        c.setPersistenceEnabled(true);
        c.setJournalType(JournalType.NIO);
        c.setJournalDirectory(dir.resolve("journal").toString());
        c.setBindingsDirectory(dir.resolve("bindings").toString());
        c.setLargeMessagesDirectory(dir.resolve("large").toString());
        c.setPagingDirectory(dir.resolve("paging").toString());
        c.setSecurityEnabled(false);
        c.setJMXManagementEnabled(false);
        c.setCriticalAnalyzer(false);
        c.addAcceptorConfiguration("tcp", url);
        // a message that fails 5 times goes to DLQ (and counts as lost here) instead of looping
        c.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("DLQ"))
                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setMaxDeliveryAttempts(5)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true));
        return c;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (JMSException e) {
                // closing anyway
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}

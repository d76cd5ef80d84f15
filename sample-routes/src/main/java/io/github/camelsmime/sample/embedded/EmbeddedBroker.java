package io.github.camelsmime.sample.embedded;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ActiveMQ Artemis broker inside the gateway's JVM: persistent NIO journal under one folder, one TCP acceptor on a
 * loopback address, no security (it listens on 127.0.0.1 only). Started when {@code jms.broker.url} is empty. It is
 * a Camel service, so the Camel context stops it after the routes.
 */
public class EmbeddedBroker extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final Path dataDir;
    private final String host;
    private final int port;
    private volatile EmbeddedActiveMQ broker;

    public EmbeddedBroker(Path dataDir, String host, int port) {
        this.dataDir = dataDir;
        this.host = host;
        this.port = port;
    }

    /** The URL clients use to reach this broker. */
    public String url() {
        return "tcp://" + host + ":" + port;
    }

    @Override
    protected synchronized void doStart() throws Exception {
        Files.createDirectories(dataDir);
        Configuration config = new ConfigurationImpl()
                .setName("smime-gateway")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setNodeManagerLockDirectory(dataDir.toString())
                // a nearly full disk must not block the demo: the journal is small
                .setMaxDiskUsage(-1)
                .setCriticalAnalyzer(false)
                .setGracefulShutdownEnabled(false);
        config.addAcceptorConfiguration("tcp", url() + "?protocols=CORE");
        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("DLQ"))
                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setRedeliveryDelay(200)
                .setMaxDeliveryAttempts(10)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true)
                .setAutoCreateDeadLetterResources(true));
        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
        embedded.setConfiguration(config);
        embedded.start();
        broker = embedded;
        LOG.info("Embedded ActiveMQ Artemis broker listening on {} (journal {})", url(), dataDir.toAbsolutePath());
    }

    @Override
    protected synchronized void doStop() throws Exception {
        EmbeddedActiveMQ embedded = broker;
        broker = null;
        if (embedded != null) {
            embedded.stop();
            LOG.info("Embedded ActiveMQ Artemis broker on {} stopped", url());
        }
    }

    /** Stops the broker and starts it again on the same journal (used by the restart test). */
    public void restart(long pauseMillis) throws Exception {
        stop();
        Thread.sleep(pauseMillis);
        start();
    }

    public ActiveMQServer server() {
        EmbeddedActiveMQ embedded = broker;
        return embedded == null ? null : embedded.getActiveMQServer();
    }

    /** Messages currently in a queue, or -1 when the broker is down or the queue does not exist. */
    public long messageCount(String queue) {
        ActiveMQServer server = server();
        if (server == null) {
            return -1;
        }
        Queue q = server.locateQueue(SimpleString.of(queue));
        return q == null ? -1 : q.getMessageCount();
    }
}

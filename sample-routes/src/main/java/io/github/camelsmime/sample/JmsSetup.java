package io.github.camelsmime.sample;

import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.connection.JmsTransactionManager;

/**
 * The {@code jms} component: Artemis client connection factory, cached by Spring's {@link CachingConnectionFactory}
 * (one connection, pooled sessions, so each message does not open a connection), and a {@link JmsTransactionManager}
 * over it. With {@code transacted=true} the listener container receives inside a local JMS transaction bound to that
 * manager and the producers in the route send on the same session: consume and send commit or roll back together.
 * This needs cache level CACHE_NONE in the container: with a cached container session the message would be received
 * on that session while the route sends on the manager's, two transactions.
 */
public final class JmsSetup {

    public static final String TRANSACTION_MANAGER = "jmsTransactionManager";

    private JmsSetup() {
    }

    public static JmsComponent configure(CamelContext context, String brokerUrl, String username, String password)
            throws Exception {
        ActiveMQConnectionFactory artemis = new ActiveMQConnectionFactory(brokerUrl);
        if (username != null) {
            artemis.setUser(username);
            artemis.setPassword(password);
        }
        // no prefetch: competing consumers (threads and instances) share a queue fairly, and a consumer cached in an
        // idle session holds no messages back
        artemis.setConsumerWindowSize(0);

        CachingConnectionFactory caching = new CachingConnectionFactory(artemis);
        caching.setSessionCacheSize(10);
        caching.setReconnectOnException(true);
        // a consumer cached in an idle session could hold a message it was granted credit for; with the sessions
        // cached, a consumer per receive costs little
        caching.setCacheConsumers(false);
        JmsTransactionManager tm = new JmsTransactionManager(caching);

        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory((ConnectionFactory) caching);
        jms.setTransactionManager(tm);
        // the transaction manager re-obtains the (cached) session for every transaction
        jms.setCacheLevelName("CACHE_NONE");
        // after a broker failure, try to reconnect every second
        jms.setRecoveryInterval(1000);
        context.getRegistry().bind(TRANSACTION_MANAGER, tm);
        context.addComponent("jms", jms);
        // close the shared connection when Camel stops, after the routes and before an embedded broker (services
        // stop in reverse order of registration)
        context.addService(new org.apache.camel.support.service.ServiceSupport() {
            @Override
            protected void doStop() {
                caching.destroy();
            }
        }, true, false);
        return jms;
    }
}

package io.github.camelsmime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import jakarta.jms.ConnectionFactory;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code unmarshal(smime)} behind the consumers a route really starts with: a file consumer (Java DSL, YAML DSL and
 * the {@code dataformat:} endpoint), a JMS consumer on an embedded Artemis broker (TCP on loopback) and an IMAP
 * consumer with {@code mapMailMessage=false} (GreenMail). Each must hand on the opened message, not the signed input,
 * with the verdict headers still there after the mock endpoint copied the exchange.
 */
class UnmarshalBehindConsumersTest extends SmimeTestSupport {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort() });

    @TempDir
    static Path folders;

    private static EmbeddedActiveMQ broker;
    private static String brokerUrl;

    @BeforeAll
    static void startBroker() throws Exception {
        brokerUrl = "tcp://127.0.0.1:" + AvailablePortFinder.getNextAvailable();
        broker = new EmbeddedActiveMQ();
        broker.setConfiguration(new ConfigurationImpl().setPersistenceEnabled(false).setSecurityEnabled(false)
                .setJMXManagementEnabled(false).addAcceptorConfiguration("tcp", brokerUrl + "?protocols=CORE"));
        broker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.stop();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.setProperty("test.yaml.inbox", folders.resolve("yaml").toString());
        return p;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("opener", opener());
        ConnectionFactory cf = new ActiveMQConnectionFactory(brokerUrl);
        context.addComponent("jms", JmsComponent.jmsComponentAutoAcknowledge(cf));
        return context;
    }

    private static SmimeDataFormat opener() {
        SmimeDataFormat open = new SmimeDataFormat();
        open.getConfiguration().setTrustAnchors(PKI.path("ca.pem"));
        return open;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        MAIL.setUser("alice@example.com", "alice", "alice-pw");
        MAIL.setUser("bob@example.com", "bob", "bob-pw");
        int smtp = MAIL.getSmtp().getPort();
        int imap = MAIL.getImap().getPort();
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + folders.resolve("java") + "?initialDelay=0&delay=100")
                        .unmarshal(opener()).to("mock:java");
                from("file:" + folders.resolve("endpoint") + "?initialDelay=0&delay=100")
                        .to("dataformat:smime:unmarshal?" + trust()).to("mock:endpoint");
                from("jms:queue:smime.in").unmarshal(opener()).to("mock:jms");
                from("direct:mail").to("smime:sign?" + signer("alice")).convertBodyTo(MimeMessage.class)
                        .to("smtp://127.0.0.1:" + smtp + "?username=alice&password=alice-pw");
                from("imap://127.0.0.1:" + imap + "?username=bob&password=bob-pw&mapMailMessage=false"
                        + "&delete=true&initialDelay=100&delay=300")
                        .unmarshal(opener()).to("mock:mail");
            }
        };
    }

    private String signed() {
        return bodyOf(send("smime:sign?" + signer("alice"), bytes(MESSAGE)));
    }

    private static void assertOpened(MockEndpoint mock) {
        Exchange e = mock.getReceivedExchanges().get(0);
        assertThat(e.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(e.getMessage().getHeader(SmimeConstants.LAYERS)).isEqualTo("signed");
        String body = e.getMessage().getBody(String.class);
        assertThat(body).doesNotContain("multipart/signed");
        assertThat(textOf(body)).isEqualTo(textOf(MESSAGE));
    }

    private void dropFile(String folder, String wire) throws Exception {
        Path dir = Files.createDirectories(folders.resolve(folder));
        Path tmp = Files.createTempFile(folders, "drop", ".tmp");
        Files.writeString(tmp, wire);
        Files.move(tmp, dir.resolve("signed.eml"));
    }

    /** A signed message dropped into the folder of a file route arrives opened at its mock. */
    private void fileRouteOpens(String folder, String mock) throws Exception {
        MockEndpoint received = getMockEndpoint(mock);
        received.expectedMessageCount(1);
        dropFile(folder, signed());
        received.assertIsSatisfied(20_000);
        assertOpened(received);
    }

    @Test
    void fileConsumerThenUnmarshalInJava() throws Exception {
        fileRouteOpens("java", "mock:java");
    }

    @Test
    void fileConsumerThenDataformatEndpoint() throws Exception {
        fileRouteOpens("endpoint", "mock:endpoint");
    }

    @Test
    void fileConsumerThenUnmarshalInYaml() throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(PluginHelper.getResourceLoader(context)
                .resolveResource("classpath:routes/smime-yaml-file-unmarshal.yaml"));
        fileRouteOpens("yaml", "mock:yaml");
    }

    @Test
    void jmsConsumerThenUnmarshal() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:jms");
        mock.expectedMessageCount(1);
        template.sendBody("jms:queue:smime.in", bytes(signed()));
        mock.assertIsSatisfied(20_000);
        assertOpened(mock);
    }

    @Test
    void imapConsumerWithMailMessageThenUnmarshal() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:mail");
        mock.expectedMessageCount(1);
        template.sendBody("direct:mail", MESSAGE);
        mock.assertIsSatisfied(20_000);
        assertOpened(mock);
    }
}

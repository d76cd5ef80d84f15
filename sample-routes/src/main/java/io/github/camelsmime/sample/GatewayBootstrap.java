package io.github.camelsmime.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.camelsmime.keys.RecipientDirectory;
import io.github.camelsmime.sample.embedded.EmbeddedBroker;
import io.github.camelsmime.sample.embedded.EmbeddedMailServer;
import io.github.camelsmime.sample.support.BearerTokenAuth;
import io.github.camelsmime.sample.support.GatewayHttpServer;
import io.github.camelsmime.sample.support.RejectedOutput;
import io.github.camelsmime.sample.support.VerifiedOutput;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before the routes are built: creates the demo PKI on first start, starts the embedded servers whose external
 * counterpart is not configured (pointing the routes at them), registers the JMS component, the HTTP server and the
 * beans the routes (Java and YAML) use, and schedules the demo.
 */
public class GatewayBootstrap extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayBootstrap.class);

    public static final String EMBEDDED_MAIL = "embeddedMailServer";
    public static final String EMBEDDED_BROKER = "embeddedBroker";
    public static final String HTTP_AUTH = "httpAuth";
    public static final String RECIPIENT_DIRECTORY = "recipientDirectory";
    public static final String VERIFY_OUTPUT = "fileVerifyOutput";
    public static final String VERIFY_REJECTED = "fileVerifyRejected";

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        try {
            configure(main.getCamelContext());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Gateway start-up failed: " + e.getMessage(), e);
        }
    }

    void configure(CamelContext context) throws Exception {
        GatewaySettings s = new GatewaySettings(context);
        Registry registry = context.getRegistry();

        // ---- demo PKI ----
        if (s.getBoolean(GatewaySettings.PKI_CREATE, true)) {
            DemoPki.ensure(s.path(GatewaySettings.PKI_DIR), s.require(GatewaySettings.PKI_PASSWORD).toCharArray(),
                    Duration.ofDays(s.getInt(GatewaySettings.PKI_VALIDITY_DAYS, 3 * 365)));
        }
        registry.bind(RECIPIENT_DIRECTORY, RecipientDirectory.ofFolder(
                Files.createDirectories(s.path(GatewaySettings.RECIPIENTS_DIR).toAbsolutePath())));

        // ---- mail ----
        boolean embeddedMail = false;
        if (s.getBoolean(GatewaySettings.MAIL_ENABLED, true)
                && (!s.isSet(GatewaySettings.SMTP_HOST) || !s.isSet(GatewaySettings.IMAP_HOST))) {
            String host = "127.0.0.1";
            EmbeddedMailServer mail = new EmbeddedMailServer(host, s.getInt(GatewaySettings.SMTP_PORT, 3025),
                    s.getInt(GatewaySettings.IMAP_PORT, 3143));
            String smtpUser = s.get(GatewaySettings.SMTP_USERNAME, DemoPki.email("alice"));
            String imapUser = s.get(GatewaySettings.IMAP_USERNAME, DemoPki.email("bob"));
            String imapPassword = s.get(GatewaySettings.IMAP_PASSWORD, "");
            for (String user : DemoPki.USERS) {
                mail.user(DemoPki.email(user), imapPassword);
            }
            mail.user(smtpUser, s.get(GatewaySettings.SMTP_PASSWORD, ""));
            mail.user(imapUser, imapPassword);
            mail.start();
            context.addService(mail, true, false);
            registry.bind(EMBEDDED_MAIL, mail);
            if (!s.isSet(GatewaySettings.SMTP_HOST)) {
                s.override(GatewaySettings.SMTP_HOST, host);
                s.override(GatewaySettings.SMTP_PROTOCOL, "smtp");
            }
            if (!s.isSet(GatewaySettings.IMAP_HOST)) {
                s.override(GatewaySettings.IMAP_HOST, host);
                s.override(GatewaySettings.IMAP_PROTOCOL, "imap");
            }
            embeddedMail = true;
        }
        s.override(GatewaySettings.MAIL_EMBEDDED, String.valueOf(embeddedMail));

        // ---- JMS ----
        if (s.getBoolean(GatewaySettings.JMS_ENABLED, true)) {
            boolean embedded = !s.isSet(GatewaySettings.JMS_BROKER_URL);
            if (embedded) {
                EmbeddedBroker broker = new EmbeddedBroker(s.path(GatewaySettings.JMS_EMBEDDED_DIR), "127.0.0.1",
                        s.getInt(GatewaySettings.JMS_EMBEDDED_PORT, 61616));
                broker.start();
                context.addService(broker, true, false);
                registry.bind(EMBEDDED_BROKER, broker);
                s.override(GatewaySettings.JMS_BROKER_URL, broker.url());
            }
            s.override(GatewaySettings.JMS_EMBEDDED, String.valueOf(embedded));
            JmsSetup.configure(context, s.require(GatewaySettings.JMS_BROKER_URL),
                    s.find(GatewaySettings.JMS_USERNAME).orElse(null),
                    s.find(GatewaySettings.JMS_PASSWORD).orElse(null));
        }

        // ---- HTTP ----
        if (s.getBoolean(GatewaySettings.HTTP_ENABLED, true)) {
            String token = s.find(GatewaySettings.HTTP_TOKEN).orElse(null);
            boolean generated = token == null;
            if (generated) {
                token = BearerTokenAuth.generate();
            }
            BearerTokenAuth auth = new BearerTokenAuth(token);
            registry.bind(HTTP_AUTH, auth);
            String host = s.get(GatewaySettings.HTTP_HOST, "127.0.0.1");
            int port = s.getInt(GatewaySettings.HTTP_PORT, 8080);
            context.addService(new GatewayHttpServer(host, port,
                    s.getLong(GatewaySettings.HTTP_MAX_BODY_SIZE, 10L * 1024 * 1024),
                    s.getInt(GatewaySettings.HTTP_IDLE_TIMEOUT, 30), auth), true, true);
            if (generated) {
                // the token is an API access token, not key material: printing it is how a user gets it
                LOG.info("HTTP API on http://{}:{}/smime/(sign|encrypt|verify|decrypt); generated bearer token "
                        + "(set http.token to choose one): {}", host, port, token);
            } else {
                LOG.info("HTTP API on http://{}:{}/smime/(sign|encrypt|verify|decrypt) (bearer token from http.token)",
                        host, port);
            }
        }

        // ---- beans for the YAML file-verify route ----
        registry.bind(VERIFY_OUTPUT, new VerifiedOutput(s.path(GatewaySettings.VERIFY_OUTBOX).toAbsolutePath(), true));
        registry.bind(VERIFY_REJECTED,
                new RejectedOutput(s.path(GatewaySettings.VERIFY_REJECTED).toAbsolutePath(), ""));

        // ---- demo ----
        String demo = s.get(GatewaySettings.DEMO_ENABLED, "auto");
        boolean runDemo = "auto".equalsIgnoreCase(demo) ? embeddedMail
                : Boolean.parseBoolean(demo) && s.getBoolean(GatewaySettings.MAIL_ENABLED, true);
        if (runDemo) {
            Path outbox = s.path(Demo.MAIL_OUTBOX).toAbsolutePath();
            context.addStartupListener(new Demo(outbox, s.getInt(Demo.DOCUMENTS, 3)));
        }
    }
}

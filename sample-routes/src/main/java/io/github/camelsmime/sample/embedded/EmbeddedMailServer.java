package io.github.camelsmime.sample.embedded;

import java.util.LinkedHashMap;
import java.util.Map;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GreenMail SMTP + IMAP server inside the gateway's JVM on a loopback address, with one mailbox per registered
 * user. Started when {@code mail.smtp.host} and {@code mail.imap.host} are empty. SMTP AUTH is required (GreenMail
 * accepts it for registered users only), so the sender is registered too.
 */
public class EmbeddedMailServer extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMailServer.class);

    private final String host;
    private final int smtpPort;
    private final int imapPort;
    private final Map<String, String> users = new LinkedHashMap<>();
    private volatile GreenMail greenMail;

    public EmbeddedMailServer(String host, int smtpPort, int imapPort) {
        this.host = host;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    /** Registers a user whose login is its e-mail address. */
    public EmbeddedMailServer user(String email, String password) {
        users.put(email, password);
        return this;
    }

    @Override
    protected void doStart() throws Exception {
        GreenMail gm = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtpPort, host, ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, host, ServerSetup.PROTOCOL_IMAP)});
        gm.withConfiguration(GreenMailConfiguration.aConfig());
        gm.start();
        users.forEach((email, password) -> gm.setUser(email, email, password));
        greenMail = gm;
        LOG.info("Embedded GreenMail: SMTP {}:{}, IMAP {}:{}, mailboxes {}", host, smtpPort, host, imapPort,
                users.keySet());
    }

    @Override
    protected void doStop() {
        GreenMail gm = greenMail;
        greenMail = null;
        if (gm != null) {
            gm.stop();
            LOG.info("Embedded GreenMail stopped");
        }
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    public String host() {
        return host;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }
}

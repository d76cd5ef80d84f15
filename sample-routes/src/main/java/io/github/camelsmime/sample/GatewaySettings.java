package io.github.camelsmime.sample;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Typed reads of the gateway's properties through Camel's properties component, so that every value comes from
 * {@code application.properties}, a JVM system property ({@code -Dgateway.sign.inbox=/x}) or an environment variable
 * ({@code GATEWAY_SIGN_INBOX=/x}), whichever Camel ranks first.
 */
public final class GatewaySettings {

    private final PropertiesComponent properties;

    public GatewaySettings(CamelContext context) {
        this.properties = context.getPropertiesComponent();
    }

    /** The value, trimmed; empty when unset or blank. */
    public Optional<String> find(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    public String get(String key, String defaultValue) {
        return find(key).orElse(defaultValue);
    }

    /** A required property: fails with a message that names it. */
    public String require(String key) {
        return find(key).orElseThrow(() -> new IllegalStateException("Property " + key + " is not set"));
    }

    public boolean isSet(String key) {
        return find(key).isPresent();
    }

    public int getInt(String key, int defaultValue) {
        return find(key).map(Integer::parseInt).orElse(defaultValue);
    }

    public long getLong(String key, long defaultValue) {
        return find(key).map(Long::parseLong).orElse(defaultValue);
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        return find(key).map(Boolean::parseBoolean).orElse(defaultValue);
    }

    public Path path(String key) {
        return Path.of(require(key));
    }

    /** A comma-separated list, items trimmed, empty items dropped. */
    public List<String> list(String key) {
        return find(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /** Sets a value for the rest of the run (highest priority); used for the addresses of embedded servers. */
    public void override(String key, String value) {
        properties.addOverrideProperty(key, value);
    }

    // ---- the keys ----

    public static final String DATA_DIR = "gateway.data.dir";
    public static final String PKI_DIR = "pki.dir";
    public static final String PKI_PASSWORD = "pki.password";
    public static final String PKI_CREATE = "pki.create";
    public static final String PKI_VALIDITY_DAYS = "pki.validity.days";

    public static final String SIGNER_KEYSTORE = "smime.signer.keystore";
    public static final String SIGNER_PASSWORD = "smime.signer.password";
    public static final String SIGNER_ALIAS = "smime.signer.alias";
    public static final String DECRYPT_KEYSTORE = "smime.decrypt.keystore";
    public static final String DECRYPT_PASSWORD = "smime.decrypt.password";
    public static final String RECIPIENTS_DIR = "smime.recipients.dir";
    public static final String TRUST_ANCHORS = "smime.trust.anchors";
    public static final String ENCRYPTION_ALGORITHM = "smime.encryption.algorithm";
    public static final String SIGNATURE_ALGORITHM = "smime.signature.algorithm";

    public static final String SIGN_INBOX = "gateway.sign.inbox";
    public static final String SIGN_OUTBOX = "gateway.sign.outbox";
    public static final String SIGN_RECIPIENTS = "gateway.sign.recipients";
    public static final String SIGN_FROM = "gateway.sign.from";
    public static final String VERIFY_INBOX = "gateway.verify.inbox";
    public static final String VERIFY_OUTBOX = "gateway.verify.outbox";
    public static final String VERIFY_REJECTED = "gateway.verify.rejected";
    public static final String FILE_ENABLED = "gateway.file.enabled";

    public static final String MAIL_ENABLED = "mail.enabled";
    public static final String SMTP_HOST = "mail.smtp.host";
    public static final String SMTP_PORT = "mail.smtp.port";
    public static final String SMTP_PROTOCOL = "mail.smtp.protocol";
    public static final String SMTP_USERNAME = "mail.smtp.username";
    public static final String SMTP_PASSWORD = "mail.smtp.password";
    public static final String IMAP_HOST = "mail.imap.host";
    public static final String IMAP_PORT = "mail.imap.port";
    public static final String IMAP_PROTOCOL = "mail.imap.protocol";
    public static final String IMAP_USERNAME = "mail.imap.username";
    public static final String IMAP_PASSWORD = "mail.imap.password";
    public static final String MAIL_EMBEDDED = "mail.embedded";

    public static final String JMS_ENABLED = "jms.enabled";
    public static final String JMS_BROKER_URL = "jms.broker.url";
    public static final String JMS_USERNAME = "jms.username";
    public static final String JMS_PASSWORD = "jms.password";
    public static final String JMS_EMBEDDED_PORT = "jms.embedded.port";
    public static final String JMS_EMBEDDED_DIR = "jms.embedded.dir";
    public static final String JMS_EMBEDDED = "jms.embedded";

    public static final String HTTP_ENABLED = "http.enabled";
    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_TOKEN = "http.token";
    public static final String HTTP_MAX_BODY_SIZE = "http.max.body.size";
    public static final String HTTP_IDLE_TIMEOUT = "http.idle.timeout";

    public static final String DEMO_ENABLED = "demo.enabled";
}

package io.github.camelsmime.sample.routes;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;

import io.github.camelsmime.keys.RecipientDirectory;
import io.github.camelsmime.sample.GatewayBootstrap;
import io.github.camelsmime.sample.GatewaySettings;
import io.github.camelsmime.sample.support.FileUris;
import io.github.camelsmime.sample.support.GatewayNames;
import io.github.camelsmime.sample.support.PreservingMimeMessage;
import io.github.camelsmime.sample.support.RejectedOutput;
import io.github.camelsmime.sample.support.SmimeUris;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Outbound mail: every complete document in {@code mail.outbound.inbox} is signed by the gateway's signer, and
 * encrypted too when every recipient ({@code mail.outbound.to}) has a certificate usable now for encryption in
 * {@code smime.recipients.dir} (asked of the component's {@link RecipientDirectory}, as the component asks it);
 * then sent by SMTP exactly as produced. The document is moved to {@code mail.outbound.sent} once the SMTP server
 * accepted the message; a document that cannot be protected goes to {@code mail.outbound.failed} with a reason file.
 * An SMTP failure leaves the document in the folder, and the next poll tries again.
 */
public class OutboundMailRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "mail-outbound";
    public static final String TO = "mail.outbound.to";
    public static final String FROM = "mail.outbound.from";
    public static final String SENT = "mail.outbound.sent";
    public static final String FAILED = "mail.outbound.failed";

    @Override
    public void configure() throws Exception {
        GatewaySettings s = new GatewaySettings(getContext());
        if (!s.getBoolean(GatewaySettings.MAIL_ENABLED, true)) {
            return;
        }
        Path inbox = s.path("mail.outbound.inbox").toAbsolutePath();
        Path sent = s.path(SENT).toAbsolutePath();
        Path failed = s.path(FAILED).toAbsolutePath();
        String to = s.require(TO);
        List<String> toAddresses = Arrays.stream(InternetAddress.parse(to, false))
                .map(a -> a.getAddress().toLowerCase(Locale.ROOT)).toList();
        String from = s.find(FROM).orElseGet(() -> FileSignRoutes.signerAddress(s));
        RecipientDirectory recipients = getContext().getRegistry()
                .lookupByNameAndType(GatewayBootstrap.RECIPIENT_DIRECTORY, RecipientDirectory.class);
        SmimeUris uris = new SmimeUris(s);
        Session parsing = Session.getInstance(new Properties());

        from(FileUris.inbox(s, inbox, "move=RAW(" + sent + "/${date:now:yyyyMMdd-HHmmssSSS}-${file:name})"))
                .routeId(ROUTE_ID)
                .onException(io.github.camelsmime.SmimeException.class).handled(true).useOriginalMessage()
                    .logExhausted(false)
                    .process(new RejectedOutput(failed, ""))
                .end()
                // the safe name for the log lines (a file name may hold line breaks); the Subject is encoded by the
                // component's message assembly
                .process(e -> e.setProperty(GatewayNames.NAME, GatewayNames.of(e)))
                .setHeader("Subject", header(Exchange.FILE_NAME_ONLY))
                .setHeader("From", constant(from))
                .setHeader("To", constant(to))
                .removeHeaders("Cc|Bcc")
                .choice()
                    .when(e -> recipients.knowsAll(toAddresses))
                        .to(uris.signEncrypt(null, "raw"))
                        .setProperty("GatewayProtection", constant("signed and encrypted"))
                    .otherwise()
                        .to(uris.sign("raw"))
                        .setProperty("GatewayProtection", constant("signed (no certificate for every recipient)"))
                .end()
                .process(e -> e.getMessage().setBody(
                        new PreservingMimeMessage(parsing, e.getMessage().getMandatoryBody(java.io.InputStream.class))))
                .to(smtpUri(s))
                .log(LoggingLevel.INFO, "SENT ${exchangeProperty." + GatewayNames.NAME + "} to " + to + " by SMTP, ${exchangeProperty.GatewayProtection}"
                        + ", Message-ID ${header.CamelMailMessageId}");
    }

    static String smtpUri(GatewaySettings s) {
        String protocol = s.get(GatewaySettings.SMTP_PROTOCOL, "smtp");
        StringBuilder uri = new StringBuilder(protocol).append("://").append(s.require(GatewaySettings.SMTP_HOST))
                .append(':').append(s.getInt(GatewaySettings.SMTP_PORT, 3025))
                .append("?connectionTimeout=15000");
        s.find(GatewaySettings.SMTP_USERNAME).ifPresent(u -> uri.append("&username=RAW(").append(u).append(')'));
        s.find(GatewaySettings.SMTP_PASSWORD).ifPresent(p -> uri.append("&password=RAW(").append(p).append(')'));
        s.find("mail.smtp.options").ifPresent(o -> uri.append('&').append(o));
        return uri.toString();
    }
}

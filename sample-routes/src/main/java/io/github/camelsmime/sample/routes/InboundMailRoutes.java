package io.github.camelsmime.sample.routes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;

import io.github.camelsmime.SmimeLimitException;
import io.github.camelsmime.sample.GatewaySettings;
import io.github.camelsmime.sample.support.AtomicFiles;
import io.github.camelsmime.sample.support.GatewayNames;
import io.github.camelsmime.sample.support.RejectedOutput;
import io.github.camelsmime.sample.support.SmimeUris;
import io.github.camelsmime.sample.support.VerifiedOutput;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailMessage;

/**
 * Inbound mail: polls the IMAP mailbox, reads each message's exact bytes, unwraps it (decrypt, decompress, verify;
 * a signature that verifies and chains to {@code smime.trust.anchors} is required) and writes the content to
 * {@code mail.inbound.verified} with {@code NAME.verdict.json} (further MIME parts under {@code NAME.attachments/}); anything that fails goes to
 * {@code mail.inbound.rejected} as {@code NAME.eml} (the original bytes) with {@code NAME.reason.txt}. The mail is
 * deleted (or, with {@code mail.imap.delete=false}, flagged SEEN) on the server only when the exchange completed,
 * that is after one of the two was written; if writing fails the mail stays unseen and is fetched again. A mail
 * over {@code mail.inbound.max.size} (the size the server reports) is rejected before any of it is read, its
 * original streamed to the rejected folder.
 */
public class InboundMailRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "mail-inbound";
    public static final String VERIFIED = "mail.inbound.verified";
    public static final String REJECTED = "mail.inbound.rejected";
    /** Largest mail in bytes (as the server reports it); a larger one is rejected before any of it is read. */
    public static final String MAX_SIZE = "mail.inbound.max.size";

    @Override
    public void configure() throws Exception {
        GatewaySettings s = new GatewaySettings(getContext());
        if (!s.getBoolean(GatewaySettings.MAIL_ENABLED, true)) {
            return;
        }
        Path verified = s.path(VERIFIED).toAbsolutePath();
        Path rejected = s.path(REJECTED).toAbsolutePath();
        SmimeUris uris = new SmimeUris(s);
        long maxSize = s.getLong(MAX_SIZE, 25L * 1024 * 1024);

        from(imapUri(s)).routeId(ROUTE_ID)
                .onException(Exception.class).handled(true).useOriginalMessage().logExhausted(false)
                    .process(new RejectedOutput(rejected, ".eml"))
                .end()
                .process(e -> readRawMessage(e, maxSize))
                .to(uris.unwrap(true, false))
                .process(new VerifiedOutput(verified, false))
                .log(LoggingLevel.INFO, "VERDICT mail ${exchangeProperty.GatewayName}: "
                        + "${exchangeProperty.GatewayVerdictSummary}");
    }

    /**
     * Replaces the mail body by the message's exact bytes (headers and body as stored on the server), keeps them as
     * the original for the rejected folder, and names the results {@code SUBJECT-BASE.HASH.EXT}.
     */
    static void readRawMessage(Exchange exchange, long maxSize) throws Exception {
        Object body = exchange.getIn() instanceof MailMessage mm ? mm.getMessage() : exchange.getIn().getBody();
        byte[] raw;
        if (body instanceof Message mail) {
            try {
                // the server's size first (cheap), then the bytes themselves: a server may report the body only
                checkSize(mail.getSize(), maxSize);
                CappedBuffer out = new CappedBuffer(maxSize);
                mail.writeTo(out);
                raw = out.toByteArray();
            } catch (SmimeLimitException e) {
                // nothing of it is kept in memory, not even the header block: the rejected copy is streamed
                exchange.setProperty(GatewayNames.ORIGINAL, mail);
                exchange.setProperty(GatewayNames.NAME, "oversized." + exchange.getExchangeId());
                throw e;
            }
        } else {
            raw = exchange.getIn().getMandatoryBody(byte[].class);
        }
        String subject = new InternetHeaders(new ByteArrayInputStream(raw)).getHeader("Subject", null);
        exchange.setProperty(GatewayNames.ORIGINAL, raw);
        exchange.setProperty(GatewayNames.NAME, name(subject == null ? null : MimeUtility.decodeText(subject), raw));
        exchange.getMessage().setBody(raw);
    }

    private static void checkSize(long size, long maxSize) {
        if (size > maxSize) {
            throw new SmimeLimitException("The mail has more than " + maxSize + " bytes (" + MAX_SIZE + ")");
        }
    }

    /** A buffer that refuses to grow past the mail size limit. */
    private static final class CappedBuffer extends ByteArrayOutputStream {
        private final long max;

        CappedBuffer(long max) {
            this.max = max;
        }

        @Override
        public synchronized void write(int b) {
            checkSize(count + 1L, max);
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            checkSize((long) count + len, max);
            super.write(b, off, len);
        }
    }

    static String name(String subject, byte[] raw) throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)).substring(0, 10);
        String base = GatewayNames.safe(subject, "mail");
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) + "." + hash + base.substring(dot) : base + "." + hash;
    }

    static String imapUri(GatewaySettings s) {
        String protocol = s.get(GatewaySettings.IMAP_PROTOCOL, "imap");
        StringBuilder uri = new StringBuilder(protocol).append("://").append(s.require(GatewaySettings.IMAP_HOST))
                .append(':').append(s.getInt(GatewaySettings.IMAP_PORT, 3143))
                .append("?mapMailMessage=false&unseen=true&peek=true")
                .append("&delete=").append(s.getBoolean("mail.imap.delete", true))
                .append("&folderName=RAW(").append(s.get("mail.imap.folder", "INBOX")).append(')')
                .append("&delay=").append(s.getLong("mail.imap.delay", 2000))
                .append("&initialDelay=1000&maxMessagesPerPoll=20&connectionTimeout=15000");
        s.find(GatewaySettings.IMAP_USERNAME).ifPresent(u -> uri.append("&username=RAW(").append(u).append(')'));
        s.find(GatewaySettings.IMAP_PASSWORD).ifPresent(p -> uri.append("&password=RAW(").append(p).append(')'));
        s.find("mail.imap.options").ifPresent(o -> uri.append('&').append(o));
        return uri.toString();
    }
}

package io.github.camelsmime.sample.routes;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import io.github.camelsmime.keys.Certificates;
import io.github.camelsmime.keys.KeyLoader;
import io.github.camelsmime.keys.SignerKey;
import io.github.camelsmime.sample.GatewaySettings;
import io.github.camelsmime.sample.support.AtomicFiles;
import io.github.camelsmime.sample.support.FileUris;
import io.github.camelsmime.sample.support.GatewayNames;
import io.github.camelsmime.sample.support.RejectedOutput;
import io.github.camelsmime.sample.support.ResultFolder;
import io.github.camelsmime.sample.support.SmimeUris;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * File gateway, signing side: every complete file in {@code gateway.sign.inbox} is signed (and encrypted when
 * {@code gateway.sign.recipients} lists addresses) and written to {@code gateway.sign.outbox} as {@code NAME.eml}, a
 * complete S/MIME message (NAME made safe; {@code NAME-2.eml}, ... when taken: nothing is replaced) with From = the
 * signer certificate's address (or {@code gateway.sign.from}), To = the
 * recipients, Subject = the file name. A file that cannot be signed goes, unchanged, to {@code gateway.sign.failed}
 * with {@code NAME.reason.txt}. Files travel as {@code application/octet-stream} by default
 * ({@code gateway.sign.content.type}), so that the verifying side gives back the very same bytes. The inbox file is deleted only after one of the two was written.
 */
public class FileSignRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "file-sign";
    public static final String FAILED = "gateway.sign.failed";
    public static final String INPUT_FORMAT = "gateway.sign.input.format";
    public static final String CONTENT_TYPE = "gateway.sign.content.type";

    @Override
    public void configure() throws Exception {
        GatewaySettings s = new GatewaySettings(getContext());
        if (!s.getBoolean(GatewaySettings.FILE_ENABLED, true)) {
            return;
        }
        Path inbox = s.path(GatewaySettings.SIGN_INBOX).toAbsolutePath();
        Path outbox = s.path(GatewaySettings.SIGN_OUTBOX).toAbsolutePath();
        Path failed = s.path(FAILED).toAbsolutePath();
        List<String> recipients = s.list(GatewaySettings.SIGN_RECIPIENTS);
        String from = s.find(GatewaySettings.SIGN_FROM).orElseGet(() -> signerAddress(s));
        String inputFormat = s.get(INPUT_FORMAT, "raw");
        // application/octet-stream (default): base64, byte-exact round trip; auto: the type follows the file
        // extension, and text types travel in canonical CRLF form as RFC 8551 requires
        String contentType = s.get(CONTENT_TYPE, "application/octet-stream");
        SmimeUris uris = new SmimeUris(s);
        String protect = recipients.isEmpty() ? uris.sign(inputFormat)
                : uris.signEncrypt(String.join(",", recipients), inputFormat);

        from(FileUris.inbox(s, inbox)).routeId(ROUTE_ID)
                .onException(Exception.class).handled(true).useOriginalMessage().logExhausted(false)
                    .process(new RejectedOutput(failed, ""))
                .end()
                .setHeader("Subject", header(Exchange.FILE_NAME_ONLY))
                .setHeader("From", constant(from))
                .removeHeaders("To|Cc|Bcc")
                .process(e -> {
                    if ("auto".equalsIgnoreCase(contentType)) {
                        e.getMessage().removeHeader(Exchange.CONTENT_TYPE);
                    } else {
                        e.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
                    }
                    if (!recipients.isEmpty()) {
                        e.getMessage().setHeader("To", String.join(", ", recipients));
                    }
                })
                .to(protect)
                .process(e -> writeNew(e, outbox))
                .log(LoggingLevel.INFO, "SIGNED ${exchangeProperty." + GatewayNames.NAME + "} -> " + outbox
                        + (recipients.isEmpty() ? " (signed)" : " (signed, encrypted to " + recipients + ")"));
    }

    /**
     * Writes the message as {@code SAFE-NAME.eml}, or {@code SAFE-NAME-2.eml}, ... when that exists: a file never
     * replaces an earlier result (two inputs can have the same safe name, or the same name one after the other).
     */
    static void writeNew(Exchange exchange, Path outbox) throws Exception {
        String name = GatewayNames.safe(exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class),
                "file") + ".eml";
        try (InputStream in = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            Path written = AtomicFiles.create(outbox, ResultFolder.candidates(name),
                    tmp -> Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING));
            exchange.setProperty(GatewayNames.NAME, written.getFileName().toString());
        }
    }

    static String signerAddress(GatewaySettings s) {
        Path keystore = s.path(GatewaySettings.SIGNER_KEYSTORE);
        String password = s.get(GatewaySettings.SIGNER_PASSWORD, "");
        try (InputStream in = Files.newInputStream(keystore)) {
            SignerKey signer = KeyLoader.signerFrom(KeyLoader.loadKeyStore(in, keystore.toString(), password),
                    s.find(GatewaySettings.SIGNER_ALIAS).orElse(null), password, keystore.toString());
            return Certificates.emailAddresses(signer.certificate()).stream().findFirst().orElse(null);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the signer's e-mail address (set gateway.sign.from): "
                    + e.getMessage(), e);
        }
    }
}

package io.github.camelsmime;

import java.io.ByteArrayInputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Header values built from input (the file name, the Subject/From/To/Cc headers of the exchange) cannot add header
 * lines to the message, nor end its header block early: they are encoded (RFC 2047, RFC 2231) or refused.
 */
class HeaderInjectionTest extends SmimeTestSupport {

    private static final String SIGN = "smime:sign?" + signer("alice") + "&inputFormat=raw";

    private Exchange sign(String body, Map<String, Object> headers) {
        Exchange exchange = template.request(SIGN, e -> {
            e.getMessage().setBody(bytes(body));
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });
        return exchange;
    }

    private static MimeMessage parse(String wire) throws Exception {
        return new MimeMessage(null, new ByteArrayInputStream(bytes(wire)));
    }

    private static List<String> headerNames(MimeMessage m) throws Exception {
        return Collections.list(m.getAllHeaders()).stream().map(Header::getName).toList();
    }

    @Test
    void aFileNameWithLineBreaksAddsNoHeaderLine() throws Exception {
        String name = "report.txt\r\nBcc: eve@evil.example\r\nX-Injected: yes";
        Exchange signed = sign("quarterly figures", Map.of(Exchange.FILE_NAME, name, "From", "alice@example.com",
                "To", "bob@example.com"));
        assertThat(signed.getException()).isNull();
        String wire = bodyOf(signed);
        assertThat(wire).doesNotContain("\nBcc:").doesNotContain("\nX-Injected");
        MimeMessage m = parse(wire);
        assertThat(m.getRecipients(RecipientType.BCC)).isNull();
        assertThat(headerNames(m)).doesNotContain("Bcc", "X-Injected");
        BodyPart content = ((MimeMultipart) m.getContent()).getBodyPart(0);
        assertThat(Collections.list(content.getAllHeaders()).stream().map(Header::getName).toList())
                .containsOnly("Content-Type", "Content-Transfer-Encoding", "Content-Disposition");
        // the name survives, encoded (RFC 2231), and decodes to what was given
        assertThat(content.getFileName()).isEqualTo(name);
        assertThat(content.getInputStream().readAllBytes()).isEqualTo(bytes("quarterly figures"));

        Exchange verified = send("smime:verify?" + trust(), wire);
        assertThat(verified.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
    }

    @Test
    void aSubjectEndingInBlankLinesCannotEndTheHeaderBlock() throws Exception {
        String subject = "Invoice\r\n\r\nThis unsigned text comes first.\r\n\r\n";
        String wire = bodyOf(sign("the signed text", Map.of("Subject", subject, "From", "alice@example.com",
                "To", "bob@example.com", Exchange.CONTENT_TYPE, "text/plain")));
        MimeMessage m = parse(wire);
        assertThat(m.getSubject()).isEqualTo(subject);
        assertThat(m.getContentType()).startsWith("multipart/signed");
        assertThat(headerNames(m)).containsOnlyOnce("Subject", "Content-Type", "From", "To");
        assertThat(wire.substring(0, wire.indexOf("\r\n\r\n"))).doesNotContain("unsigned text");
        Exchange verified = send("smime:verify?" + trust(), wire);
        assertThat(bodyOf(verified)).contains("the signed text").doesNotContain("This unsigned text");
    }

    @Test
    void aSubjectWithALineBreakAndAHeaderStaysOneSubject() throws Exception {
        String wire = bodyOf(sign("x", Map.of("Subject", "Hi\nBcc: eve@evil.example", "From", "alice@example.com")));
        MimeMessage m = parse(wire);
        assertThat(m.getRecipients(RecipientType.BCC)).isNull();
        assertThat(m.getSubject()).isEqualTo("Hi\nBcc: eve@evil.example");
    }

    @Test
    void anAddressWithALineBreakIsRefused() {
        for (String header : new String[] { "From", "To", "Cc" }) {
            Exchange failed = sign("x", Map.of(header, "bob@example.com\r\nBcc: eve@evil.example"));
            assertThat(failed.getException()).as(header).isInstanceOf(SmimeFormatException.class)
                    .hasMessageContaining(header);
            // the original stays the body for the error handler
            assertThat(failed.getMessage().getBody(String.class)).isEqualTo("x");
        }
        // a folded (continued) value is still one header line, and fine
        assertThat(sign("x", Map.of("To", "bob@example.com,\r\n carol@example.com")).getException()).isNull();
    }

    @Test
    void anAttachmentNameWithLineBreaksAddsNoHeaderLine() throws Exception {
        Exchange signed = template.request(SIGN, e -> {
            e.getMessage().setBody(bytes("main"));
            e.getMessage().setHeader("From", "alice@example.com");
            e.getMessage(org.apache.camel.attachment.AttachmentMessage.class).addAttachment(
                    "a.txt\r\nBcc: eve@evil.example", new jakarta.activation.DataHandler(
                            new jakarta.mail.util.ByteArrayDataSource(bytes("att"), "text/plain")));
        });
        assertThat(signed.getException()).isNull();
        String wire = bodyOf(signed);
        assertThat(wire).doesNotContain("\nBcc:");
        MimeMessage m = parse(wire);
        MimeMultipart mixed = (MimeMultipart) ((BodyPart) ((MimeMultipart) m.getContent()).getBodyPart(0))
                .getContent();
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("a.txt\r\nBcc: eve@evil.example");
    }
}

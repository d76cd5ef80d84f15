package io.github.camelsmime;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body whose type is declared is what the declaration says: a {@code text/plain} payload that starts with
 * header-like lines stays a payload, signed as a whole. Only a body declared as MIME ({@code message/rfc822}, a
 * multipart type, {@code inputFormat=mime}) or not declared at all is read as a header block and a body.
 */
class DeclaredPayloadTest extends SmimeTestSupport {

    private static final String SIGN = "smime:sign?" + signer("alice");
    private static final String LOOKS_LIKE_HEADERS = "To: eve@evil.example\r\nSubject: pay eve\r\n\r\n"
            + "Please transfer the money.\r\n";

    private String sign(String body, String contentType, String uri) {
        Map<String, Object> headers = new HashMap<>(Map.of("From", "alice@example.com", "To", "bob@example.com"));
        if (contentType != null) {
            headers.put(Exchange.CONTENT_TYPE, contentType);
        }
        Exchange exchange = template.request(uri, e -> {
            e.getMessage().setBody(bytes(body));
            e.getMessage().setHeaders(headers);
        });
        assertThat(exchange.getException()).isNull();
        return bodyOf(exchange);
    }

    private static MimeMessage parse(String wire) throws Exception {
        return new MimeMessage(null, new ByteArrayInputStream(bytes(wire)));
    }

    @Test
    void aDeclaredTextPayloadIsSignedAsAWholeEvenWhenItLooksLikeHeaders() throws Exception {
        String wire = sign(LOOKS_LIKE_HEADERS, "text/plain; charset=us-ascii", SIGN);
        MimeMessage m = parse(wire);
        // the outer, unsigned headers are the exchange's, not lines of the payload
        assertThat(m.getHeader("To", ",")).isEqualTo("bob@example.com");
        assertThat(m.getSubject()).isNull();
        Exchange verified = send("smime:verify?" + trust(), wire);
        assertThat(verified.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        // the verified content has every line of the payload
        assertThat(textOf(bodyOf(verified))).isEqualTo(LOOKS_LIKE_HEADERS);
    }

    @Test
    void anUndeclaredBodyWithAHeaderBlockIsReadAsAMessage() throws Exception {
        MimeMessage m = parse(sign(LOOKS_LIKE_HEADERS, null, SIGN));
        assertThat(m.getHeader("To", ",")).isEqualTo("eve@evil.example");
        assertThat(m.getSubject()).isEqualTo("pay eve");
    }

    @Test
    void aBodyDeclaredAsAMessageIsReadAsOne() throws Exception {
        MimeMessage m = parse(sign(LOOKS_LIKE_HEADERS, "message/rfc822", SIGN));
        assertThat(m.getSubject()).isEqualTo("pay eve");
        // and inputFormat=mime forces it whatever is declared
        m = parse(sign(LOOKS_LIKE_HEADERS, "text/plain", SIGN + "&inputFormat=mime"));
        assertThat(m.getSubject()).isEqualTo("pay eve");
    }

    @Test
    void aDeclaredMultipartIsAnEntityWithOrWithoutItsHeaderBlock() throws Exception {
        String parts = "--b1\r\nContent-Type: text/plain\r\n\r\none\r\n--b1\r\nContent-Type: text/plain\r\n\r\ntwo\r\n"
                + "--b1--\r\n";
        // the multipart body alone, as an HTTP client posts it: the declared type is its header
        Exchange verified = send("smime:verify?" + trust(), sign(parts, "multipart/mixed; boundary=b1", SIGN));
        MimeMessage opened = parse(bodyOf(verified));
        assertThat(opened.getContentType()).startsWith("multipart/mixed");
        MimeMultipart multipart = (MimeMultipart) opened.getContent();
        assertThat(multipart.getCount()).isEqualTo(2);
        assertThat(multipart.getBodyPart(1).getContent()).isEqualTo("two");
        // a complete entity declared as multipart
        String entity = "Content-Type: multipart/mixed; boundary=b1\r\n\r\n" + parts;
        opened = parse(bodyOf(send("smime:verify?" + trust(), sign(entity, "multipart/mixed; boundary=b1", SIGN))));
        assertThat(((MimeMultipart) opened.getContent()).getCount()).isEqualTo(2);
    }
}

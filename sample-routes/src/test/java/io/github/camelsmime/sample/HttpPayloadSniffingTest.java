package io.github.camelsmime.sample;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelsmime.sample.HttpApi.bytes;
import static io.github.camelsmime.sample.HttpApi.text;
import static org.assertj.core.api.Assertions.assertThat;

/** A payload declared as such is signed as it is: lines that look like headers are never lifted out of it. */
class HttpPayloadSniffingTest {

    private static final String LOOKS_LIKE_A_MESSAGE = "To: eve@evil.example\r\nSubject: pay now\r\n\r\n"
            + "Please transfer the money.\r\n";

    @RegisterExtension
    static final HttpApi api = new HttpApi(Map.of());

    @Test
    void textPlainThatLooksLikeHeadersStaysThePayload() throws Exception {
        HttpResponse<byte[]> signed = api.post("/smime/sign?to=bob%40example.com", "text/plain",
                bytes(LOOKS_LIKE_A_MESSAGE));
        MimeMessage message = HttpApi.message(signed);
        assertThat(message.getHeader("To")).containsExactly("bob@example.com");
        assertThat(message.getSubject()).isNull();

        HttpResponse<byte[]> verified = api.post("/smime/verify", "message/rfc822", signed.body());
        assertThat(verified.statusCode()).as(text(verified)).isEqualTo(200);
        assertThat(text(verified)).contains("To: eve@evil.example\r\nSubject: pay now\r\n")
                .containsIgnoringCase("Content-Type: text/plain");
    }

    @Test
    void aQueryParameterCannotRedeclareThePayloadAsAMessage() throws Exception {
        HttpResponse<byte[]> signed = api.post("/smime/sign?Content-Type="
                + URLEncoder.encode("message/rfc822", StandardCharsets.UTF_8), "text/plain",
                bytes(LOOKS_LIKE_A_MESSAGE));
        MimeMessage message = HttpApi.message(signed);
        assertThat(message.getHeader("To")).isNull();
        assertThat(message.getSubject()).isNull();
        HttpResponse<byte[]> verified = api.post("/smime/verify", "message/rfc822", signed.body());
        assertThat(text(verified)).contains("To: eve@evil.example\r\nSubject: pay now\r\n");
    }

    @Test
    void aDeclaredMessageIsStillAMessage() throws Exception {
        HttpResponse<byte[]> signed = api.post("/smime/sign", "message/rfc822", bytes(
                "From: alice@example.com\r\nTo: bob@example.com\r\nSubject: report\r\n"
                        + "Content-Type: text/plain\r\n\r\nThe report.\r\n"));
        MimeMessage message = HttpApi.message(signed);
        assertThat(message.getHeader("To")).containsExactly("bob@example.com");
        assertThat(message.getSubject()).isEqualTo("report");
        HttpResponse<byte[]> verified = api.post("/smime/verify", "message/rfc822", signed.body());
        assertThat(text(verified)).contains("The report.");
    }

    @Test
    void anUndeclaredBodyIsAPayloadToo() throws Exception {
        HttpResponse<byte[]> signed = api.post("/smime/sign?to=bob%40example.com", null,
                bytes(LOOKS_LIKE_A_MESSAGE));
        assertThat(HttpApi.message(signed).getHeader("To")).containsExactly("bob@example.com");
        HttpResponse<byte[]> verified = api.post("/smime/verify", "message/rfc822", signed.body());
        assertThat(verified.statusCode()).as(text(verified)).isEqualTo(200);
        assertThat(verified.headers().firstValue("X-Smime-Trusted")).hasValue("true");
        // an opaque payload travels base64: decoded, the header-like lines are content
        MimeMessage content = HttpApi.message(verified);
        assertThat(new String(content.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(LOOKS_LIKE_A_MESSAGE);
    }

    @Test
    void aDeclaredMultipartIsSignedAsThatMultipart() throws Exception {
        String multipart = "--b1\r\nContent-Type: text/plain\r\n\r\npart one\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\npart two\r\n--b1--\r\n";
        HttpResponse<byte[]> signed = api.post("/smime/sign", "multipart/mixed; boundary=b1", bytes(multipart));
        assertThat(signed.statusCode()).as(text(signed)).isEqualTo(200);
        HttpResponse<byte[]> verified = api.post("/smime/verify", "message/rfc822", signed.body());
        MimeMessage content = HttpApi.message(verified);
        assertThat(content.getContentType()).startsWith("multipart/mixed");
        assertThat(((jakarta.mail.internet.MimeMultipart) content.getContent()).getCount()).isEqualTo(2);
        assertThat(text(verified)).contains("part one").contains("part two");
    }
}

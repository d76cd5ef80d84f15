package io.github.camelsmime.sample;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.mail.Header;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelsmime.sample.HttpApi.bytes;
import static io.github.camelsmime.sample.HttpApi.problem;
import static io.github.camelsmime.sample.HttpApi.text;
import static org.assertj.core.api.Assertions.assertThat;

/** The to, cc, from and subject parameters of sign and encrypt cannot add header lines or end the header block. */
class HttpHeaderInjectionTest {

    private static final String CONTENT = "The real, signed content.\r\n";

    @RegisterExtension
    static final HttpApi api = new HttpApi(Map.of());

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> headerNames(MimeMessage message) throws Exception {
        List<String> names = new ArrayList<>();
        for (Header h : Collections.list(message.getAllHeaders())) {
            names.add(h.getName().toLowerCase());
        }
        Collections.sort(names);
        return names;
    }

    @Test
    void lineBreaksInParametersAreRefusedWith400() throws Exception {
        String[] injections = {
            "sign?subject=" + q("hello\r\nBcc: eve@evil.example"),
            "sign?subject=" + q("hello\nBcc: eve@evil.example"),
            "sign?subject=" + q("hello\rBcc: eve@evil.example"),
            "sign?to=" + q("bob@example.com\r\nBcc: eve@evil.example"),
            "sign?from=" + q("alice@example.com\r\nReply-To: eve@evil.example"),
            "sign?cc=" + q("bob@example.com\r\nX-Injected: yes"),
            "encrypt?to=" + q("bob@example.com\r\nBcc: eve@evil.example"),
            "encrypt?to=bob%40example.com&subject=" + q("x\r\nBcc: eve@evil.example"),
            "sign?subject=" + q("hello\u0000world"),
        };
        for (String injection : injections) {
            HttpResponse<byte[]> r = api.post("/smime/" + injection, "text/plain", bytes(CONTENT));
            assertThat(problem(r, 400).getString("detail")).as(injection).isNotBlank();
        }
    }

    @Test
    void aSubjectEndingInABlankLineCannotPutAnUnsignedBodyFirst() throws Exception {
        HttpResponse<byte[]> r = api.post("/smime/sign?to=bob%40example.com&subject="
                + q("invoice\r\n\r\nUnsigned text chosen by the attacker\r\n"), "text/plain", bytes(CONTENT));
        problem(r, 400);
        assertThat(text(r)).doesNotContain("chosen by the attacker");
    }

    @Test
    void theSignedResultHasExactlyTheExpectedHeaderFields() throws Exception {
        MimeMessage plain = HttpApi.message(api.post("/smime/sign?to=bob%40example.com&subject=invoice",
                "text/plain", bytes(CONTENT)));
        String subject = "Grüße: Rechnung Nr. 7 – bitte prüfen";
        HttpResponse<byte[]> r = api.post("/smime/sign?to=bob%40example.com&subject=" + q(subject), "text/plain",
                bytes(CONTENT));
        MimeMessage accented = HttpApi.message(r);
        assertThat(headerNames(accented)).isEqualTo(headerNames(plain)).doesNotContain("bcc");
        assertThat(accented.getSubject()).isEqualTo(subject);
        assertThat(accented.getHeader("To")).containsExactly("bob@example.com");
        // the header block is 7-bit: the subject travels encoded (RFC 2047)
        String head = text(r).substring(0, text(r).indexOf("\r\n\r\n"));
        assertThat(head.chars()).allMatch(c -> c < 128);

        HttpResponse<byte[]> verified = api.post("/smime/verify", "message/rfc822", r.body());
        assertThat(verified.statusCode()).as(text(verified)).isEqualTo(200);
        assertThat(text(verified)).contains("The real, signed content.");
    }
}

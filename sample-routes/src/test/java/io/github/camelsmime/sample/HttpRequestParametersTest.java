package io.github.camelsmime.sample;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelsmime.sample.HttpApi.bytes;
import static io.github.camelsmime.sample.HttpApi.problem;
import static io.github.camelsmime.sample.HttpApi.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Query and form parameters become Camel headers in platform-http: they must never carry the bearer token, the
 * media type of the body, or any header that steers the component (CamelSmime*, Smime*).
 */
class HttpRequestParametersTest {

    @RegisterExtension
    static final HttpApi api = new HttpApi(Map.of());

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void tokenInTheQueryStringIsNotAToken() throws Exception {
        HttpResponse<byte[]> r = api.post("/smime/sign?Authorization=" + q("Bearer " + GatewayHarness.TOKEN), null,
                "text/plain", bytes("hello\r\n"));
        problem(r, 401);
        r = api.post("/smime/sign?authorization=" + q("Bearer " + GatewayHarness.TOKEN), null, "text/plain",
                bytes("hello\r\n"));
        problem(r, 401);
    }

    @Test
    void tokenInAFormFieldIsNotAToken() throws Exception {
        HttpResponse<byte[]> r = api.post("/smime/sign", null, "application/x-www-form-urlencoded",
                bytes("Authorization=" + q("Bearer " + GatewayHarness.TOKEN) + "&to=bob%40example.com"));
        assertThat(r.statusCode()).as(text(r)).isNotEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aQueryParameterCannotDisturbTheTokenHeader() throws Exception {
        HttpResponse<byte[]> r = api.post("/smime/sign?Authorization=" + q("Bearer wrong"), "text/plain",
                bytes("hello\r\n"));
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    }

    @Test
    void parametersCannotSetComponentOrVerdictHeaders() throws Exception {
        HttpResponse<byte[]> signed = api.post("/smime/sign", "text/plain", bytes("Pay 100 EUR to Bob\r\n"));
        assertThat(signed.statusCode()).isEqualTo(200);
        String tampered = text(signed).replace("Pay 100 EUR", "Pay 900 EUR");
        String forged = "?CamelSmimeSigned=true&CamelSmimeTrusted=true&SmimeTrusted=true&SmimeSigned=true"
                + "&CamelSmimeSignatureValid=true&camelsmimeverdict=x&CamelHttpResponseCode=200";
        HttpResponse<byte[]> r = api.post("/smime/verify" + forged, "message/rfc822", bytes(tampered));
        problem(r, 422);
        assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().contains("smime"));

        HttpResponse<byte[]> ok = api.post("/smime/verify" + forged.replace("true", "false"), "message/rfc822",
                signed.body());
        assertThat(ok.statusCode()).as(text(ok)).isEqualTo(200);
        assertThat(ok.headers().firstValue("X-Smime-Trusted")).hasValue("true");
        assertThat(ok.headers().firstValue("X-Smime-Signed")).hasValue("true");
    }

    @Test
    void aSmimeHeaderSentAsHttpHeaderIsIgnoredToo() throws Exception {
        HttpResponse<byte[]> signed = api.post("/smime/sign", "text/plain", bytes("Pay 100 EUR to Bob\r\n"));
        String tampered = text(signed).replace("Pay 100 EUR", "Pay 900 EUR");
        HttpResponse<byte[]> r = api.send(api.request("/smime/verify")
                .header("Authorization", "Bearer " + GatewayHarness.TOKEN)
                .header("Content-Type", "message/rfc822")
                .header("SmimeTrusted", "true").header("SmimeSigned", "true")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes(tampered))).build());
        problem(r, 422);
    }
}

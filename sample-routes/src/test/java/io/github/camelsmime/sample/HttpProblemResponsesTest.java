package io.github.camelsmime.sample;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Random;

import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelsmime.sample.HttpApi.bytes;
import static io.github.camelsmime.sample.HttpApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error of the HTTP API is an RFC 9457 {@code application/problem+json}, whoever produces it (the routes, the
 * HTTP server, the router), and no request makes the gateway log a stack trace.
 */
class HttpProblemResponsesTest {

    private static final int LIMIT = 64 * 1024;

    @RegisterExtension
    static final HttpApi api = new HttpApi(Map.of("http.max.body.size", String.valueOf(LIMIT)));
    static LogCapture log;

    @BeforeAll
    static void captureTheLog() {
        log = new LogCapture();
    }

    @AfterAll
    static void stopCapturing() {
        log.close();
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(42).nextBytes(b);
        return b;
    }

    @Test
    void methodNotAllowedNamesTheAllowedMethod() throws Exception {
        for (String method : new String[] {"GET", "PUT", "DELETE"}) {
            HttpResponse<byte[]> r = api.send(api.request("/smime/sign")
                    .header("Authorization", "Bearer " + GatewayHarness.TOKEN)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes("x"))).build());
            problem(r, 405);
            assertThat(r.headers().firstValue("Allow")).as(method).hasValue("POST");
        }
    }

    @Test
    void unknownPathIs404() throws Exception {
        problem(api.post("/smime/nothing-here", "text/plain", bytes("x")), 404);
        problem(api.send(api.request("/").header("Authorization", "Bearer " + GatewayHarness.TOKEN).GET().build()),
                404);
        problem(api.send(api.request("/").GET().build()), 401);
    }

    @Test
    void bodyOverTheLimitIs413ProblemJson() throws Exception {
        JsonObject p = problem(api.post("/smime/sign", "text/plain", new byte[LIMIT + 1]), 413);
        assertThat(p.getString("detail")).contains(String.valueOf(LIMIT));
    }

    @Test
    void formEncodedBodyIsAProblem() throws Exception {
        HttpResponse<byte[]> r = api.post("/smime/sign", "application/x-www-form-urlencoded",
                bytes("to=bob%40example.com&text=hello"));
        JsonObject p = problem(r, 415);
        assertThat(p.getString("detail")).contains("Content-Type");
        problem(api.post("/smime/verify", "multipart/form-data; boundary=x",
                bytes("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n")), 415);
    }

    @Test
    void randomBytesAreMalformedNotAFailedCheck() throws Exception {
        for (String op : new String[] {"verify", "decrypt"}) {
            for (String type : new String[] {"message/rfc822", "application/octet-stream"}) {
                JsonObject p = problem(api.post("/smime/" + op, type, random(4096)), 400);
                assertThat(p.getString("reason")).as(op + " " + type).isEqualTo("malformed");
            }
        }
    }

    @Test
    void oversizedRequestHeadIsAProblem() throws Exception {
        String answer = api.raw("POST /smime/sign HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(64 * 1024));
        assertThat(answer).startsWith("HTTP/1.1 431").containsIgnoringCase("content-type: application/problem+json");
    }

    @Test
    void aQueryThatCannotBeDecodedIs400() throws Exception {
        String answer = api.raw("POST /smime/sign?subject=%zz% HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + GatewayHarness.TOKEN + "\r\nContent-Type: text/plain");
        assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                .contains("\"status\":400");
    }

    @Test
    void noRequestLogsAStackTrace() throws Exception {
        String signed = HttpApi.text(api.post("/smime/sign", "text/plain", bytes("Pay 100 EUR\r\n")));
        api.post("/smime/verify", "message/rfc822", bytes(signed.replace("100", "900")));
        api.post("/smime/verify", "message/rfc822", random(3000));
        api.post("/smime/decrypt", "message/rfc822", random(3000));
        api.post("/smime/decrypt", "message/rfc822", bytes("Content-Type: application/pkcs7-mime; "
                + "smime-type=enveloped-data\r\nContent-Transfer-Encoding: base64\r\n\r\nTm90IENNUw==\r\n"));
        api.post("/smime/encrypt?to=nobody%40example.com", "text/plain", bytes("x"));
        api.post("/smime/sign", "application/x-www-form-urlencoded", bytes("a=b"));
        api.post("/smime/sign", "text/plain", new byte[LIMIT * 2]);
        api.post("/smime/sign", null, "text/plain", bytes("x"));
        api.post("/smime/sign", "text/plain", new byte[0]);
        api.send(api.request("/smime/sign").GET().build());
        api.post("/nowhere", "text/plain", bytes("x"));
        api.raw("POST /smime/sign?to=%zz HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + GatewayHarness.TOKEN);
        assertThat(log.stackTraces()).isEmpty();
    }
}

package io.github.camelsmime.sample;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.camelsmime.sample.HttpApi.bytes;
import static io.github.camelsmime.sample.HttpApi.text;
import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP service over a real socket: auth, error codes, sign/verify and encrypt/decrypt round trips. */
class HttpRoutesTest {

    private static final int LIMIT = 64 * 1024;

    @RegisterExtension
    static final HttpApi api = new HttpApi(Map.of("http.max.body.size", String.valueOf(LIMIT)));

    private static HttpResponse<byte[]> post(String path, String token, String contentType, byte[] body)
            throws Exception {
        return api.post(path, token, contentType, body);
    }

    @Test
    void withoutTokenIs401() throws Exception {
        HttpResponse<byte[]> r = post("/smime/sign", null, "text/plain", bytes("hello"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(text(r)).contains("\"status\":401");
    }

    @Test
    void wrongTokenIs401OnEveryOperation() throws Exception {
        for (String op : new String[] {"sign", "encrypt", "verify", "decrypt"}) {
            HttpResponse<byte[]> r = post("/smime/" + op, "wrong-" + GatewayHarness.TOKEN, "text/plain",
                    bytes("hello"));
            assertThat(r.statusCode()).as(op).isEqualTo(401);
        }
    }

    @Test
    void emptyBodyIs400() throws Exception {
        HttpResponse<byte[]> r = post("/smime/sign", GatewayHarness.TOKEN, "text/plain", new byte[0]);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void malformedInputIs400() throws Exception {
        // a multipart/signed without parts, and an enveloped-data whose CMS is garbage
        HttpResponse<byte[]> r = post("/smime/verify", GatewayHarness.TOKEN, "message/rfc822",
                bytes("Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256;"
                        + " boundary=\"b1\"\r\n\r\nno parts at all\r\n"));
        assertThat(r.statusCode()).as(text(r)).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(text(r)).contains("\"status\":400");

        r = post("/smime/decrypt", GatewayHarness.TOKEN, "message/rfc822",
                bytes("Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\nTm90IENNUyBhdCBhbGwh\r\n"));
        assertThat(r.statusCode()).as(text(r)).isEqualTo(400);
    }

    @Test
    void overTheLimitIs413() throws Exception {
        byte[] big = new byte[LIMIT + 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        HttpResponse<byte[]> r = post("/smime/sign", GatewayHarness.TOKEN, "text/plain", big);
        assertThat(r.statusCode()).isEqualTo(413);
        // without the token, the body is not read at all
        assertThat(post("/smime/verify", null, "message/rfc822", big).statusCode()).isEqualTo(401);
    }

    @Test
    void getIsNotAllowed() throws Exception {
        HttpResponse<byte[]> r = api.send(api.request("/smime/sign")
                .header("Authorization", "Bearer " + GatewayHarness.TOKEN).GET().build());
        assertThat(r.statusCode()).isEqualTo(405);
    }

    @Test
    void signThenVerify() throws Exception {
        String content = "Hello Bob,\r\nthe numbers are attached.\r\n";
        HttpResponse<byte[]> signed = post("/smime/sign?to=bob@example.com&subject=numbers", GatewayHarness.TOKEN,
                "text/plain", bytes(content));
        assertThat(signed.statusCode()).as(text(signed)).isEqualTo(200);
        assertThat(signed.headers().firstValue("Content-Type")).hasValue("message/rfc822");
        assertThat(signed.headers().firstValue("Authorization")).isEmpty();
        String message = text(signed);
        assertThat(message).containsIgnoringCase("multipart/signed").contains("alice@example.com");

        HttpResponse<byte[]> verified = post("/smime/verify", GatewayHarness.TOKEN, "message/rfc822",
                signed.body());
        assertThat(verified.statusCode()).as(text(verified)).isEqualTo(200);
        assertThat(verified.headers().firstValue("X-Smime-Signed")).hasValue("true");
        assertThat(verified.headers().firstValue("X-Smime-Signature-Valid")).hasValue("true");
        assertThat(verified.headers().firstValue("X-Smime-Trusted")).hasValue("true");
        assertThat(text(verified)).contains("the numbers are attached.");
    }

    @Test
    void tamperedSignatureIs422ProblemJson() throws Exception {
        HttpResponse<byte[]> signed = post("/smime/sign", GatewayHarness.TOKEN, "text/plain",
                bytes("Pay 100 EUR to Bob\r\n"));
        assertThat(signed.statusCode()).isEqualTo(200);
        String tampered = text(signed).replace("Pay 100 EUR", "Pay 900 EUR");
        assertThat(tampered).isNotEqualTo(text(signed));

        HttpResponse<byte[]> r = post("/smime/verify", GatewayHarness.TOKEN, "message/rfc822", bytes(tampered));
        assertThat(r.statusCode()).as(text(r)).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(text(r)).contains("\"type\":").contains("\"title\":").contains("\"status\":422")
                .contains("\"detail\":").contains("signature-invalid");
    }

    @Test
    void encryptThenDecrypt() throws Exception {
        HttpResponse<byte[]> encrypted = post("/smime/encrypt?to=bob@example.com", GatewayHarness.TOKEN,
                "text/plain", bytes("for Bob's eyes only\r\n"));
        assertThat(encrypted.statusCode()).as(text(encrypted)).isEqualTo(200);
        assertThat(text(encrypted)).containsIgnoringCase("application/pkcs7-mime").doesNotContain("for Bob's eyes");

        HttpResponse<byte[]> decrypted = post("/smime/decrypt", GatewayHarness.TOKEN, "message/rfc822",
                encrypted.body());
        assertThat(decrypted.statusCode()).as(text(decrypted)).isEqualTo(200);
        assertThat(decrypted.headers().firstValue("X-Smime-Encrypted")).hasValue("true");
        assertThat(text(decrypted)).contains("for Bob's eyes only");
    }

    @Test
    void encryptWithoutRecipientIs400() throws Exception {
        HttpResponse<byte[]> r = post("/smime/encrypt", GatewayHarness.TOKEN, "text/plain", bytes("x"));
        assertThat(r.statusCode()).isEqualTo(400);
    }

    @Test
    void encryptToARecipientWithoutCertificateIs400() throws Exception {
        HttpResponse<byte[]> r = post("/smime/encrypt?to=carol@example.com", GatewayHarness.TOKEN, "text/plain",
                bytes("for Carol\r\n"));
        assertThat(r.statusCode()).as(text(r)).isEqualTo(400);
        assertThat(text(r)).contains("carol@example.com");
    }

    @Test
    void decryptWithWrongKeyIs422() throws Exception {
        // encrypted to alice only: the gateway decrypts with bob's key
        HttpResponse<byte[]> encrypted = post("/smime/encrypt?to=alice@example.com", GatewayHarness.TOKEN,
                "text/plain", bytes("for Alice\r\n"));
        assertThat(encrypted.statusCode()).as(text(encrypted)).isEqualTo(200);
        HttpResponse<byte[]> r = post("/smime/decrypt", GatewayHarness.TOKEN, "message/rfc822", encrypted.body());
        assertThat(r.statusCode()).as(text(r)).isEqualTo(422);
        assertThat(text(r)).contains("decryption-failed");
    }
}

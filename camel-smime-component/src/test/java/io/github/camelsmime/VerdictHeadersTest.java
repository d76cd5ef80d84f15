package io.github.camelsmime;

import java.util.Map;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import io.github.camelsmime.SpoofKit.Signer;

import static io.github.camelsmime.SpoofKit.cert;
import static io.github.camelsmime.SpoofKit.pki;
import static io.github.camelsmime.SpoofKit.signedMessage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdict as headers: incoming headers that imitate ours are removed before processing, and the
 * {@code Authentication-Results} value (RFC 8601, RFC 7281) says exactly what was proven.
 */
class VerdictHeadersTest extends SmimeTestSupport {

    private static final String AUTHSERV = "&authservId=mx.test.example";
    private static final String UNWRAP = "smime:unwrap?requireSigned=false&" + trust() + AUTHSERV;
    private static final Signer ALICE = pki("alice");
    private static final String FORGED = "mx.test.example; smime=pass body.smime-identifier=ceo@corp.example";

    private Exchange sendWithHeaders(String uri, String body, Map<String, Object> headers) {
        Exchange exchange = template.request(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().getHeaders().putAll(headers);
        });
        if (exchange.getException() != null) {
            throw new AssertionError(exchange.getException());
        }
        return exchange;
    }

    @Test
    void incomingVerdictHeadersAreRemoved() {
        Exchange out = sendWithHeaders(UNWRAP, MESSAGE, Map.of(
                SmimeConstants.SIGNED, true, SmimeConstants.TRUSTED, true,
                SmimeConstants.PARTIALLY_SIGNED, true, SmimeConstants.SENDER, "ceo@corp.example",
                "CamelSmimeAnythingElse", "x", "Authentication-Results", FORGED,
                "X-Other", "kept"));
        assertThat(out.getMessage().getHeader(SmimeConstants.SIGNED, Boolean.class)).isFalse();
        assertThat(out.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isFalse();
        assertThat(out.getMessage().getHeader(SmimeConstants.PARTIALLY_SIGNED)).isNull();
        assertThat(out.getMessage().getHeader(SmimeConstants.SENDER)).isNull();
        assertThat(out.getMessage().getHeader("CamelSmimeAnythingElse")).isNull();
        assertThat(out.getMessage().getHeader("Authentication-Results")).isNull();
        assertThat(out.getMessage().getHeader("X-Other")).isEqualTo("kept");
    }

    @Test
    void authenticationResultsOfOtherMethodsAreKept() {
        String spf = "mx.test.example; spf=pass smtp.mailfrom=example.com";
        Exchange out = sendWithHeaders(UNWRAP, MESSAGE, Map.of("Authentication-Results", spf));
        assertThat(out.getMessage().getHeader("Authentication-Results")).isEqualTo(spf);
    }

    /** In the message itself: a forged field is removed from the opened message, whether or not it was signed. */
    @Test
    void forgedAuthenticationResultsFieldsAreRemovedFromTheOpenedMessage() {
        String forgedField = "Authentication-Results: " + FORGED + "\r\n";
        String spfField = "Authentication-Results: mx.test.example; spf=pass smtp.mailfrom=example.com\r\n";
        String signed = forgedField + spfField + signedMessage("alice@example.com", ALICE);
        String opened = bodyOf(send(UNWRAP, signed));
        assertThat(opened).doesNotContain("ceo@corp.example").contains(spfField).contains("Pay invoice 4711");

        String unsigned = forgedField + MESSAGE;
        String passedThrough = bodyOf(send(UNWRAP, unsigned));
        assertThat(passedThrough).doesNotContain("ceo@corp.example").isEqualTo(MESSAGE);
    }

    @Test
    void addAuthenticationResultsWritesTheVerdictIntoTheMessage() {
        String opened = bodyOf(send(UNWRAP + "&addAuthenticationResults=true",
                "Authentication-Results: " + FORGED + "\r\n" + signedMessage("alice@example.com", ALICE)));
        assertThat(opened).startsWith("Authentication-Results: mx.test.example; smime=pass"
                + " body.smime-identifier=alice@example.com body.smime-serial=" + ALICE.cert().getSerialNumber()
                .toString(16) + " body.smime-issuer=\"CN=camel-smime Test Intermediate CA\"\r\n");
        assertThat(opened).doesNotContain("ceo@corp.example");
    }

    @Test
    void authenticationResultsSayWhatWasProven() {
        assertThat(results(UNWRAP, signedMessage("alice@example.com", ALICE)))
                .isEqualTo("mx.test.example; smime=pass body.smime-identifier=alice@example.com body.smime-serial="
                        + ALICE.cert().getSerialNumber().toString(16)
                        + " body.smime-issuer=\"CN=camel-smime Test Intermediate CA\"");
        assertThat(results(UNWRAP, MESSAGE)).isEqualTo("mx.test.example; smime=none");
        String report = UNWRAP + "&reportOnly=true";
        assertThat(results(report, signedMessage("alice@example.com", ALICE).replace("4711", "4712")))
                .startsWith("mx.test.example; smime=fail reason=\"signature\" (sender not checked)"
                        + " body.smime-identifier=alice@example.com");
        Signer selfSigned = cert("Mallory").email("mallory@example.com").selfSigned().signer();
        assertThat(results(report, signedMessage("mallory@example.com", selfSigned)))
                .startsWith("mx.test.example; smime=policy reason=\"path\" body.smime-identifier=mallory@example.com");
        assertThat(results(report, "Content-Type: application/pkcs7-mime; smime-type=signed-data\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nMIAGCSqGSIb3DQEHAqCAMIA=\r\n"))
                .startsWith("mx.test.example; smime=permerror reason=");
    }

    @Test
    void authservIdDefaultsToTheHostName() {
        String value = send("smime:unwrap?requireSigned=false", MESSAGE).getMessage()
                .getHeader(SmimeConstants.AUTHENTICATION_RESULTS, String.class);
        assertThat(value).endsWith("; smime=none").doesNotStartWith(";");
    }

    private String results(String uri, String message) {
        return send(uri, message).getMessage().getHeader(SmimeConstants.AUTHENTICATION_RESULTS, String.class);
    }
}

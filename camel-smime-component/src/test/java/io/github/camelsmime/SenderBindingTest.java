package io.github.camelsmime;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import io.github.camelsmime.SpoofKit.Signer;

import static io.github.camelsmime.SpoofKit.ENTITY;
import static io.github.camelsmime.SpoofKit.cert;
import static io.github.camelsmime.SpoofKit.detachedSignature;
import static io.github.camelsmime.SpoofKit.signedEntity;
import static io.github.camelsmime.SpoofKit.signedMessage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identity spoofing ("Johnny, you are fired!", USENIX Security 2019): a valid signature by a trusted signer must not
 * lend its trust to a From the signer does not own. Each test signs with a real, trusted certificate.
 */
class SenderBindingTest extends SmimeTestSupport {

    private static final String VERIFY = "smime:verify?" + trust();
    private static final Signer EVE = cert("Eve").email("eve@evil.example").signer();

    private static String message(String headers) {
        return headers + "MIME-Version: 1.0\r\n" + signedEntity(ENTITY, detachedSignature(ENTITY, EVE));
    }

    private void assertMismatch(String uri, String message, String expectedText) {
        Exception e = failure(uri, message);
        assertThat(e).isInstanceOf(SmimeTrustException.class).hasMessageContaining(expectedText);
        assertThat(((SmimeException) e).getCheck()).isEqualTo("sender-mismatch");
    }

    @Test
    void fromMatchesTheCertificateAddressCaseInsensitively() {
        Exchange ok = send(VERIFY, signedMessage("EVE@Evil.Example", EVE));
        assertThat(ok.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(ok.getMessage().getHeader(SmimeConstants.SENDER_CHECK)).isEqualTo("pass");
        assertThat(ok.getMessage().getHeader(SmimeConstants.SENDER)).isEqualTo("eve@evil.example");
    }

    @Test
    void fromThatIsNotTheSignersAddressFails() {
        assertMismatch(VERIFY, signedMessage("ceo@corp.example", EVE), "ceo@corp.example");

        Exchange reported = send(VERIFY + "&reportOnly=true", signedMessage("ceo@corp.example", EVE));
        assertThat(reported.getMessage().getHeader(SmimeConstants.SIGNATURE_VALID, Boolean.class)).isTrue();
        assertThat(reported.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isFalse();
        assertThat(reported.getMessage().getHeader(SmimeConstants.SENDER_CHECK)).isEqualTo("fail");
        assertThat(reported.getMessage().getHeader(SmimeConstants.AUTHENTICATION_RESULTS, String.class))
                .contains("smime=policy reason=\"sender-mismatch\"").doesNotContain("smime=pass");
    }

    /** The display name is what many clients show; only the address is checked, and only the address is reported. */
    @Test
    void displayNameTricksNeitherPassNorLeakIntoTheReportedIdentity() {
        Exchange ok = send(VERIFY, signedMessage("\"ceo@corp.example\" <eve@evil.example>", EVE));
        assertThat(ok.getMessage().getHeader(SmimeConstants.SENDER)).isEqualTo("eve@evil.example");
        String results = ok.getMessage().getHeader(SmimeConstants.AUTHENTICATION_RESULTS, String.class);
        assertThat(results).contains("smime=pass").contains("body.smime-identifier=eve@evil.example")
                .doesNotContain("ceo@corp.example");
        assertThat(ok.getMessage().getHeader(SmimeConstants.VERDICT, io.github.camelsmime.unwrap.Verdict.class)
                .sender().detail()).contains("display name \"ceo@corp.example\" is not the address that was checked");

        assertMismatch(VERIFY, signedMessage("\"eve@evil.example\" <ceo@corp.example>", EVE), "ceo@corp.example");
        assertMismatch(VERIFY, signedMessage("eve@evil.example <ceo@corp.example>", EVE), "ceo@corp.example");
    }

    @Test
    void severalFromHeadersFail() {
        String twoFroms = "From: eve@evil.example\r\nFrom: ceo@corp.example\r\nTo: bob@example.com\r\n"
                + "Subject: Invoice\r\n";
        assertMismatch(VERIFY, message(twoFroms), "2 From header fields");
    }

    @Test
    void everyMailboxOfAFromListMustBeProven() {
        String list = "From: eve@evil.example, ceo@corp.example\r\nSender: eve@evil.example\r\nTo: bob@example.com\r\n";
        assertMismatch(VERIFY, message(list), "ceo@corp.example");
    }

    /** RFC 8550 accepts the Sender; a reader sees From. By default From must be proven, Sender only on request. */
    @Test
    void senderDoesNotStandInForFromUnlessConfigured() {
        String onBehalf = "From: ceo@corp.example\r\nSender: eve@evil.example\r\nTo: bob@example.com\r\n";
        assertMismatch(VERIFY, message(onBehalf), "ceo@corp.example");

        Exchange ok = send(VERIFY + "&senderBinding=fromOrSender", message(onBehalf));
        assertThat(ok.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(ok.getMessage().getHeader(SmimeConstants.SENDER)).isEqualTo("eve@evil.example");
        assertThat(ok.getMessage().getHeader(SmimeConstants.AUTHENTICATION_RESULTS, String.class))
                .contains("body.smime-identifier=eve@evil.example");
    }

    @Test
    void withoutFromTheVerdictSaysTheSenderWasNotChecked() {
        String bareEntity = signedEntity(ENTITY, detachedSignature(ENTITY, EVE));
        Exchange ok = send(VERIFY, bareEntity);
        assertThat(ok.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(ok.getMessage().getHeader(SmimeConstants.SENDER_CHECK)).isEqualTo("none");
        assertThat(ok.getMessage().getHeader(SmimeConstants.SENDER)).isNull();
        assertThat(ok.getMessage().getHeader(SmimeConstants.AUTHENTICATION_RESULTS, String.class))
                .contains("smime=pass (sender not checked)");
    }

    @Test
    void bindingCanBeSwitchedOffAndSaysSo() {
        Exchange ok = send(VERIFY + "&senderBinding=off", signedMessage("ceo@corp.example", EVE));
        assertThat(ok.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(ok.getMessage().getHeader(SmimeConstants.SENDER_CHECK)).isEqualTo("off");
    }

    @Test
    void aCertificateWithoutAddressCannotVouchForFrom() {
        Signer anonymous = cert("No Address").signer();
        assertMismatch(VERIFY, signedMessage("ceo@corp.example", anonymous), "carries no e-mail address");
    }
}

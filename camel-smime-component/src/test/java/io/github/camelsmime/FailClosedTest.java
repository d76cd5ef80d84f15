package io.github.camelsmime;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unwrap and unmarshal insist on a valid, trusted signature unless the route says otherwise (requireSigned=false or
 * reportOnly=true); decrypt decrypts. A missing or empty body is a typed error an onException(SmimeException) sees.
 */
class FailClosedTest extends SmimeTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                SmimeDataFormat open = new SmimeDataFormat();
                open.getConfiguration().setTrustAnchors(PKI.path("ca.pem"));
                open.getConfiguration().setDecryptKeyStore(PKI.path("bob.p12"));
                open.getConfiguration().setDecryptKeyStorePassword(TestPki.PASSWORD);
                from("direct:unmarshal").unmarshal(open);
                from("direct:caught")
                        .onException(SmimeException.class).handled(true)
                            .setBody(simple("caught ${exception.class.simpleName}")).end()
                        .to("smime:unwrap?" + trust());
                from("direct:caughtUnmarshal")
                        .onException(SmimeException.class).handled(true)
                            .setBody(simple("caught ${exception.class.simpleName}")).end()
                        .unmarshal(open);
            }
        };
    }

    private String encryptedOnly() {
        return bodyOf(send("smime:encrypt?" + recipient("bob"), bytes(MESSAGE)));
    }

    private static void assertNotSigned(Exception e) {
        assertThat(e).isInstanceOf(SmimeSignatureException.class);
        assertThat(((SmimeException) e).getCheck()).isEqualTo(SmimeCheck.NOT_SIGNED.code());
    }

    @Test
    void unwrapRefusesUnsignedContentByDefault() {
        assertNotSigned(failure("smime:unwrap?" + trust(), bytes(MESSAGE)));
        assertNotSigned(failure("smime:unwrap?" + decryptor("bob") + "&" + trust(), encryptedOnly()));
    }

    @Test
    void unmarshalRefusesUnsignedContentByDefault() {
        assertNotSigned(failure("direct:unmarshal", bytes(MESSAGE)));
        assertNotSigned(failure("direct:unmarshal", encryptedOnly()));
        assertNotSigned(failure("dataformat:smime:unmarshal?" + trust(), bytes(MESSAGE)));
    }

    @Test
    void requireSignedFalseLetsUnsignedContentThrough() {
        Exchange out = send("smime:unwrap?requireSigned=false&" + decryptor("bob") + "&" + trust(), encryptedOnly());
        assertThat(out.getMessage().getHeader(SmimeConstants.SIGNED, Boolean.class)).isFalse();
        assertThat(out.getMessage().getHeader(SmimeConstants.ENCRYPTED, Boolean.class)).isTrue();
        assertThat(textOf(bodyOf(out))).isEqualTo(textOf(MESSAGE));
        Exchange unmarshalled = send("dataformat:smime:unmarshal?requireSigned=false&" + trust(), bytes(MESSAGE));
        assertThat(unmarshalled.getMessage().getHeader(SmimeConstants.SIGNED, Boolean.class)).isFalse();
    }

    @Test
    void reportOnlyReportsUnsignedContentAndKeepsTheBody() {
        Exchange out = send("smime:unwrap?reportOnly=true&" + trust(), bytes(MESSAGE));
        assertThat(out.getMessage().getHeader(SmimeConstants.FAILURE_CHECK)).isEqualTo("not-signed");
        assertThat(bodyOf(out)).isEqualTo(MESSAGE);
    }

    @Test
    void decryptDecryptsWithoutRequiringASignature() {
        Exchange out = send("smime:decrypt?" + decryptor("bob"), encryptedOnly());
        assertThat(out.getMessage().getHeader(SmimeConstants.SIGNED, Boolean.class)).isFalse();
        assertThat(textOf(bodyOf(out))).isEqualTo(textOf(MESSAGE));
        assertNotSigned(failure("smime:decrypt?requireSigned=true&" + decryptor("bob") + "&" + trust(),
                encryptedOnly()));
    }

    @Test
    void missingOrEmptyBodyIsAFormatError() {
        for (Object body : new Object[] { null, new byte[0], "" }) {
            assertThat(failure("smime:unwrap?" + trust(), body)).isInstanceOf(SmimeFormatException.class);
            assertThat(failure("smime:sign?" + signer("alice"), body)).isInstanceOf(SmimeFormatException.class);
            assertThat(failure("direct:unmarshal", body)).isInstanceOf(SmimeFormatException.class);
        }
    }

    @Test
    void onExceptionSmimeExceptionCatchesAMissingBody() {
        assertThat(template.requestBody("direct:caught", (Object) null, String.class))
                .isEqualTo("caught SmimeFormatException");
        assertThat(template.requestBody("direct:caughtUnmarshal", (Object) null, String.class))
                .isEqualTo("caught SmimeFormatException");
    }
}

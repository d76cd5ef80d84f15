package io.github.camelsmime;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The data format in every way a route can name it: object, custom("smime"), the dataformat: endpoint. */
class SmimeDataFormatTest extends SmimeTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                SmimeDataFormat signAndEncrypt = new SmimeDataFormat();
                KeyStoreParameters alice = new KeyStoreParameters();
                alice.setResource("file:" + PKI.path("alice.p12"));
                alice.setPassword(TestPki.PASSWORD);
                signAndEncrypt.getConfiguration().setSignerKeyStoreParameters(alice);
                signAndEncrypt.getConfiguration().setSignerAlias("alice");
                signAndEncrypt.getConfiguration().setRecipientCertificates(PKI.path("bob.pem"));

                SmimeDataFormat open = new SmimeDataFormat();
                KeyStoreParameters bob = new KeyStoreParameters();
                bob.setResource("file:" + PKI.path("bob.p12"));
                bob.setPassword(TestPki.PASSWORD);
                open.getConfiguration().setDecryptKeyStoreParameters(bob);
                open.getConfiguration().setTrustAnchors(PKI.path("ca.pem"));

                from("direct:marshal").marshal(signAndEncrypt);
                from("direct:unmarshal").unmarshal(open);

                SmimeDataFormat signOnly = new SmimeDataFormat();
                signOnly.getConfiguration().setSignerCertificate(PKI.path("carol.chain.pem"));
                signOnly.getConfiguration().setSignerPrivateKey(PKI.path("carol.key.pem"));
                getContext().getRegistry().bind("carolSigns", signOnly);
                from("direct:custom").marshal().custom("carolSigns");
            }
        };
    }

    @Test
    void marshalSignsThenEncryptsAndUnmarshalPeelsBoth() {
        Exchange out = send("direct:marshal", bytes(MESSAGE));
        String wire = bodyOf(out);
        assertThat(wire).contains("smime-type=authEnveloped-data").contains("Subject: Quarterly report");
        Exchange opened = send("direct:unmarshal", wire);
        assertThat(opened.getMessage().getHeader(SmimeConstants.LAYERS)).isEqualTo("encrypted,signed");
        assertThat(opened.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(textOf(bodyOf(opened))).isEqualTo(textOf(MESSAGE));
    }

    @Test
    void customReferenceUsesTheRegisteredDataFormat() {
        String wire = bodyOf(send("direct:custom", bytes(MESSAGE)));
        assertThat(wire).contains("multipart/signed");
        Exchange verified = send("smime:verify?" + trust(), wire);
        assertThat(verified.getMessage().getHeader(SmimeConstants.SIGNERS, java.util.List.class)).hasSize(1);
    }

    @Test
    void dataformatEndpointBindsOptionsFromTheUri() {
        String wire = bodyOf(send("dataformat:smime:marshal?" + signer("dave") + "&detached=false", bytes(MESSAGE)));
        assertThat(wire).contains("smime-type=signed-data");
        Exchange opened = send("dataformat:smime:unmarshal?" + trust(), wire);
        assertThat(opened.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(textOf(bodyOf(opened))).isEqualTo(textOf(MESSAGE));
    }
}

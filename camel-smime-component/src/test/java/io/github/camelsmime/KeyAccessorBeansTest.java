package io.github.camelsmime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelsmime.keys.DecryptionKey;
import io.github.camelsmime.keys.DecryptionKeyAccessor;
import io.github.camelsmime.keys.RecipientCertificateAccessor;
import io.github.camelsmime.keys.RecipientIdentifier;
import io.github.camelsmime.keys.SignerKey;
import io.github.camelsmime.keys.SignerKeyAccessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Key access through registry beans (signerKeyAccessor, decryptionKeyAccessor, recipientCertificateAccessor) bound
 * with {@code #bean:} and {@code #class:}: the component signs, encrypts and decrypts with what the beans give, and
 * still refuses a recipient certificate that is not usable for encryption.
 */
class KeyAccessorBeansTest extends SmimeTestSupport {

    /** A signer per sender address, as an organisation with one key per department mailbox would keep them. */
    static final SignerKeyAccessor SIGNERS = sender -> Optional.ofNullable(Map.of(
            "alice@example.com", new SignerKey(PKI.id("alice").key(), PKI.id("alice").chain()),
            "carol@example.com", new SignerKey(PKI.id("carol").key(), PKI.id("carol").chain())).get(sender));

    /** Bound by class name ({@code #class:}), so it needs a public no-argument constructor. */
    public static class BobsDecryptionKey implements DecryptionKeyAccessor {
        static final List<RecipientIdentifier> ASKED = new CopyOnWriteArrayList<>();

        @Override
        public List<DecryptionKey> decryptionKeys(RecipientIdentifier recipient) {
            ASKED.add(recipient);
            DecryptionKey bob = new DecryptionKey(PKI.id("bob").key(), PKI.id("bob").cert());
            return recipient.matches(bob.certificate()) ? List.of(bob) : List.of();
        }
    }

    /** Bob's address on a certificate that expired yesterday. */
    private static final X509Certificate EXPIRED_BOB = expiredBob();

    @TempDir
    Path inbox;

    private static X509Certificate expiredBob() {
        try {
            return PKI.issue("bob-expired", "bob@example.com", TestPki.generate("RSA", 2048), null,
                    KeyPurposeId.id_kp_emailProtection, Duration.ofDays(-1), Duration.ofDays(30)).cert();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        // the expired certificate comes first: the component must pass over it
        RecipientCertificateAccessor recipients = address -> address.equals("bob@example.com")
                ? List.of(EXPIRED_BOB, PKI.id("bob").cert()) : List.of();
        context.getRegistry().bind("signers", SIGNERS);
        context.getRegistry().bind("recipients", recipients);
        context.getRegistry().bind("onlyExpired", (RecipientCertificateAccessor) a -> List.of(EXPIRED_BOB));
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:protect")
                        .to("smime:sign-encrypt?signerKeyAccessor=#bean:signers&recipientCertificateAccessor=#bean:recipients");
                from("file:" + inbox + "?initialDelay=0&delay=50")
                        .to("smime:unwrap?decryptionKeyAccessor=#class:" + BobsDecryptionKey.class.getName() + "&"
                                + trust())
                        .to("mock:opened");
            }
        };
    }

    @Test
    void signsWithTheSendersKeyEncryptsToTheUsableCertificateAndDecryptsThroughBeans() throws Exception {
        for (String sender : List.of("alice", "carol")) {
            BobsDecryptionKey.ASKED.clear();
            MockEndpoint opened = getMockEndpoint("mock:opened");
            opened.reset();
            opened.expectedMessageCount(1);
            byte[] wire = send("direct:protect", bytes(messageFrom(sender))).getMessage().getBody(byte[].class);
            Files.write(inbox.resolve(sender + ".eml"), wire);
            opened.assertIsSatisfied(20_000);

            Exchange out = opened.getReceivedExchanges().get(0);
            assertThat(out.getMessage().getHeader(SmimeConstants.LAYERS)).isEqualTo("encrypted,signed");
            assertThat(out.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
            assertThat(out.getMessage().getHeader(SmimeConstants.SIGNERS, String.class)).contains(sender);
            assertThat(textOf(bodyOf(out))).isEqualTo(textOf(messageFrom(sender)));
            assertThat(BobsDecryptionKey.ASKED).as("the message names bob's valid certificate only").singleElement()
                    .satisfies(id -> assertThat(id.matches(PKI.id("bob").cert())).isTrue());
        }
    }

    @Test
    void senderWithoutAKeyFailsNamingTheSender() {
        Exception e = failure("direct:protect", bytes(messageFrom("dave")));
        assertThat(e).isInstanceOf(SmimeException.class).hasMessageContaining("dave@example.com");
    }

    @Test
    void anAccessorCannotMakeTheComponentEncryptToAnExpiredCertificate() {
        Exception e = failure("smime:encrypt?recipientCertificateAccessor=#bean:onlyExpired", bytes(MESSAGE));
        assertThat(e).isInstanceOf(SmimeException.class)
                .hasMessageContaining("No valid encryption certificate known for bob@example.com");
    }

    @Test
    void dataFormatTakesAnAccessorByClassName() {
        Exchange signed = send("dataformat:smime:marshal?signerKeyAccessor=#class:" + AliceOnly.class.getName(),
                bytes(MESSAGE));
        Exchange verified = send("smime:verify?" + trust(), signed.getMessage().getBody(byte[].class));
        assertThat(verified.getMessage().getHeader(SmimeConstants.SIGNERS, String.class)).contains("alice");
    }

    @Test
    void yamlRouteTakesAnAccessorBeanDeclaredInYaml() throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(
                PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/smime-yaml-accessor.yaml"));
        Exchange signed = send("direct:yaml-accessor", bytes(MESSAGE));
        Exchange verified = send("smime:verify?" + trust(), signed.getMessage().getBody(byte[].class));
        assertThat(verified.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(verified.getMessage().getHeader(SmimeConstants.SIGNERS, String.class)).contains("alice");
    }

    @Test
    void anAccessorTogetherWithKeyFilesIsRefused() {
        Throwable e = catchThrowable(() -> template.requestBody(
                "smime:sign?signerKeyAccessor=#bean:signers&" + signer("alice"), bytes(MESSAGE)));
        assertThat(e).hasStackTraceContaining("Set signerKeyAccessor or signerKeyStore");
    }

    /** Bound by class name from a data format URI. */
    public static class AliceOnly implements SignerKeyAccessor {
        @Override
        public Optional<SignerKey> signerKey(String senderAddress) {
            return Optional.of(new SignerKey(PKI.id("alice").key(), PKI.id("alice").chain()));
        }
    }
}

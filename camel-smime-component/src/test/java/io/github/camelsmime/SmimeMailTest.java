package io.github.camelsmime;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed and a signed-and-encrypted message go through a real SMTP server and come back over IMAP (GreenMail on
 * loopback sockets); what arrives still verifies, and recipients are looked up by the To address.
 */
class SmimeMailTest extends SmimeTestSupport {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new com.icegreen.greenmail.util.ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort() });

    @org.junit.jupiter.api.io.TempDir
    static Path recipientDir;

    @Override
    protected RouteBuilder createRouteBuilder() throws Exception {
        MAIL.setUser("alice@example.com", "alice", "alice-pw");
        MAIL.setUser("bob@example.com", "bob", "bob-pw");
        Files.copy(Path.of(PKI.path("bob.pem")), recipientDir.resolve("bob.pem"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        int smtp = MAIL.getSmtp().getPort();
        int imap = MAIL.getImap().getPort();
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:sign")
                        .to("smime:sign?" + signer("alice"))
                        .convertBodyTo(MimeMessage.class)
                        .to("smtp://127.0.0.1:" + smtp + "?username=alice&password=alice-pw");
                from("direct:signEncrypt")
                        .to("smime:sign-encrypt?" + signer("alice") + "&recipientCertificateDir=" + recipientDir)
                        .convertBodyTo(MimeMessage.class)
                        .to("smtp://127.0.0.1:" + smtp + "?username=alice&password=alice-pw");
                from("imap://127.0.0.1:" + imap + "?username=bob&password=bob-pw&mapMailMessage=false"
                        + "&delete=true&initialDelay=100&delay=300")
                        .to("smime:unwrap?" + decryptor("bob") + "&" + trust())
                        .to("mock:received");
            }
        };
    }

    @Test
    void signedMailStillVerifiesAfterSmtpAndImap() throws Exception {
        MockEndpoint received = getMockEndpoint("mock:received");
        received.expectedMessageCount(1);
        template.sendBody("direct:sign", MESSAGE);
        received.assertIsSatisfied(20_000);
        Exchange e = received.getReceivedExchanges().get(0);
        assertThat(e.getMessage().getHeader(SmimeConstants.LAYERS)).isEqualTo("signed");
        assertThat(e.getMessage().getHeader(SmimeConstants.SIGNATURE_VALID, Boolean.class)).isTrue();
        assertThat(e.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(textOf(e.getMessage().getBody(String.class))).isEqualTo(textOf(MESSAGE));
    }

    @Test
    void encryptedMailIsAddressedToTheToRecipientAndOpens() throws Exception {
        MockEndpoint received = getMockEndpoint("mock:received");
        received.expectedMessageCount(1);
        template.sendBody("direct:signEncrypt", MESSAGE);
        received.assertIsSatisfied(20_000);
        Exchange e = received.getReceivedExchanges().get(0);
        assertThat(e.getMessage().getHeader(SmimeConstants.LAYERS)).isEqualTo("encrypted,signed");
        assertThat(e.getMessage().getHeader(SmimeConstants.CONTENT_ENCRYPTION_ALGORITHM)).isEqualTo("AES-256-GCM");
        assertThat(e.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(textOf(e.getMessage().getBody(String.class))).isEqualTo(textOf(MESSAGE));
    }
}

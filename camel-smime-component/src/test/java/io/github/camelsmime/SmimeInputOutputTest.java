package io.github.camelsmime;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import jakarta.activation.DataHandler;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;

import org.apache.camel.Exchange;
import org.apache.camel.attachment.AttachmentMessage;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What goes in (messages, entities, files, attachments, mail objects) and what comes out, including key formats. */
class SmimeInputOutputTest extends SmimeTestSupport {

    private static byte[] pdf() {
        byte[] data = new byte[20_000];
        new Random(42).nextBytes(data);
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, data, 0, 9);
        return data;
    }

    @Test
    void fileIsWrappedWithItsNameAndComesBackByteForByte() {
        byte[] pdf = pdf();
        Exchange signed = template.request("smime:sign?" + signer("alice"), e -> {
            e.getMessage().setBody(pdf);
            e.getMessage().setHeader(Exchange.FILE_NAME, "in/quarterly report.pdf");
            e.getMessage().setHeader("From", "alice@example.com");
            e.getMessage().setHeader("To", "bob@example.com");
            e.getMessage().setHeader("Subject", "Report für Q3");
        });
        String wire = bodyOf(signed);
        assertThat(wire).startsWith("From: alice@example.com\r\nTo: bob@example.com\r\nSubject: =?UTF-8?");
        assertThat(wire).contains("Content-Type: application/pdf").contains("filename=\"quarterly report.pdf\"")
                .contains("Content-Transfer-Encoding: base64").contains("Message-ID: <").contains("Date: ");

        Exchange opened = send("smime:verify?outputParts=true&" + trust(), wire);
        assertThat(opened.getMessage().getBody(byte[].class)).isEqualTo(pdf);
        assertThat(opened.getMessage().getHeader(SmimeConstants.FILE_NAME)).isEqualTo("quarterly report.pdf");
        assertThat(opened.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class)).startsWith("application/pdf");
    }

    @Test
    void declaredContentTypeWinsOverTheFileName() {
        Exchange signed = template.request("smime:sign?" + signer("alice"), e -> {
            e.getMessage().setBody("<order id=\"1\"/>");
            e.getMessage().setHeader(Exchange.FILE_NAME, "order.dat");
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/xml; charset=UTF-8");
        });
        assertThat(bodyOf(signed)).contains("Content-Type: application/xml; charset=UTF-8; name=order.dat");
    }

    @Test
    void attachmentsBecomePartsAndComeBackAsAttachments() {
        byte[] pdf = pdf();
        Exchange signed = template.request("smime:sign-encrypt?" + signer("alice") + "&" + recipient("bob"), e -> {
            AttachmentMessage in = e.getMessage(AttachmentMessage.class);
            in.setBody("Please find the report attached.");
            in.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8");
            in.addAttachment("report.pdf", new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
            in.addAttachment("notes.txt", new DataHandler(new ByteArrayDataSource(
                    "ä note".getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8")));
        });
        assertThat(signed.getMessage(AttachmentMessage.class).getAttachmentNames()).isEmpty();

        Exchange opened = send("smime:unwrap?outputParts=true&" + decryptor("bob") + "&" + trust(), bodyOf(signed));
        assertThat(opened.getMessage().getHeader(SmimeConstants.SIGNED, Boolean.class)).isTrue();
        assertThat(opened.getMessage().getBody(String.class)).isEqualTo("Please find the report attached.");
        AttachmentMessage out = opened.getMessage(AttachmentMessage.class);
        assertThat(out.getAttachmentNames()).containsExactlyInAnyOrder("report.pdf", "notes.txt");
        assertThat(opened.getContext().getTypeConverter().convertTo(byte[].class,
                ReplayableStreamsHelper.read(out.getAttachment("report.pdf")))).isEqualTo(pdf);
    }

    @Test
    void mimeMessageObjectIsSignedAsTheMessageItIs() throws Exception {
        MimeMessage mail = new MimeMessage(null, new java.io.ByteArrayInputStream(bytes(messageFrom("carol"))));
        Exchange signed = send("smime:sign?" + signer("carol"), mail);
        assertThat(bodyOf(signed)).contains("Subject: Quarterly report");
        Exchange opened = send("smime:verify?" + trust(), bodyOf(signed));
        assertThat(textOf(bodyOf(opened))).isEqualTo(textOf(MESSAGE));
    }

    @Test
    void encryptedPemKeyAndChainSign(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(new JcaPKCS8Generator(PKI.id("dave").key(),
                    new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                            .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                            .setPassword("pem-pass".toCharArray()).build()));
        }
        Files.writeString(dir.resolve("dave.enc.key"), sw.toString());
        Exchange signed = send("smime:sign?signerPrivateKey=" + dir.resolve("dave.enc.key")
                + "&signerPrivateKeyPassword=pem-pass&signerCertificate=" + PKI.path("dave.chain.pem"),
                bytes(messageFrom("dave")));
        Exchange opened = send("smime:verify?" + trust(), bodyOf(signed));
        assertThat(opened.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
    }

    @Test
    void encryptToSelfLetsTheSenderReadItsOwnMail() {
        String wire = bodyOf(send("smime:sign-encrypt?encryptToSelf=true&" + signer("alice") + "&" + recipient("bob"),
                bytes(MESSAGE)));
        for (String reader : new String[] { "alice", "bob" }) {
            Exchange opened = send("smime:unwrap?" + decryptor(reader) + "&" + trust(), wire);
            assertThat(textOf(bodyOf(opened))).isEqualTo(textOf(MESSAGE));
        }
    }

    @Test
    void recipientsAreLookedUpByAddressInAKeystore() {
        String wire = bodyOf(send("smime:encrypt?recipients=carol@example.com,Bob@Example.com&recipientKeyStore="
                + PKI.path("bob.p12") + "&recipientKeyStorePassword=" + TestPki.PASSWORD
                + "&recipientCertificateDir=" + PKI.dir(), bytes(MESSAGE)));
        for (String reader : new String[] { "carol", "bob" }) {
            assertThat(textOf(bodyOf(send("smime:decrypt?" + decryptor(reader), wire)))).isEqualTo(textOf(MESSAGE));
        }
        assertThat(failure("smime:encrypt?recipients=nobody@example.com&recipientCertificateDir=" + PKI.dir(),
                bytes(MESSAGE))).isInstanceOf(SmimeException.class).hasMessageContaining("nobody@example.com");
    }
}

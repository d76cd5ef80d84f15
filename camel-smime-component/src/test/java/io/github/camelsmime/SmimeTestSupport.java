package io.github.camelsmime;

import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;

/** Shared helpers: endpoint URIs built from the test PKI, and sending bodies through them. */
public abstract class SmimeTestSupport extends CamelTestSupport {

    protected static final TestPki PKI = TestPki.get();

    protected static final String MESSAGE = "From: alice@example.com\r\n"
            + "To: bob@example.com\r\n"
            + "Subject: Quarterly report\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "\r\n"
            + "Hello Bob,\r\n"
            + "From the start: the figures are attached. Grüße!\r\n"
            + ".\r\n"
            + "trailing blanks   \r\n";

    protected static String signer(String name) {
        return "signerKeyStore=" + PKI.path(name + ".p12") + "&signerKeyStorePassword=" + TestPki.PASSWORD
                + "&signerAlias=" + name;
    }

    protected static String decryptor(String name) {
        return "decryptKeyStore=" + PKI.path(name + ".p12") + "&decryptKeyStorePassword=" + TestPki.PASSWORD;
    }

    protected static String trust() {
        return "trustAnchors=" + PKI.path("ca.pem");
    }

    protected static String recipient(String name) {
        return "recipientCertificates=" + PKI.path(name + ".pem");
    }

    protected Exchange send(String uri, Object body) {
        Exchange exchange = template.request(uri, e -> e.getMessage().setBody(body));
        if (exchange.getException() != null) {
            throw new AssertionError("exchange failed: " + exchange.getException(), exchange.getException());
        }
        return exchange;
    }

    protected Exception failure(String uri, Object body) {
        Exchange exchange = template.request(uri, e -> e.getMessage().setBody(body));
        if (exchange.getException() == null) {
            throw new AssertionError("expected " + uri + " to fail, got body "
                    + exchange.getMessage().getBody(String.class));
        }
        return exchange.getException();
    }

    protected static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    protected String bodyOf(Exchange exchange) {
        return exchange.getMessage().getBody(String.class);
    }

    /** The decoded text of a single-part message or entity, as a mail client would show it. */
    protected static String textOf(String mime) {
        try {
            jakarta.mail.internet.MimeMessage m = new jakarta.mail.internet.MimeMessage(null,
                    new java.io.ByteArrayInputStream(mime.getBytes(StandardCharsets.UTF_8)));
            return m.getContent().toString();
        } catch (Exception e) {
            throw new AssertionError("not a readable message: " + e, e);
        }
    }
}

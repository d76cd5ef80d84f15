package io.github.camelsmime.bench;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;

import org.apache.camel.Exchange;
import org.openjdk.jmh.infra.BenchmarkParams;

/** Checks that what a route handed back is the entity that went in, and turns route output into bytes. */
final class RoundTrip {

    private RoundTrip() {
    }

    /**
     * Whether the measured method is {@code sign} or {@code verify} (it needs a signed message) rather than
     * {@code signEncrypt} or {@code unwrap} (an encrypted one).
     */
    static boolean signedPath(BenchmarkParams params) {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        return method.equals("sign") || method.equals("verify");
    }

    static byte[] bytes(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        if (body instanceof byte[] b) {
            return b;
        }
        try (InputStream in = exchange.getContext().getTypeConverter().mandatoryConvertTo(InputStream.class, exchange,
                body)) {
            return Payloads.readAll(in);
        }
    }

    /**
     * Whether {@code output} is the MIME entity {@code entity}: byte for byte, or as the same content type with the
     * same raw body (header folding and order may differ), or the bare body.
     */
    static boolean sameEntity(byte[] output, byte[] entity) {
        if (Arrays.equals(output, entity)) {
            return true;
        }
        try {
            MimeBodyPart expected = new MimeBodyPart(new ByteArrayInputStream(entity));
            byte[] expectedBody = expected.getRawInputStream().readAllBytes();
            if (Arrays.equals(output, expectedBody)) {
                return true;
            }
            MimeBodyPart actual = new MimeBodyPart(new ByteArrayInputStream(output));
            return new ContentType(actual.getContentType()).match(new ContentType(expected.getContentType()))
                    && Arrays.equals(actual.getRawInputStream().readAllBytes(), expectedBody);
        } catch (Exception e) {
            return false;
        }
    }
}

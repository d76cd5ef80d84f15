package io.github.camelsmime.sample.routes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.camelsmime.SmimeConstants;
import io.github.camelsmime.SmimeFormatException;
import io.github.camelsmime.mime.InputSniffer;
import io.github.camelsmime.sample.GatewayBootstrap;
import io.github.camelsmime.sample.GatewaySettings;
import io.github.camelsmime.sample.support.BadRequestException;
import io.github.camelsmime.sample.support.BearerTokenAuth;
import io.github.camelsmime.sample.support.Failures;
import io.github.camelsmime.sample.support.HttpProblem;
import io.github.camelsmime.sample.support.HttpRequestHeaders;
import io.github.camelsmime.sample.support.SmimeUris;
import io.github.camelsmime.sample.support.Verdicts;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP service on {@code http.host}:{@code http.port} ({@link io.github.camelsmime.sample.support.GatewayHttpServer}):
 * {@code POST /smime/sign}, {@code /smime/encrypt}, {@code /smime/verify}, {@code /smime/decrypt}. Every request
 * needs {@code Authorization: Bearer <http.token>} as a request header.
 * <ul>
 * <li>200: the result (a complete S/MIME message for sign/encrypt, the inner MIME entity for verify/decrypt), verdict
 * in {@code X-Smime-*} headers;</li>
 * <li>errors are {@code application/problem+json} ({@link HttpProblem#of}): 401 without a valid token; 400 for an
 * empty body, input that is not a MIME message, a parameter with a line break; 413 over {@code http.max.body.size}
 * or an S/MIME limit; 422 when a signature, the trust check or the decryption fails (one answer for every
 * decryption failure).</li>
 * </ul>
 * Sign and encrypt read a body declared {@code message/rfc822} as a message (its From/To/Subject stay outside the
 * protection); any other body, declared or not, is a payload and is never searched for header lines.
 */
public class HttpRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(HttpRoutes.class);

    @Override
    public void configure() throws Exception {
        GatewaySettings s = new GatewaySettings(getContext());
        if (!s.getBoolean(GatewaySettings.HTTP_ENABLED, true)) {
            return;
        }
        BearerTokenAuth auth = getContext().getRegistry()
                .lookupByNameAndType(GatewayBootstrap.HTTP_AUTH, BearerTokenAuth.class);
        SmimeUris uris = new SmimeUris(s);
        String signer = FileSignRoutes.signerAddress(s);
        Processor messageFields = new HttpRequestHeaders(HttpRequestHeaders.MESSAGE_FIELDS);
        Processor noFields = new HttpRequestHeaders(List.of());

        onException(Exception.class).handled(true).process(HttpRoutes::problem);

        post("sign").process(messageFields).process(auth).process(HttpRoutes::requirePayload)
                .process(e -> {
                    if (e.getMessage().getHeader("From") == null) {
                        e.getMessage().setHeader("From", signer);
                    }
                })
                .to(uris.sign("auto"))
                .process(respond("message/rfc822"));

        post("encrypt").process(messageFields).process(auth).process(HttpRoutes::requirePayload)
                .process(e -> {
                    String to = e.getMessage().getHeader("To", String.class);
                    String cc = e.getMessage().getHeader("Cc", String.class);
                    if (!declaredMessage(e) && (to == null || to.isBlank()) && (cc == null || cc.isBlank())) {
                        throw new BadRequestException("no recipient: give ?to=address (or a To header in the message)");
                    }
                })
                .to(uris.encrypt(null, "auto"))
                .process(respond("message/rfc822"));

        post("verify").process(noFields).process(auth).process(HttpRoutes::requireMessage)
                .to(uris.verify())
                .process(respond("message/rfc822"));

        post("decrypt").process(noFields).process(auth).process(HttpRoutes::requireMessage)
                .to(uris.decrypt())
                .process(respond("message/rfc822"));
    }

    private RouteDefinition post(String operation) {
        return from("platform-http:/smime/" + operation + "?httpMethodRestrict=POST&muteException=true")
                .routeId("http-" + operation);
    }

    /** The request declared its body a MIME message. */
    static boolean declaredMessage(Exchange exchange) {
        String type = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        return type != null && type.trim().toLowerCase(Locale.ROOT).startsWith("message/rfc822");
    }

    static void requireBody(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null || body.length == 0) {
            throw new BadRequestException("empty request body");
        }
        exchange.getMessage().setBody(body);
    }

    /**
     * sign and encrypt take a body as it is declared (the component's inputFormat=auto reads a declared type as a
     * payload, message/rfc822 as a message); an undeclared body is a payload too (RFC 9110: application/octet-stream)
     * and is never searched for header lines.
     */
    static void requirePayload(Exchange exchange) {
        requireBody(exchange);
        if (exchange.getMessage().getHeader(Exchange.CONTENT_TYPE) == null) {
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/octet-stream");
        }
    }

    /** verify and decrypt take S/MIME messages: a body without a MIME header block is malformed, not unsigned. */
    static void requireMessage(Exchange exchange) throws IOException {
        requireBody(exchange);
        if (!InputSniffer.looksLikeMime(new ByteArrayInputStream(exchange.getMessage().getBody(byte[].class)))) {
            throw new SmimeFormatException("the body is not a MIME message (no header block)");
        }
    }

    /** 200 with the body as bytes, the verdict as X-Smime-* headers, and no request header echoed back. */
    static Processor respond(String contentType) {
        return exchange -> {
            var in = exchange.getMessage();
            Map<String, Object> out = new LinkedHashMap<>();
            put(out, "X-Smime-Signed", in.getHeader(SmimeConstants.SIGNED));
            put(out, "X-Smime-Signature-Valid", in.getHeader(SmimeConstants.SIGNATURE_VALID));
            put(out, "X-Smime-Trusted", in.getHeader(SmimeConstants.TRUSTED));
            put(out, "X-Smime-Encrypted", in.getHeader(SmimeConstants.ENCRYPTED));
            put(out, "X-Smime-Content-Encryption", in.getHeader(SmimeConstants.CONTENT_ENCRYPTION_ALGORITHM));
            put(out, "X-Smime-Compressed", in.getHeader(SmimeConstants.COMPRESSED));
            put(out, "X-Smime-Layers", in.getHeader(SmimeConstants.LAYERS));
            io.github.camelsmime.unwrap.Verdict verdict = Verdicts.of(exchange);
            if (verdict != null && !verdict.signers().isEmpty()) {
                put(out, "X-Smime-Signers", Verdicts.signerAddresses(verdict));
                put(out, "X-Smime-Signature-Algorithms", verdict.signers().stream()
                        .map(io.github.camelsmime.verify.SignerResult::signatureAlgorithm)
                        .collect(java.util.stream.Collectors.joining(", ")));
            }
            byte[] body = in.getBody(byte[].class);
            in.removeHeaders("*");
            in.setHeaders(out);
            in.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            in.setHeader(Exchange.CONTENT_TYPE, contentType);
            in.setBody(body);
        };
    }

    private static void put(Map<String, Object> out, String name, Object value) {
        if (value != null) {
            out.put(name, value.toString());
        }
    }

    /** The problem answer for the failure; only a 500 is logged, as one line. */
    static void problem(Exchange exchange) {
        Throwable t = Failures.caught(exchange);
        HttpProblem problem = HttpProblem.of(t);
        if (problem.status() == 500) {
            LOG.warn("HTTP {} failed: {}: {}", exchange.getFromRouteId(), t == null ? "?" : t.getClass().getName(),
                    Failures.message(t));
        }
        var in = exchange.getMessage();
        in.removeHeaders("*");
        if (problem.status() == 401) {
            in.setHeader("WWW-Authenticate", "Bearer realm=\"smime\"");
        }
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        in.setHeader(Exchange.CONTENT_TYPE, HttpProblem.MEDIA_TYPE);
        in.setBody(problem.toJson());
    }
}

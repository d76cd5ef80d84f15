package io.github.camelsmime.sample.routes;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.camelsmime.SmimeConstants;
import io.github.camelsmime.SmimeDecryptionException;
import io.github.camelsmime.SmimeException;
import io.github.camelsmime.SmimeFormatException;
import io.github.camelsmime.SmimeLimitException;
import io.github.camelsmime.SmimeSignatureException;
import io.github.camelsmime.SmimeTrustException;
import io.github.camelsmime.sample.GatewayBootstrap;
import io.github.camelsmime.sample.GatewaySettings;
import io.github.camelsmime.sample.support.BadRequestException;
import io.github.camelsmime.sample.support.BearerTokenAuth;
import io.github.camelsmime.sample.support.Failures;
import io.github.camelsmime.sample.support.SmimeUris;
import io.github.camelsmime.sample.support.Verdicts;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.json.JsonObject;

/**
 * HTTP service on the Vert.x platform-http server ({@code http.host}, {@code http.port}):
 * {@code POST /smime/sign}, {@code /smime/encrypt}, {@code /smime/verify}, {@code /smime/decrypt}. Every request
 * needs {@code Authorization: Bearer <http.token>}.
 * <ul>
 * <li>200: the result (a complete S/MIME message for sign/encrypt, the inner MIME entity for verify/decrypt), verdict
 * in {@code X-Smime-*} headers;</li>
 * <li>401 without a valid token; 400 for an empty body or input that is not a message; 413 over
 * {@code http.max.body.size} (or an S/MIME limit); 422 {@code application/problem+json} when a signature, the trust
 * check or the decryption fails.</li>
 * </ul>
 */
public class HttpRoutes extends RouteBuilder {

    public static final String PROBLEM_JSON = "application/problem+json";

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

        onException(BearerTokenAuth.UnauthorizedException.class).handled(true)
                .process(problem(401, "Unauthorized"))
                .setHeader("WWW-Authenticate", constant("Bearer realm=\"smime\""));
        onException(SmimeSignatureException.class, SmimeTrustException.class, SmimeDecryptionException.class)
                .handled(true).process(problem(422, "S/MIME check failed"));
        onException(SmimeLimitException.class).handled(true).process(problem(413, "Content too large"));
        onException(SmimeFormatException.class, BadRequestException.class, jakarta.mail.MessagingException.class)
                .handled(true).process(problem(400, "Malformed input"));
        onException(SmimeException.class).handled(true).process(problem(400, "S/MIME operation not possible"));
        onException(Exception.class).handled(true)
                .log(LoggingLevel.WARN, "HTTP ${routeId} failed: ${exception.class.simpleName}: ${exception.message}")
                .process(problem(500, "Internal error"));

        from("platform-http:/smime/sign?httpMethodRestrict=POST").routeId("http-sign")
                .process(auth).process(HttpRoutes::requireBody)
                .process(e -> {
                    if (e.getMessage().getHeader("From") == null) {
                        e.getMessage().setHeader("From", signer);
                    }
                })
                .to(uris.sign("auto"))
                .process(respond("message/rfc822"));

        from("platform-http:/smime/encrypt?httpMethodRestrict=POST").routeId("http-encrypt")
                .process(auth).process(HttpRoutes::requireBody)
                .process(e -> {
                    String to = e.getMessage().getHeader("To", String.class);
                    String cc = e.getMessage().getHeader("Cc", String.class);
                    if ((to == null || to.isBlank()) && (cc == null || cc.isBlank())) {
                        throw new BadRequestException("no recipient: give ?to=address (or a To header in the message)");
                    }
                })
                .to(uris.encrypt(null, "auto"))
                .process(respond("message/rfc822"));

        from("platform-http:/smime/verify?httpMethodRestrict=POST").routeId("http-verify")
                .process(auth).process(HttpRoutes::requireBody)
                .to(uris.verify())
                .process(respond("message/rfc822"));

        from("platform-http:/smime/decrypt?httpMethodRestrict=POST").routeId("http-decrypt")
                .process(auth).process(HttpRoutes::requireBody)
                .to(uris.decrypt())
                .process(respond("message/rfc822"));
    }

    static void requireBody(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null || body.length == 0) {
            throw new BadRequestException("empty request body");
        }
        exchange.getMessage().setBody(body);
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

    /** An RFC 9457 problem response. */
    static Processor problem(int status, String title) {
        return exchange -> {
            Throwable t = Failures.caught(exchange);
            String reason = status == 401 ? "unauthorized" : status == 500 ? "internal-error" : Failures.reason(t);
            JsonObject json = new JsonObject();
            json.put("type", "urn:camel-smime:problem:" + reason);
            json.put("title", title);
            json.put("status", status);
            json.put("detail", status == 500 ? "see the gateway log" : Failures.message(t));
            json.put("reason", reason);
            var in = exchange.getMessage();
            in.removeHeaders("*");
            in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
            in.setHeader(Exchange.CONTENT_TYPE, PROBLEM_JSON);
            in.setBody(json.toJson().getBytes(StandardCharsets.UTF_8));
        };
    }
}

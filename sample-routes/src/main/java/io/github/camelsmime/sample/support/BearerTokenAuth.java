package io.github.camelsmime.sample.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Checks {@code Authorization: Bearer <token>} in constant time and throws {@link UnauthorizedException} otherwise.
 * It runs after {@link HttpRequestHeaders}, which sets the Authorization header from the request header alone (never
 * from a query or form parameter). The token only grants use of the HTTP API; it is not key material. The
 * Authorization header is removed after the check so that it can never be echoed into a response.
 */
public class BearerTokenAuth implements Processor {

    private final byte[] token;

    public BearerTokenAuth(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("empty token");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** 32 random bytes, URL-safe Base64 without padding. */
    public static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void process(Exchange exchange) {
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        exchange.getMessage().removeHeader("Authorization");
        check(header);
    }

    /** Throws {@link UnauthorizedException} unless the Authorization header value carries the token. */
    public void check(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new UnauthorizedException("missing bearer token");
        }
        byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(presented, token)) {
            throw new UnauthorizedException("invalid bearer token");
        }
    }

    /** No or a wrong bearer token: answered with 401. */
    public static class UnauthorizedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnauthorizedException(String message) {
            super(message);
        }
    }
}

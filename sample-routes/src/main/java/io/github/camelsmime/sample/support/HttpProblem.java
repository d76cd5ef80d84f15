package io.github.camelsmime.sample.support;

import java.nio.charset.StandardCharsets;

import io.github.camelsmime.SmimeDecryptionException;
import io.github.camelsmime.SmimeException;
import io.github.camelsmime.SmimeFormatException;
import io.github.camelsmime.SmimeLimitException;
import io.github.camelsmime.SmimeSignatureException;
import io.github.camelsmime.SmimeTrustException;
import jakarta.mail.MessagingException;
import org.apache.camel.util.json.JsonObject;

/**
 * An RFC 9457 problem, the body of every error answer of the HTTP API, whether a route or the HTTP server gives it.
 *
 * @param reason the short code that ends the {@code type} URN and is repeated as {@code reason}
 */
public record HttpProblem(int status, String title, String reason, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * The answer for a failed request. Every decryption failure gets one status, title and detail, whatever step
     * failed and whatever the exception says, so that the answer cannot serve as a padding oracle.
     */
    public static HttpProblem of(Throwable failure) {
        if (failure instanceof BearerTokenAuth.UnauthorizedException) {
            return new HttpProblem(401, "Unauthorized", "unauthorized", failure.getMessage());
        }
        if (failure instanceof BadRequestException) {
            return new HttpProblem(400, "Bad request", "bad-request", failure.getMessage());
        }
        SmimeException smime = Failures.smime(failure);
        if (smime != null) {
            String reason = smime.getReason();
            if (smime instanceof SmimeDecryptionException || SmimeDecryptionException.REASON.equals(reason)) {
                return new HttpProblem(422, "S/MIME check failed", SmimeDecryptionException.REASON,
                        SmimeDecryptionException.MESSAGE);
            }
            String detail = Failures.message(smime);
            if (smime instanceof SmimeSignatureException || smime instanceof SmimeTrustException) {
                return new HttpProblem(422, "S/MIME check failed", reason, detail);
            }
            if (smime instanceof SmimeLimitException) {
                return new HttpProblem(413, "Content too large", reason, detail);
            }
            if (smime instanceof SmimeFormatException) {
                return new HttpProblem(400, "Malformed input", reason, detail);
            }
            return new HttpProblem(400, "S/MIME operation not possible", reason, detail);
        }
        if (failure instanceof MessagingException) {
            return new HttpProblem(400, "Malformed input", SmimeFormatException.REASON, Failures.message(failure));
        }
        return new HttpProblem(500, "Internal error", "internal-error", "see the gateway log");
    }

    public byte[] toJson() {
        JsonObject json = new JsonObject();
        json.put("type", "urn:camel-smime:problem:" + reason);
        json.put("title", title);
        json.put("status", status);
        json.put("detail", detail);
        json.put("reason", reason);
        return json.toJson().getBytes(StandardCharsets.UTF_8);
    }
}

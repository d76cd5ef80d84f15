package io.github.camelsmime;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Message;

import io.github.camelsmime.trust.Finding;
import io.github.camelsmime.unwrap.AuthenticationResults;
import io.github.camelsmime.unwrap.Verdict;

/**
 * The verdict as exchange headers ({@link SmimeConstants}): each header is a view of the one {@link Verdict}, or of
 * the failure when nothing could be opened. Incoming headers that claim a verdict are dropped first.
 */
final class VerdictHeaders {

    private final String authservId;

    VerdictHeaders(String authservId) {
        this.authservId = authservId;
    }

    /**
     * A sender cannot forge a verdict: any incoming CamelSmime* header, and any Authentication-Results header that
     * claims an smime result, is dropped before a message is opened.
     */
    static void removeIncoming(Message message) {
        message.removeHeaders(SmimeConstants.HEADER_PREFIX + "*");
        List<String> forged = new ArrayList<>();
        message.getHeaders().forEach((name, value) -> {
            if (name.equalsIgnoreCase(AuthenticationResults.HEADER) && AuthenticationResults.claimsSmime(value)) {
                forged.add(name);
            }
        });
        forged.forEach(message::removeHeader);
    }

    void apply(Message message, Verdict verdict) {
        message.setHeader(SmimeConstants.VERDICT, verdict);
        message.setHeader(SmimeConstants.LAYERS, verdict.layersAsString());
        message.setHeader(SmimeConstants.SIGNED, verdict.signed());
        setIfPresent(message, SmimeConstants.SIGNATURE_VALID, verdict.signatureValid());
        message.setHeader(SmimeConstants.TRUSTED, verdict.trusted());
        message.setHeader(SmimeConstants.SIGNERS, verdict.signers());
        message.setHeader(SmimeConstants.ENCRYPTED, verdict.encrypted());
        setIfPresent(message, SmimeConstants.CONTENT_ENCRYPTION_ALGORITHM, verdict.contentEncryptionAlgorithm());
        message.setHeader(SmimeConstants.COMPRESSED, verdict.compressed());
        message.setHeader(SmimeConstants.SENDER_CHECK, verdict.sender().status().code());
        setIfPresent(message, SmimeConstants.SENDER, verdict.sender().address());
        if (verdict.partiallySigned()) {
            message.setHeader(SmimeConstants.PARTIALLY_SIGNED, true);
        }
        setIfPresent(message, SmimeConstants.SIGNED_PARTS, verdict.partReferences("signed"));
        setIfPresent(message, SmimeConstants.ENCRYPTED_PARTS, verdict.partReferences("encrypted"));
        message.setHeader(SmimeConstants.AUTHENTICATION_RESULTS, AuthenticationResults.of(verdict, authservId));
        Finding first = verdict.firstFailure();
        if (first != null) {
            SmimeException typed = first.check().exception(first.message());
            message.setHeader(SmimeConstants.FAILURE_REASON, typed.getReason());
            message.setHeader(SmimeConstants.FAILURE_CHECK, typed.getCheck());
            message.setHeader(SmimeConstants.FAILURE_MESSAGE, String.join("; ", verdict.failures()));
        }
    }

    /** What is known when the message could not be opened at all. */
    void applyFailure(Message message, SmimeException failure) {
        message.setHeader(SmimeConstants.FAILURE_REASON, failure.getReason());
        message.setHeader(SmimeConstants.FAILURE_CHECK, failure.getCheck());
        message.setHeader(SmimeConstants.FAILURE_MESSAGE, failure.getMessage());
        message.setHeader(SmimeConstants.AUTHENTICATION_RESULTS, AuthenticationResults.ofFailure(failure, authservId));
    }

    private static void setIfPresent(Message message, String name, Object value) {
        if (value != null) {
            message.setHeader(name, value);
        }
    }
}

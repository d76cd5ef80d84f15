package io.github.camelsmime.unwrap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelsmime.verify.SignerResult;

/**
 * An S/MIME entity found inside a message whose root is not itself an S/MIME layer (a signed part of a
 * multipart/mixed, an encrypted part of a multipart/alternative). Such a part is reported, never opened as the
 * message: a signed part does not make the message signed, and an encrypted part is not decrypted into it. This is the
 * verdict's view of a part, as {@link io.github.camelsmime.trust.VerdictPolicy} judged it.
 *
 * @param position       the IMAP-style part number, for example {@code 2} or {@code 1.3}
 * @param contentId      the part's Content-ID, or null
 * @param type           signed, encrypted or compressed
 * @param signatureValid for signed parts: whether every signature of the part verifies; null when not checked
 * @param trusted        for signed parts: valid, and every signer passed the certificate policy
 * @param signers        for signed parts: the signers with their checks
 */
public record EmbeddedPart(String position, String contentId, String type, Boolean signatureValid, boolean trusted,
        List<SignerResult> signers) {

    public EmbeddedPart {
        signers = List.copyOf(signers);
    }

    public boolean isSigned() {
        return type.equals("signed");
    }

    /** {@code 2} or {@code 2 <cid>}: how headers name the part. */
    public String reference() {
        return contentId == null ? position : position + " " + contentId;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("position", position);
        m.put("contentId", contentId);
        m.put("type", type);
        if (isSigned()) {
            m.put("signatureValid", signatureValid);
            m.put("trusted", trusted);
            m.put("signers", signers.stream().map(SignerResult::toMap).toList());
        }
        return m;
    }

    @Override
    public String toString() {
        return "part " + reference() + " (" + type + (isSigned() ? ", valid=" + signatureValid + ", trusted="
                + trusted : "") + ")";
    }
}

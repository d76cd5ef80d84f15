package io.github.camelsmime.unwrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelsmime.verify.SignerResult;

/**
 * The one decision about a message, made once in {@link Unwrapper}: which layers were opened, whether the content is
 * signed, whether every signature verifies and every signer is trusted, and what failed. Exchange headers, the JSON
 * sidecar of the sample routes and HTTP responses are views of this record.
 *
 * @param layers                     the layers found, outermost first: signed, encrypted, compressed
 * @param signed                     a signature covers the content (one that lies inside every encryption layer)
 * @param signatureValid             every signature of every signed layer verifies; null when nothing was signed
 * @param trusted                    at least one signature, every signature valid, every signer passed the trust policy
 * @param signers                    signers of all signed layers, outermost layer first
 * @param contentEncryptionAlgorithm of the innermost encryption layer, or null
 * @param failures                   every failed check, human readable; empty when the message passed everything
 */
public record Verdict(List<String> layers, boolean signed, Boolean signatureValid, boolean trusted,
        List<SignerResult> signers, boolean encrypted, String contentEncryptionAlgorithm, boolean compressed,
        List<String> failures) {

    public Verdict {
        layers = List.copyOf(layers);
        signers = List.copyOf(signers);
        failures = List.copyOf(failures);
    }

    public String layersAsString() {
        return String.join(",", layers);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layers", layers);
        m.put("signed", signed);
        m.put("signatureValid", signatureValid);
        m.put("trusted", trusted);
        m.put("encrypted", encrypted);
        m.put("contentEncryptionAlgorithm", contentEncryptionAlgorithm);
        m.put("compressed", compressed);
        List<Object> s = new ArrayList<>();
        signers.forEach(r -> s.add(r.toMap()));
        m.put("signers", s);
        m.put("failures", failures);
        return m;
    }

    /** The verdict as a JSON object, without any dependency on a JSON library. */
    public String toJson() {
        StringBuilder sb = new StringBuilder();
        Json.write(toMap(), sb);
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Verdict[layers=" + layersAsString() + ", signed=" + signed + ", signatureValid=" + signatureValid
                + ", trusted=" + trusted + ", signers=" + signers + (failures.isEmpty() ? "" : ", failures=" + failures)
                + "]";
    }
}

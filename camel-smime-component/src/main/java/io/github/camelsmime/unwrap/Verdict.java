package io.github.camelsmime.unwrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelsmime.trust.Finding;
import io.github.camelsmime.trust.SenderBinding;
import io.github.camelsmime.verify.SignerResult;

/**
 * The one decision about a message, made once by {@link io.github.camelsmime.trust.VerdictPolicy} from the layer
 * trace: which layers were opened, whether the content is signed, whether every signature verifies and every signer
 * is trusted, whether the sender is proven, and what failed. Exchange headers, {@code Authentication-Results}, the
 * JSON sidecar of the sample routes and HTTP responses are views of this record.
 *
 * @param layers                     the layers found, outermost first: signed, encrypted, compressed
 * @param signed                     a signature covers the content (one that lies inside every encryption layer)
 * @param signatureValid             every signature of every signed layer verifies; null when nothing was signed
 * @param trusted                    at least one signature, every signature valid, every signer passed the
 *                                   certificate policy, and the sender binding did not fail ("signed and trusted"
 *                                   needs {@code signed} too)
 * @param signers                    signers of all signed layers, outermost layer first
 * @param contentEncryptionAlgorithm of the innermost encryption layer, or null
 * @param findings                   every failed check, in order of precedence; empty when the message passed
 * @param sender                     the sender binding: pass, fail, none (nothing to check) or off
 * @param partiallySigned            the root is not signed, but a part inside it is
 * @param parts                      S/MIME parts found inside a root that is not itself an S/MIME layer
 */
public record Verdict(List<String> layers, boolean signed, Boolean signatureValid, boolean trusted,
        List<SignerResult> signers, boolean encrypted, String contentEncryptionAlgorithm, boolean compressed,
        List<Finding> findings, SenderBinding.Result sender, boolean partiallySigned, List<EmbeddedPart> parts) {

    public Verdict {
        layers = List.copyOf(layers);
        signers = List.copyOf(signers);
        findings = List.copyOf(findings);
        parts = List.copyOf(parts);
    }

    /** Every failed check in words; empty when the message passed everything. */
    public List<String> failures() {
        return findings.stream().map(Finding::message).toList();
    }

    /** The codes of the failed checks, most important first. */
    public List<String> failedChecks() {
        return findings.stream().map(f -> f.check().code()).distinct().toList();
    }

    /** The check that decides the outcome (the first failure), or null when the message passed. */
    public Finding firstFailure() {
        return findings.isEmpty() ? null : findings.get(0);
    }

    public String layersAsString() {
        return String.join(",", layers);
    }

    /** The parts of the given type, as {@code position <content-id>} references, comma separated; null when none. */
    public String partReferences(String type) {
        List<String> refs = parts.stream().filter(p -> p.type().equals(type)).map(EmbeddedPart::reference).toList();
        return refs.isEmpty() ? null : String.join(",", refs);
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
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("status", sender.status().code());
        binding.put("address", sender.address());
        binding.put("detail", sender.detail());
        m.put("sender", binding);
        m.put("partiallySigned", partiallySigned);
        m.put("parts", parts.stream().map(EmbeddedPart::toMap).toList());
        m.put("failedChecks", failedChecks());
        m.put("failures", failures());
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
                + ", trusted=" + trusted + ", sender=" + sender.status().code() + ", signers=" + signers
                + (partiallySigned ? ", partiallySigned, parts=" + parts : "")
                + (findings.isEmpty() ? "" : ", failures=" + findings) + "]";
    }
}

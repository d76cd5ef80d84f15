package io.github.camelsmime.unwrap;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.camelsmime.SmimeCheck;
import io.github.camelsmime.trust.Finding;
import io.github.camelsmime.trust.SenderBinding;
import io.github.camelsmime.verify.SignerResult;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdict's JSON (sidecar files, HTTP answers) keeps its layout and survives any text a certificate carries. */
class VerdictJsonTest {

    private static Verdict verdict(String subject) {
        SignerResult signer = SignerResult.verified(subject, List.of("a@example.com"), "CN=CA", "1f",
                Instant.parse("2026-01-02T03:04:05Z"), "SHA-256", "SHA256withRSA", true, null, null)
                .withTrust(false, "untrusted", List.of("trust"), null);
        return new Verdict(List.of("signed"), true, true, false, List.of(signer), false, null, false,
                List.of(new Finding(SmimeCheck.SIGNATURE, "bad")),
                new SenderBinding.Result(SenderBinding.Status.NONE, null, "no From"), false, List.of());
    }

    @Test
    void compactLayoutInFieldOrder() {
        assertThat(verdict("CN=Alice").toJson()).startsWith(
                "{\"layers\":[\"signed\"],\"signed\":true,\"signatureValid\":true,\"trusted\":false,"
                        + "\"encrypted\":false,\"contentEncryptionAlgorithm\":null,\"compressed\":false,"
                        + "\"signers\":[{\"subject\":\"CN=Alice\",\"emailAddresses\":[\"a@example.com\"],")
                .endsWith("\"sender\":{\"status\":\"none\",\"address\":null,\"detail\":\"no From\"},"
                        + "\"partiallySigned\":false,\"parts\":[],\"failedChecks\":[\"signature\"],"
                        + "\"failures\":[\"bad\"]}");
    }

    @Test
    void anySubjectTextParsesBackUnchanged() throws Exception {
        String hostile = "CN=\"q\" \\ back/slash\n\r\t\u0001\u2028 é 𝄞, O=x\"}],\"trusted\":true";
        Verdict v = verdict(hostile);
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) Jsoner.deserialize(v.toJson());
        @SuppressWarnings("unchecked")
        Map<String, Object> signer = (Map<String, Object>) ((List<Object>) parsed.get("signers")).get(0);
        assertThat(signer.get("subject")).isEqualTo(hostile);
        assertThat(parsed.get("trusted")).isEqualTo(false);
        assertThat(parsed.keySet()).containsExactlyElementsOf(v.toMap().keySet());
    }
}

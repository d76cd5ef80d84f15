package io.github.camelsmime.verify;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is known about one signer of one signed layer: who (from the certificate that matched the SignerInfo), which
 * algorithms, whether the signature math holds, and whether the certificate is trusted (and if not, why).
 *
 * @param certificate the signer certificate found in the message, or null when none matched
 */
public record SignerResult(String subject, List<String> emailAddresses, String issuer, String serialNumber,
        Instant signingTime, String digestAlgorithm, String signatureAlgorithm, boolean signatureValid,
        String signatureFailure, boolean trusted, String trustFailure, X509Certificate certificate) {

    public SignerResult {
        emailAddresses = emailAddresses == null ? List.of() : List.copyOf(emailAddresses);
    }

    public SignerResult withTrust(boolean trusted, String trustFailure) {
        return new SignerResult(subject, emailAddresses, issuer, serialNumber, signingTime, digestAlgorithm,
                signatureAlgorithm, signatureValid, signatureFailure, trusted, trustFailure, certificate);
    }

    /** A plain view for JSON, logs and headers (no certificate object). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", subject);
        m.put("emailAddresses", emailAddresses);
        m.put("issuer", issuer);
        m.put("serialNumber", serialNumber);
        m.put("signingTime", signingTime == null ? null : signingTime.toString());
        m.put("digestAlgorithm", digestAlgorithm);
        m.put("signatureAlgorithm", signatureAlgorithm);
        m.put("signatureValid", signatureValid);
        if (signatureFailure != null) {
            m.put("signatureFailure", signatureFailure);
        }
        m.put("trusted", trusted);
        if (trustFailure != null) {
            m.put("trustFailure", trustFailure);
        }
        return m;
    }

    @Override
    public String toString() {
        return "Signer[" + subject + ", " + signatureAlgorithm + ", valid=" + signatureValid + ", trusted=" + trusted
                + (trustFailure != null ? " (" + trustFailure + ")" : "") + "]";
    }
}

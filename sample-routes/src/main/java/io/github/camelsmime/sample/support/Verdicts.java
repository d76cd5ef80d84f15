package io.github.camelsmime.sample.support;

import java.util.ArrayList;
import java.util.List;

import io.github.camelsmime.SmimeConstants;
import io.github.camelsmime.unwrap.Verdict;
import io.github.camelsmime.verify.SignerResult;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * Views of the component's {@link Verdict} for the gateway: the JSON sidecar, the one-line log summary and the
 * signer list of the HTTP headers. The Verdict is the one place the decision lives; this only formats it.
 */
public final class Verdicts {

    /** Exchange property holding the summary line, for the routes' log statements. */
    public static final String SUMMARY = "GatewayVerdictSummary";

    private Verdicts() {
    }

    public static Verdict of(Exchange exchange) {
        return exchange.getMessage().getHeader(SmimeConstants.VERDICT, Verdict.class);
    }

    /** The verdict as (compact) JSON: {@code Verdict.toJson()}, or the verdict headers when there is no Verdict. */
    public static String json(Exchange exchange) {
        Verdict verdict = of(exchange);
        if (verdict != null) {
            return verdict.toJson();
        }
        Message in = exchange.getMessage();
        JsonObject json = new JsonObject();
        json.put("signed", in.getHeader(SmimeConstants.SIGNED));
        json.put("signatureValid", in.getHeader(SmimeConstants.SIGNATURE_VALID));
        json.put("trusted", in.getHeader(SmimeConstants.TRUSTED));
        json.put("encrypted", in.getHeader(SmimeConstants.ENCRYPTED));
        json.put("layers", in.getHeader(SmimeConstants.LAYERS, String.class));
        return json.toJson();
    }

    /** The verdict JSON, indented for people (the sidecar file). */
    public static String prettyJson(Exchange exchange) {
        return Jsoner.prettyPrint(json(exchange)) + "\n";
    }

    /** One line for the log: trust, signers with their algorithms, layers, encryption. */
    public static String summary(Exchange exchange) {
        Verdict v = of(exchange);
        if (v == null) {
            return "no verdict";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("signed=").append(v.signed())
                .append(" signatureValid=").append(v.signatureValid())
                .append(" trusted=").append(v.trusted())
                .append(" layers=").append(v.layersAsString().isEmpty() ? "none" : v.layersAsString());
        if (v.encrypted()) {
            sb.append(" encryption=").append(v.contentEncryptionAlgorithm());
        }
        if (!v.signers().isEmpty()) {
            sb.append(" signers=").append(signers(v));
        }
        if (!v.failures().isEmpty()) {
            sb.append(" failures=").append(v.failures());
        }
        return sb.toString();
    }

    /** "alice@example.com (CN=Alice,..., SHA256withRSA, valid, trusted)" for every signer. */
    public static String signers(Verdict v) {
        List<String> out = new ArrayList<>();
        for (SignerResult s : v.signers()) {
            String who = s.emailAddresses().isEmpty() ? s.subject() : String.join("/", s.emailAddresses());
            out.add(who + " (" + s.subject() + ", " + s.signatureAlgorithm() + ", "
                    + (s.signatureValid() ? "valid" : "INVALID") + ", "
                    + (s.trusted() ? "trusted" : "untrusted" + (s.trustFailure() != null ? ": " + s.trustFailure() : ""))
                    + ")");
        }
        return String.join("; ", out).replace('\r', ' ').replace('\n', ' ');
    }

    /** Signer addresses only, comma separated (for headers). */
    public static String signerAddresses(Verdict v) {
        List<String> out = new ArrayList<>();
        for (SignerResult s : v.signers()) {
            out.add(s.emailAddresses().isEmpty() ? s.subject() : String.join("/", s.emailAddresses()));
        }
        return String.join(", ", out).replace('\r', ' ').replace('\n', ' ');
    }
}

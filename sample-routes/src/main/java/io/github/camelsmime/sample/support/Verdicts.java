package io.github.camelsmime.sample.support;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelsmime.SmimeConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * Views of the component's verdict for the gateway: the JSON sidecar, the one-line log summary and the HTTP
 * response headers. The component's {@code Verdict} is the one place the decision lives; this only formats it.
 */
public final class Verdicts {

    /** Exchange property holding the summary line, for the routes' log statements. */
    public static final String SUMMARY = "GatewayVerdictSummary";

    private Verdicts() {
    }

    /** The verdict as JSON: the component's {@code Verdict.toJson()}, else the verdict headers as an object. */
    public static String json(Exchange exchange) {
        Message in = exchange.getMessage();
        Object verdict = in.getHeader(SmimeConstants.VERDICT);
        if (verdict != null) {
            String json = invokeToJson(verdict);
            if (json != null) {
                return json;
            }
        }
        return Jsoner.prettyPrint(new JsonObject(headerValues(in)).toJson());
    }

    /** The verdict headers, by their short name. */
    public static Map<String, Object> headerValues(Message in) {
        Map<String, Object> map = new LinkedHashMap<>();
        put(map, "signed", in.getHeader(SmimeConstants.SIGNED));
        put(map, "signatureValid", in.getHeader(SmimeConstants.SIGNATURE_VALID));
        put(map, "trusted", in.getHeader(SmimeConstants.TRUSTED));
        put(map, "encrypted", in.getHeader(SmimeConstants.ENCRYPTED));
        put(map, "contentEncryptionAlgorithm", in.getHeader(SmimeConstants.CONTENT_ENCRYPTION_ALGORITHM));
        put(map, "compressed", in.getHeader(SmimeConstants.COMPRESSED));
        put(map, "layers", in.getHeader(SmimeConstants.LAYERS));
        Object signers = in.getHeader(SmimeConstants.SIGNERS);
        if (signers instanceof Collection<?> list) {
            List<String> out = new ArrayList<>();
            for (Object signer : list) {
                out.add(String.valueOf(signer));
            }
            map.put("signers", out);
        }
        return map;
    }

    /** One line for the log: signers, algorithms, trust. */
    public static String summary(Exchange exchange) {
        Message in = exchange.getMessage();
        StringBuilder sb = new StringBuilder();
        sb.append("signed=").append(in.getHeader(SmimeConstants.SIGNED));
        sb.append(" signatureValid=").append(in.getHeader(SmimeConstants.SIGNATURE_VALID));
        sb.append(" trusted=").append(in.getHeader(SmimeConstants.TRUSTED));
        sb.append(" encrypted=").append(in.getHeader(SmimeConstants.ENCRYPTED));
        Object alg = in.getHeader(SmimeConstants.CONTENT_ENCRYPTION_ALGORITHM);
        if (alg != null) {
            sb.append(" encryption=").append(alg);
        }
        sb.append(" layers=").append(in.getHeader(SmimeConstants.LAYERS));
        Object signers = in.getHeader(SmimeConstants.SIGNERS);
        if (signers instanceof Collection<?> list && !list.isEmpty()) {
            sb.append(" signers=").append(list);
        }
        return sb.toString();
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value instanceof Boolean || value instanceof Number ? value : value.toString());
        }
    }

    private static String invokeToJson(Object verdict) {
        try {
            Method m = verdict.getClass().getMethod("toJson");
            Object json = m.invoke(verdict);
            return json == null ? null : json.toString();
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}

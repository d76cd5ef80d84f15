package io.github.camelsmime.sample.support;

import java.util.StringJoiner;

import io.github.camelsmime.sample.GatewaySettings;

/**
 * The {@code smime:} endpoint URIs of the routes. The key material (signer and decryption keystores, passwords,
 * recipient certificates, trust anchors) is the component's configuration, set once in {@code application.properties}
 * ({@code camel.component.smime.*} from the {@code smime.*} properties), so a URI names only the operation and what
 * differs per route. The optional settings that the component reads as "unset" only when absent (signer alias,
 * algorithms) are added here when they have a value. Values go in as {@code RAW(...)}.
 */
public final class SmimeUris {

    private final GatewaySettings s;

    public SmimeUris(GatewaySettings settings) {
        this.s = settings;
    }

    /** smime:sign with the gateway's signer key. */
    public String sign(String inputFormat) {
        return signer(new Uri("sign")).opt("inputFormat", inputFormat).toString();
    }

    /** smime:sign-encrypt: signed by the gateway's signer, encrypted to {@code recipients} (empty: the To/Cc). */
    public String signEncrypt(String recipients, String inputFormat) {
        return encryption(signer(new Uri("sign-encrypt"))).opt("recipients", recipients)
                .opt("inputFormat", inputFormat).toString();
    }

    /** smime:encrypt to {@code recipients} (empty: the To/Cc addresses of the message). */
    public String encrypt(String recipients, String inputFormat) {
        return encryption(new Uri("encrypt")).opt("recipients", recipients).opt("inputFormat", inputFormat)
                .toString();
    }

    /** smime:unwrap with the decryption keys and trust anchors. */
    public String unwrap(boolean requireSigned, boolean outputParts) {
        return new Uri("unwrap").opt("requireSigned", String.valueOf(requireSigned))
                .opt("outputParts", String.valueOf(outputParts)).toString();
    }

    public String verify() {
        return new Uri("verify").toString();
    }

    public String decrypt() {
        return new Uri("decrypt").toString();
    }

    private Uri signer(Uri uri) {
        return uri.opt("signerAlias", s.find(GatewaySettings.SIGNER_ALIAS).orElse(null))
                .opt("signatureAlgorithm", s.find(GatewaySettings.SIGNATURE_ALGORITHM).orElse(null));
    }

    private Uri encryption(Uri uri) {
        return uri.opt("encryptionAlgorithm", s.find(GatewaySettings.ENCRYPTION_ALGORITHM).orElse(null));
    }

    private static final class Uri {
        private final String operation;
        private final StringJoiner options = new StringJoiner("&");

        Uri(String operation) {
            this.operation = operation;
        }

        Uri opt(String name, String value) {
            if (value != null && !value.isBlank()) {
                String v = value.trim();
                options.add(name + "=" + (v.contains(")") ? "RAW{" + v + "}" : "RAW(" + v + ")"));
            }
            return this;
        }

        @Override
        public String toString() {
            String opts = options.toString();
            return "smime:" + operation + (opts.isEmpty() ? "" : "?" + opts);
        }
    }
}

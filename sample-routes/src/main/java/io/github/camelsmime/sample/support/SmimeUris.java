package io.github.camelsmime.sample.support;

import java.nio.file.Path;
import java.util.StringJoiner;

import io.github.camelsmime.sample.GatewaySettings;

/**
 * Builds {@code smime:} endpoint URIs from the gateway's key-material properties. Every value goes in as
 * {@code RAW(...)} so that passwords and paths with {@code &}, {@code +} or {@code %} survive; Camel masks the
 * password options when it logs an endpoint.
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
        return recipientCerts(signer(new Uri("sign-encrypt"))).opt("recipients", recipients)
                .opt("inputFormat", inputFormat).toString();
    }

    /** smime:encrypt to {@code recipients} (empty: the To/Cc addresses of the message). */
    public String encrypt(String recipients, String inputFormat) {
        return recipientCerts(new Uri("encrypt")).opt("recipients", recipients).opt("inputFormat", inputFormat)
                .toString();
    }

    /** smime:unwrap with the decryption keys and trust anchors. */
    public String unwrap(boolean requireSigned, boolean outputParts) {
        return trust(decrypter(new Uri("unwrap"))).opt("requireSigned", String.valueOf(requireSigned))
                .opt("outputParts", String.valueOf(outputParts)).toString();
    }

    public String verify() {
        return trust(new Uri("verify")).toString();
    }

    public String decrypt() {
        return decrypter(new Uri("decrypt")).toString();
    }

    private Uri signer(Uri uri) {
        return uri.opt("signerKeyStore", abs(s.find(GatewaySettings.SIGNER_KEYSTORE).orElse(null)))
                .secret("signerKeyStorePassword", s.find(GatewaySettings.SIGNER_PASSWORD).orElse(null))
                .opt("signerAlias", s.find(GatewaySettings.SIGNER_ALIAS).orElse(null))
                .opt("signatureAlgorithm", s.find(GatewaySettings.SIGNATURE_ALGORITHM).orElse(null));
    }

    private Uri recipientCerts(Uri uri) {
        return uri.opt("recipientCertificateDir", abs(s.find(GatewaySettings.RECIPIENTS_DIR).orElse(null)))
                .opt("encryptionAlgorithm", s.find(GatewaySettings.ENCRYPTION_ALGORITHM).orElse(null));
    }

    private Uri decrypter(Uri uri) {
        return uri.opt("decryptKeyStore", abs(s.find(GatewaySettings.DECRYPT_KEYSTORE).orElse(null)))
                .secret("decryptKeyStorePassword", s.find(GatewaySettings.DECRYPT_PASSWORD).orElse(null));
    }

    private Uri trust(Uri uri) {
        return uri.opt("trustAnchors", abs(s.find(GatewaySettings.TRUST_ANCHORS).orElse(null)));
    }

    private static String abs(String path) {
        if (path == null || path.contains(":") && !path.startsWith("/")) {
            return path; // classpath:, file: and the like stay as they are
        }
        return Path.of(path).toAbsolutePath().normalize().toString();
    }

    private static final class Uri {
        private final String operation;
        private final StringJoiner options = new StringJoiner("&");

        Uri(String operation) {
            this.operation = operation;
        }

        Uri opt(String name, String value) {
            if (value != null && !value.isBlank()) {
                options.add(name + "=" + raw(value.trim()));
            }
            return this;
        }

        Uri secret(String name, String value) {
            if (value != null && !value.isEmpty()) {
                options.add(name + "=" + raw(value));
            }
            return this;
        }

        /** RAW(value), or RAW{value} when the value contains a closing parenthesis. */
        private static String raw(String value) {
            return value.contains(")") ? "RAW{" + value + "}" : "RAW(" + value + ")";
        }

        @Override
        public String toString() {
            String opts = options.toString();
            return "smime:" + operation + (opts.isEmpty() ? "" : "?" + opts);
        }
    }
}

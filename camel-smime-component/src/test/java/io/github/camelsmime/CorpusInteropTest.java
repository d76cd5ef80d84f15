package io.github.camelsmime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.camelsmime.unwrap.Verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every message row of the shared corpus manifest that this check can judge, against the manifest's expected outcome:
 * signature math, trust to the listed anchor, decryption with the listed key, failures as typed exceptions. Rows
 * whose expectation depends on certificate policy at a historical time (expired, revoked, key usage, validation at
 * signingTime) or on partial signing are the trust policy's to judge and are skipped here with that reason.
 */
class CorpusInteropTest extends SmimeTestSupport {

    private static final Pattern P12 = Pattern.compile("([\\w./-]+\\.p12) \\(pass (\\w+)\\)");
    private static final Pattern PEM_PAIR = Pattern.compile("([\\w./-]+\\.(?:pem|key)) \\+ ([\\w./-]+\\.(?:pem|crt))");
    private static final Pattern DER_KEY = Pattern.compile("([\\w./-]+\\.pri)");
    private static final Pattern ANCHOR = Pattern.compile("([\\w./-]+(?:TestCA\\.pem|root\\.crt|Self\\.cer|ca\\.rsa\\.crt"
            + "|StartComCertificationAuthority\\.crt))");

    /**
     * The manifest records what OpenSSL's cryptography says, not a policy: SHA-1, DSA, 1024-bit RSA, unsigned CBC
     * content, unsigned content (as openssl cms -decrypt) and unbound senders are accepted here. How the
     * component's default policy judges these messages is CorpusPolicyTest's subject.
     */
    static final String AS_OPENSSL_JUDGES = "allowSha1=true&allowDsa=true&minimumRsaKeySize=1024"
            + "&allowUnauthenticatedEncryption=true&senderBinding=off&requireSigned=false";

    static List<Corpus.Row> rows() {
        return Corpus.rows();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void manifestRowHasItsExpectedOutcome(Corpus.Row row) throws Exception {
        Path dir = Corpus.dir();
        String expected = row.expected().toLowerCase(Locale.ROOT);
        skipRowsThatAreNotOurs(row, expected);
        String uri = "smime:unwrap?" + options(dir, row) + "&" + AS_OPENSSL_JUDGES;
        byte[] message = Files.readAllBytes(dir.resolve(row.path()));

        if (expected.contains("invalid-signature") || expected.startsWith("invalid (must be rejected")) {
            assertThat(failure(uri, message)).isInstanceOf(SmimeSignatureException.class);
        } else if (expected.startsWith("untrusted")) {
            assertThat(failure(uri, message)).isInstanceOf(SmimeTrustException.class);
        } else if (expected.startsWith("decrypt-fail (not envelopeddata)")) {
            assertThat(failure(uri.replace("smime:unwrap", "smime:decrypt"), message))
                    .isInstanceOf(SmimeFormatException.class);
        } else if (expected.startsWith("decrypt-fail")) {
            assertThat(failure(uri, message)).isInstanceOf(SmimeDecryptionException.class);
        } else if (expected.startsWith("inner decrypt-fail with shipped keys")) {
            // an OpenPGP multipart/signed is not an S/MIME layer: nothing is opened, nothing is claimed
            Verdict v = send(uri, message).getMessage().getHeader(SmimeConstants.VERDICT, Verdict.class);
            assertThat(v.layers()).isEmpty();
            assertThat(v.signed()).isFalse();
        } else if (expected.startsWith("certs-only") || expected.startsWith("content =")
                || expected.startsWith("digest-ok") || expected.startsWith("decrypt: unknown key")) {
            // Data, DigestedData, EncryptedData and certs-only SignedData carry no S/MIME layer to open
            assertThat(failure(uri, message)).isInstanceOf(SmimeFormatException.class);
        } else if (expected.startsWith("no cryptographic protection")) {
            // nothing to open: reported as unsigned where the route lets unsigned content through, refused where a
            // signature is required
            Verdict v = send(uri, message).getMessage().getHeader(SmimeConstants.VERDICT, Verdict.class);
            assertThat(v.layers()).isEmpty();
            assertThat(v.signed()).isFalse();
            assertThat(v.encrypted()).isFalse();
            assertThat(v.failures()).isEmpty();
            String defaultUnwrap = uri.replace("&requireSigned=false", "");
            Exception refused = failure(defaultUnwrap + "&requireSigned=true", message);
            assertThat(refused).isInstanceOf(SmimeSignatureException.class);
            assertThat(((SmimeException) refused).getCheck()).isEqualTo(SmimeCheck.NOT_SIGNED.code());
            // fail closed: the default unwrap (no requireSigned option) refuses them as well
            Exception byDefault = failure(defaultUnwrap, message);
            assertThat(byDefault).isInstanceOf(SmimeSignatureException.class);
            assertThat(((SmimeException) byDefault).getCheck()).isEqualTo(SmimeCheck.NOT_SIGNED.code());
        } else if (expected.startsWith("valid-signature (no anchor)")) {
            Exchange out = send(uri + "&reportOnly=true", message);
            assertThat(out.getMessage().getHeader(SmimeConstants.SIGNATURE_VALID, Boolean.class)).isTrue();
            assertThat(out.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isFalse();
        } else if (expected.startsWith("valid") || expected.startsWith("decrypt-ok")) {
            Exchange out = send(uri, message);
            Verdict v = out.getMessage().getHeader(SmimeConstants.VERDICT, Verdict.class);
            assertThat(v.failures()).isEmpty();
            int signatures = count(expected, "valid");
            int decryptions = count(expected, "decrypt-ok");
            assertThat(v.layers().stream().filter("signed"::equals).count()).as("signed layers").isEqualTo(signatures);
            assertThat(v.layers().stream().filter("encrypted"::equals).count()).as("encrypted layers")
                    .isEqualTo(decryptions);
            if (signatures > 0) {
                assertThat(v.signatureValid()).isTrue();
                assertThat(v.trusted()).isTrue();
            }
        } else {
            throw new AssertionError("manifest expectation not understood: " + row.expected());
        }
    }

    private static void skipRowsThatAreNotOurs(Corpus.Row row, String expected) {
        assumeTrue(!row.path().contains("/keys/"), "key material row, not a message");
        assumeTrue(row.atTime() == null,
                "judged at a historical validation time (-attime): trust policy, see CorpusPolicyTest");
        assumeTrue(!expected.matches("^(expired|not-yet-valid|revoked|bad-key-usage|bad-ext-key-usage).*"),
                "certificate policy outcome: trust policy, see CorpusPolicyTest");
        assumeTrue(!expected.contains("signed sub-part only") && !expected.contains("each part individually"),
                "partial signing / EFAIL structure: trust policy, see CorpusPolicyTest");
        assumeTrue(!row.keyOrTrust().contains("KEK"),
                "KEK (pre-shared symmetric key) recipients are not a configuration the component offers");
        assumeTrue(!row.kind().contains("detached content =") && !row.keyOrTrust().contains("content rfc4134"),
                "detached DER signature over a separate file: there is no S/MIME message to verify");
    }

    /** The key and trust options of a row (also used by CorpusPolicyTest). */
    static String options(Path dir, Corpus.Row row) {
        List<String> options = new ArrayList<>();
        String keys = row.keyOrTrust();
        Matcher p12 = P12.matcher(keys);
        if (p12.find()) {
            options.add("decryptKeyStore=" + dir.resolve(p12.group(1)) + "&decryptKeyStorePassword=" + p12.group(2));
        }
        Matcher pair = PEM_PAIR.matcher(keys);
        if (pair.find()) {
            options.add("decryptPrivateKey=" + dir.resolve(pair.group(1)) + "&decryptCertificate="
                    + dir.resolve(pair.group(2)));
        }
        Matcher der = DER_KEY.matcher(keys);
        if (der.find()) {
            String key = der.group(1);
            String cert = key.replace("PrivRSAEncrypt.pri", "RSASignByCarl.cer").replace("PrivRSASign.pri",
                    "RSASignByCarl.cer");
            options.add("decryptPrivateKey=" + dir.resolve(key) + "&decryptCertificate=" + dir.resolve(cert));
        }
        Matcher anchor = ANCHOR.matcher(keys);
        boolean notAnchored = keys.contains("does NOT anchor") || keys.contains("not anchored");
        if (anchor.find() && !notAnchored) {
            options.add("trustAnchors=" + dir.resolve(anchor.group(1)));
        } else if (notAnchored && anchor.find(0)) {
            options.add("trustAnchors=" + dir.resolve(anchor.group(1)));
        }
        if (options.isEmpty()) {
            // something to decrypt with that is certainly not a recipient, so "no key" rows fail for that reason
            options.add(decryptor("bob"));
        }
        return String.join("&", options);
    }

    private static int count(String text, String word) {
        int n = 0;
        for (String part : text.split("\\+")) {
            String p = part.trim();
            if (word.equals("valid") ? p.startsWith("valid") : p.startsWith(word)) {
                n++;
            }
        }
        return n;
    }
}

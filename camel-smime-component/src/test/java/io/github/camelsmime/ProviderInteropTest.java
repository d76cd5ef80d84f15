package io.github.camelsmime;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.camelsmime.crypto.CryptoProviders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider choice changes speed, never the output: a message signed and encrypted with each {@code provider}
 * setting (auto, JDK, BC, ACCP) is verified and decrypted with every other setting, and by {@code openssl cms}.
 * ACCP is skipped when the Corretto provider does not load on this machine.
 */
class ProviderInteropTest extends SmimeTestSupport {

    static final List<String> PROVIDERS = List.of("auto", "JDK", "BC", "ACCP");

    static Stream<Arguments> producers() {
        List<Arguments> result = new ArrayList<>();
        for (String provider : PROVIDERS) {
            for (String signer : List.of("alice", "carol")) {
                result.add(Arguments.of(provider, signer));
            }
        }
        return result.stream();
    }

    private static void assumeLoadable(String provider) {
        if (provider.equals("ACCP")) {
            Assumptions.assumeTrue(CryptoProviders.correttoAvailable(),
                    "Amazon Corretto Crypto Provider does not load on this platform: ACCP skipped");
        }
    }

    @ParameterizedTest(name = "{1} signs and encrypts with provider={0}; every provider and openssl open it")
    @MethodSource("producers")
    void signEncryptedWithOneProviderOpensWithEveryOther(String producer, String signer) throws Exception {
        assumeLoadable(producer);
        String wire = bodyOf(send("smime:sign-encrypt?" + signer(signer) + "&" + recipient("bob") + "&provider="
                + producer, bytes(MESSAGE)));
        for (String consumer : PROVIDERS) {
            if (consumer.equals("ACCP") && !CryptoProviders.correttoAvailable()) {
                continue;
            }
            Exchange opened = send("smime:unwrap?" + decryptor("bob") + "&" + trust() + "&requireSigned=true"
                    + "&provider=" + consumer, wire);
            assertThat(opened.getMessage().getHeader(SmimeConstants.LAYERS)).as(producer + " -> " + consumer)
                    .isEqualTo("encrypted,signed");
            assertThat(opened.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
            assertThat(textOf(bodyOf(opened))).isEqualTo(textOf(MESSAGE));
        }
        String decrypted = openssl(wire, "cms", "-decrypt", "-recip", PKI.path("bob.pem"), "-inkey",
                PKI.path("bob.key.pem"));
        assertThat(decrypted).contains("multipart/signed");
        String verified = openssl(decrypted, "cms", "-verify", "-CAfile", PKI.path("ca.pem"));
        assertThat(verified.replace("\r\n", "\n")).contains("Hello Bob,");
    }

    @ParameterizedTest(name = "{1} signs opaque with provider={0}; every provider and openssl verify it")
    @MethodSource("producers")
    void signedWithOneProviderVerifiesWithEveryOther(String producer, String signer) throws Exception {
        assumeLoadable(producer);
        String wire = bodyOf(send("smime:sign?" + signer(signer) + "&detached=false&provider=" + producer,
                bytes(MESSAGE)));
        for (String consumer : PROVIDERS) {
            if (consumer.equals("ACCP") && !CryptoProviders.correttoAvailable()) {
                continue;
            }
            Exchange verified = send("smime:verify?" + trust() + "&provider=" + consumer, wire);
            assertThat(verified.getMessage().getHeader(SmimeConstants.SIGNATURE_VALID, Boolean.class))
                    .as(producer + " -> " + consumer).isTrue();
            assertThat(verified.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        }
        String verified = openssl(wire, "cms", "-verify", "-CAfile", PKI.path("ca.pem"));
        assertThat(verified.replace("\r\n", "\n")).contains("Hello Bob,");
    }

    /** Runs the openssl CLI with the input on a file; returns standard output, fails on a non-zero exit. */
    static String openssl(String input, String... args) throws Exception {
        Path in = Files.createTempFile("smime-in-", ".eml");
        Path out = Files.createTempFile("smime-out-", ".eml");
        Path err = Files.createTempFile("smime-err-", ".txt");
        try {
            Files.writeString(in, input, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            command.add("openssl");
            command.addAll(List.of(args));
            command.addAll(List.of("-in", in.toString(), "-out", out.toString()));
            Process p = new ProcessBuilder(command).redirectError(err.toFile())
                    .redirectOutput(new File("/dev/null")).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", command) + ": " + Files.readString(err)).isZero();
            return Files.readString(out, StandardCharsets.ISO_8859_1);
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

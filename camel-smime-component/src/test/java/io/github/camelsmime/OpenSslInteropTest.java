package io.github.camelsmime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interop in both directions with the openssl CLI: what we make, openssl verifies and decrypts; what openssl makes,
 * we verify and decrypt.
 */
class OpenSslInteropTest extends SmimeTestSupport {

    private static Path work;

    @BeforeAll
    static void openssl() throws Exception {
        OpenSsl.assumeAvailable();
        work = OpenSsl.tempDir();
        Files.writeString(work.resolve("message.eml"), MESSAGE, StandardCharsets.UTF_8);
    }

    static Stream<Arguments> signers() {
        return Stream.of(
                Arguments.of("alice", "SHA256withRSA"),
                Arguments.of("alice", "SHA512withRSA"),
                Arguments.of("alice", "SHA256withRSAandMGF1"),
                Arguments.of("carol", ""),
                Arguments.of("dave", ""));
    }

    @ParameterizedTest(name = "openssl verifies our {0} {1} signature, detached={2}")
    @MethodSource("signersBothForms")
    void opensslVerifiesOurSignature(String signer, String algorithm, boolean detached) throws Exception {
        Exchange signed = send("smime:sign?" + signer(signer) + "&signatureAlgorithm=" + algorithm + "&detached="
                + detached, bytes(MESSAGE));
        Path in = write("signed-" + signer + ".eml", bodyOf(signed));
        OpenSsl.Result r = OpenSsl.run(work, "cms", "-verify", "-in", in.toString(), "-CAfile", PKI.path("ca.pem"),
                "-purpose", "smimesign", "-out", work.resolve("verified.eml").toString());
        r.assertOk();
        assertThat(r.output()).contains("Verification successful");
        assertThat(textOf(Files.readString(work.resolve("verified.eml")))).isEqualTo(textOf(MESSAGE));
    }

    static Stream<Arguments> signersBothForms() {
        return signers().flatMap(a -> Stream.of(Arguments.of(a.get()[0], a.get()[1], true),
                Arguments.of(a.get()[0], a.get()[1], false)));
    }

    static Stream<Arguments> encryptions() {
        return Stream.of(
                Arguments.of("bob", "AES_256_GCM", "RSA_OAEP_SHA256"),
                Arguments.of("bob", "AES_128_GCM", "RSA_PKCS1"),
                Arguments.of("bob", "AES_256_CBC", "RSA_PKCS1"),
                Arguments.of("bob", "AES_192_CBC", "RSA_OAEP_SHA256"),
                Arguments.of("bob", "AES_128_CBC", "RSA_OAEP_SHA256"),
                Arguments.of("carol", "AES_256_GCM", "RSA_OAEP_SHA256"),
                Arguments.of("dave", "AES_256_CBC", "RSA_OAEP_SHA256"));
    }

    @ParameterizedTest(name = "openssl decrypts our {1} to {0} ({2})")
    @MethodSource("encryptions")
    void opensslDecryptsOurMessage(String recipient, String algorithm, String keyEncryption) throws Exception {
        Exchange encrypted = send("smime:encrypt?" + recipient(recipient) + "&encryptionAlgorithm=" + algorithm
                + "&keyEncryptionAlgorithm=" + keyEncryption, bytes(MESSAGE));
        Path in = write("encrypted-" + recipient + ".eml", bodyOf(encrypted));
        Path out = work.resolve("decrypted.eml");
        OpenSsl.run(work, "cms", "-decrypt", "-in", in.toString(), "-inkey", PKI.path(recipient + ".key.pem"),
                "-recip", PKI.path(recipient + ".pem"), "-out", out.toString()).assertOk();
        assertThat(textOf(Files.readString(out))).isEqualTo(textOf(MESSAGE));
    }

    @Test
    void opensslOpensOurSignedThenEncryptedMessage() throws Exception {
        Exchange out = send("smime:sign-encrypt?" + signer("alice") + "&" + recipient("bob"), bytes(MESSAGE));
        Path in = write("signed-encrypted.eml", bodyOf(out));
        Path inner = work.resolve("inner.eml");
        OpenSsl.run(work, "cms", "-decrypt", "-in", in.toString(), "-inkey", PKI.path("bob.key.pem"),
                "-recip", PKI.path("bob.pem"), "-out", inner.toString()).assertOk();
        OpenSsl.run(work, "cms", "-verify", "-in", inner.toString(), "-CAfile", PKI.path("ca.pem"),
                "-out", work.resolve("content.eml").toString()).assertOk();
        assertThat(textOf(Files.readString(work.resolve("content.eml")))).isEqualTo(textOf(MESSAGE));
    }

    static Stream<Arguments> opensslSigners() {
        return Stream.of(
                Arguments.of("alice", new String[] { "-md", "sha256" }, "SHA256withRSA"),
                Arguments.of("alice", new String[] { "-md", "sha384", "-keyopt", "rsa_padding_mode:pss" },
                        "SHA384withRSAandMGF1"),
                Arguments.of("carol", new String[] { "-md", "sha256" }, "SHA256withECDSA"),
                Arguments.of("dave", new String[] { "-md", "sha384" }, "SHA384withECDSA"));
    }

    @ParameterizedTest(name = "we verify openssl''s {0} signature {2}, detached={3}")
    @MethodSource("opensslSignersBothForms")
    void weVerifyOpensslSignature(String signer, String[] options, String reported, boolean detached)
            throws Exception {
        Path out = work.resolve("openssl-signed.eml");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("cms", "-sign", "-in",
                work.resolve("message.eml").toString(), "-signer", PKI.path(signer + ".pem"), "-inkey",
                PKI.path(signer + ".key.pem"), "-certfile", PKI.path("intermediate.pem"), "-out", out.toString()));
        if (!detached) {
            args.add("-nodetach");
        }
        args.addAll(java.util.List.of(options));
        OpenSsl.run(work, args.toArray(new String[0])).assertOk();

        Exchange verified = send("smime:verify?" + trust(), Files.readAllBytes(out));
        assertThat(verified.getMessage().getHeader(SmimeConstants.SIGNATURE_VALID, Boolean.class)).isTrue();
        assertThat(verified.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        io.github.camelsmime.unwrap.Verdict v = verified.getMessage().getHeader(SmimeConstants.VERDICT,
                io.github.camelsmime.unwrap.Verdict.class);
        assertThat(v.signers().get(0).signatureAlgorithm()).isEqualTo(reported);
        assertThat(textOf(bodyOf(verified))).isEqualTo(textOf(MESSAGE));
    }

    static Stream<Arguments> opensslSignersBothForms() {
        return opensslSigners().flatMap(a -> Stream.of(Arguments.of(a.get()[0], a.get()[1], a.get()[2], true),
                Arguments.of(a.get()[0], a.get()[1], a.get()[2], false)));
    }

    static Stream<Arguments> opensslEncryptions() {
        return Stream.of(
                Arguments.of("bob", new String[] { "-aes-256-gcm" }, "AES-256-GCM"),
                Arguments.of("bob", new String[] { "-aes-128-gcm" }, "AES-128-GCM"),
                Arguments.of("bob", new String[] { "-aes-256-cbc" }, "AES-256-CBC"),
                Arguments.of("bob", new String[] { "-aes-128-cbc", "-keyopt", "rsa_padding_mode:oaep", "-keyopt",
                        "rsa_oaep_md:sha256" }, "AES-128-CBC"),
                Arguments.of("carol", new String[] { "-aes-256-gcm" }, "AES-256-GCM"),
                Arguments.of("dave", new String[] { "-aes-192-cbc" }, "AES-192-CBC"));
    }

    @ParameterizedTest(name = "we decrypt openssl''s {2} to {0}")
    @MethodSource("opensslEncryptions")
    void weDecryptOpensslMessage(String recipient, String[] options, String reported) throws Exception {
        Path out = work.resolve("openssl-encrypted.eml");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("cms", "-encrypt", "-in",
                work.resolve("message.eml").toString(), "-out", out.toString()));
        // openssl applies -keyopt to the -recip given before it
        args.add(options[0]);
        args.addAll(java.util.List.of("-recip", PKI.path(recipient + ".pem")));
        args.addAll(java.util.List.of(options).subList(1, options.length));
        OpenSsl.run(work, args.toArray(new String[0])).assertOk();

        Exchange decrypted = send("smime:decrypt?" + decryptor(recipient), Files.readAllBytes(out));
        assertThat(decrypted.getMessage().getHeader(SmimeConstants.CONTENT_ENCRYPTION_ALGORITHM)).isEqualTo(reported);
        assertThat(textOf(bodyOf(decrypted))).isEqualTo(textOf(MESSAGE));
    }

    @Test
    void weUnwrapOpensslSignedThenEncryptedMessage() throws Exception {
        Path signed = work.resolve("o-signed.eml");
        Path enc = work.resolve("o-signed-encrypted.eml");
        OpenSsl.run(work, "cms", "-sign", "-in", work.resolve("message.eml").toString(), "-signer",
                PKI.path("alice.pem"), "-inkey", PKI.path("alice.key.pem"), "-certfile", PKI.path("intermediate.pem"),
                "-out", signed.toString()).assertOk();
        OpenSsl.run(work, "cms", "-encrypt", "-aes-256-gcm", "-in", signed.toString(), "-out", enc.toString(),
                "-recip", PKI.path("bob.pem")).assertOk();
        Exchange opened = send("smime:unwrap?" + decryptor("bob") + "&" + trust(), Files.readAllBytes(enc));
        assertThat(opened.getMessage().getHeader(SmimeConstants.LAYERS)).isEqualTo("encrypted,signed");
        assertThat(opened.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(textOf(bodyOf(opened))).isEqualTo(textOf(MESSAGE));
    }

    @Test
    void weInflateOpensslCompressedData() throws Exception {
        Path out = work.resolve("openssl-compressed.eml");
        OpenSsl.Result r = OpenSsl.run(work, "cms", "-compress", "-in", work.resolve("message.eml").toString(),
                "-out", out.toString());
        org.junit.jupiter.api.Assumptions.assumeTrue(r.exitCode() == 0,
                "this openssl build has no zlib support: " + r.output());
        Exchange opened = send("smime:unwrap", Files.readAllBytes(out));
        assertThat(opened.getMessage().getHeader(SmimeConstants.LAYERS)).isEqualTo("compressed");
        assertThat(textOf(bodyOf(opened))).isEqualTo(textOf(MESSAGE));
    }

    @Test
    void opensslInflatesOurCompressedData() throws Exception {
        Exchange compressed = send("smime:compress", bytes(MESSAGE));
        Path in = write("compressed.eml", bodyOf(compressed));
        OpenSsl.Result r = OpenSsl.run(work, "cms", "-uncompress", "-in", in.toString(), "-out",
                work.resolve("uncompressed.eml").toString());
        org.junit.jupiter.api.Assumptions.assumeTrue(!r.output().contains("unsupported compression"),
                "this openssl build has no zlib support: " + r.output());
        r.assertOk();
        assertThat(textOf(Files.readString(work.resolve("uncompressed.eml")))).isEqualTo(textOf(MESSAGE));
    }

    /**
     * Ed25519 in CMS (RFC 8419) needs OpenSSL 3.2 or later; 3.0 refuses to sign ("no default digest") or verify
     * ("invalid digest") any Ed25519 SignedData. Probed, not assumed: this runs wherever openssl can do it.
     */
    @Test
    void opensslVerifiesOurEd25519Signature() throws Exception {
        Path probeKey = work.resolve("probe-ed.key");
        Path probeCert = work.resolve("probe-ed.pem");
        OpenSsl.run(work, "genpkey", "-algorithm", "ed25519", "-out", probeKey.toString()).assertOk();
        OpenSsl.run(work, "req", "-new", "-x509", "-key", probeKey.toString(), "-subj", "/CN=probe", "-days", "1",
                "-out", probeCert.toString()).assertOk();
        OpenSsl.Result probe = OpenSsl.run(work, "cms", "-sign", "-in", work.resolve("message.eml").toString(),
                "-signer", probeCert.toString(), "-inkey", probeKey.toString(), "-out",
                work.resolve("probe.eml").toString());
        org.junit.jupiter.api.Assumptions.assumeTrue(probe.exitCode() == 0,
                "this openssl cannot do Ed25519 in CMS (needs 3.2+): " + probe.output());
        Exchange signed = send("smime:sign?" + signer("erin"), bytes(MESSAGE));
        Path in = write("signed-erin.eml", bodyOf(signed));
        OpenSsl.run(work, "cms", "-verify", "-in", in.toString(), "-CAfile", PKI.path("ca.pem"), "-out",
                work.resolve("verified-erin.eml").toString()).assertOk();
    }

    private static Path write(String name, String content) throws Exception {
        Path p = work.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }
}

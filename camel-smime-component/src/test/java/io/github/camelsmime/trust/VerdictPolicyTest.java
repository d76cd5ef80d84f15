package io.github.camelsmime.trust;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.github.camelsmime.SmimeCheck;
import io.github.camelsmime.SmimeOperation;
import io.github.camelsmime.unwrap.EmbeddedPart;
import io.github.camelsmime.unwrap.LayerTrace;
import io.github.camelsmime.unwrap.LayerTrace.Kind;
import io.github.camelsmime.unwrap.LayerTrace.Layer;
import io.github.camelsmime.unwrap.LayerTrace.Part;
import io.github.camelsmime.unwrap.LayerTrace.PartCheck;
import io.github.camelsmime.unwrap.LayerTrace.Signer;
import io.github.camelsmime.unwrap.Verdict;
import io.github.camelsmime.verify.SignerResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.camelsmime.SmimeCheck.DECRYPTION;
import static io.github.camelsmime.SmimeCheck.EXPIRED;
import static io.github.camelsmime.SmimeCheck.EXT_KEY_USAGE;
import static io.github.camelsmime.SmimeCheck.KEY_USAGE;
import static io.github.camelsmime.SmimeCheck.NOT_ENCRYPTED;
import static io.github.camelsmime.SmimeCheck.NOT_SIGNED;
import static io.github.camelsmime.SmimeCheck.NOT_YET_VALID;
import static io.github.camelsmime.SmimeCheck.PARTIALLY_SIGNED;
import static io.github.camelsmime.SmimeCheck.PATH;
import static io.github.camelsmime.SmimeCheck.REVOCATION_UNKNOWN;
import static io.github.camelsmime.SmimeCheck.REVOKED;
import static io.github.camelsmime.SmimeCheck.SENDER;
import static io.github.camelsmime.SmimeCheck.SIGNATURE;
import static io.github.camelsmime.SmimeCheck.WEAK_ALGORITHM;
import static io.github.camelsmime.SmimeOperation.decrypt;
import static io.github.camelsmime.SmimeOperation.unwrap;
import static io.github.camelsmime.SmimeOperation.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The verdict policy decides from a layer trace alone: each row is a hand-built trace (no Camel, no crypto, no files)
 * and the verdict it must give, so every check and the precedence between checks is pinned in one table.
 */
class VerdictPolicyTest {

    private static final String ALICE = "alice@example.com";
    private static final String BOB = "bob@example.com";
    private static final String MALLORY = "mallory@example.com";

    private static final VerdictPolicy STRICT = new VerdictPolicy(new SenderBinding(SenderBinding.Mode.FROM), false);
    private static final VerdictPolicy ALLOW_CBC = new VerdictPolicy(new SenderBinding(SenderBinding.Mode.FROM),
            true);
    private static final VerdictPolicy NO_BINDING = new VerdictPolicy(new SenderBinding(SenderBinding.Mode.OFF),
            false);

    /** One row: a trace, how it is opened, and the verdict it must give. */
    record Row(String name, VerdictPolicy policy, SmimeOperation operation, boolean requireSigned, LayerTrace trace,
            boolean signed, Boolean signatureValid, boolean trusted, List<SmimeCheck> failures, String firstMessage) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> table() {
        return Stream.of(
                // signatures and signers
                row("a trusted signer whose address is From passes", unwrap, true, from(ALICE, signed(good(ALICE))),
                        true, true, true),
                row("no layer and no signature required passes unsigned", unwrap, false, from(ALICE),
                        false, null, false),
                row("verify requires a signature", verify, false, from(ALICE),
                        false, null, false, NOT_SIGNED),
                row("requireSigned requires a signature in unwrap", unwrap, true, from(ALICE),
                        false, null, false, NOT_SIGNED),
                row("a signature that does not verify", verify, false, from(ALICE, signed(bad(ALICE))),
                        true, false, false, SIGNATURE),
                row("several signers, one invalid, fails the signature and names that signer", verify, false,
                        from(ALICE, signed(good(ALICE), bad(BOB))),
                        true, false, false, List.of(SIGNATURE), "signature of " + BOB + " is invalid"),
                row("a SignedData without signers is not signed", verify, false, from(ALICE, signed()),
                        false, null, false, List.of(NOT_SIGNED), "its SignedData has no signers"),
                row("a signature only over the ciphertext does not sign the content", unwrap, true,
                        from(ALICE, signed(good(ALICE)), gcm()),
                        false, true, true, List.of(NOT_SIGNED), "the signature only covers the encrypted data"),
                row("a signature inside the encryption signs the content", unwrap, true,
                        from(ALICE, gcm(), signed(good(ALICE))),
                        true, true, true),
                row("compression between encryption and signature", unwrap, true,
                        from(ALICE, gcm(), Layer.compressed(), signed(good(ALICE))),
                        true, true, true),
                // the certificate checks, one each, reported as the signer's
                trustRow(PATH), trustRow(EXPIRED), trustRow(NOT_YET_VALID), trustRow(REVOKED), trustRow(KEY_USAGE),
                trustRow(EXT_KEY_USAGE), trustRow(WEAK_ALGORITHM), trustRow(REVOCATION_UNKNOWN),
                row("several certificate failures are ordered by precedence", verify, false,
                        from(ALICE, signed(untrusted(ALICE, WEAK_ALGORITHM, REVOKED, PATH))),
                        true, true, false, PATH, REVOKED, WEAK_ALGORITHM),
                // the sender
                row("From is not an address of the signer", verify, false, from(MALLORY, signed(good(ALICE))),
                        true, true, false, List.of(SENDER), "From " + MALLORY + " is not an address of the signer"),
                row("two From fields fail the sender binding", verify, false,
                        new LayerTrace(List.of(signed(good(ALICE))), List.of(ALICE, ALICE), List.of(), List.of()),
                        true, true, false, SENDER),
                row("an invalid signature proves no sender", verify, false, from(MALLORY, signed(bad(ALICE))),
                        true, false, false, SIGNATURE),
                new Row("sender binding off accepts any From", NO_BINDING, verify, false,
                        from(MALLORY, signed(good(ALICE))), true, true, true, List.of(), null),
                row("signature, path and sender fail together in precedence order", verify, false,
                        from(MALLORY, signed(bad(BOB), untrusted(ALICE, PATH))),
                        true, false, false, SIGNATURE, PATH, SENDER),
                // embedded parts
                row("only a part is signed: partially signed", unwrap, true,
                        withParts(from(ALICE), signedPart("2", good(ALICE))),
                        false, null, false, List.of(PARTIALLY_SIGNED), "only part 2 inside it is signed"),
                row("a partially signed message without a signature requirement passes as unsigned", unwrap, false,
                        withParts(from(ALICE), signedPart("2", good(ALICE))),
                        false, null, false),
                row("verify refuses a partially signed message, whatever the part's signature", verify, false,
                        withParts(from(ALICE), encryptedPart("1"), signedPart("2", bad(ALICE))),
                        false, null, false, PARTIALLY_SIGNED),
                // decryption
                row("decrypt on a message that is not encrypted", decrypt, false, from(ALICE),
                        false, null, false, NOT_ENCRYPTED),
                row("decrypt does not decrypt an encrypted part into the message", decrypt, false,
                        withParts(from(ALICE), encryptedPart("2")),
                        false, null, false, List.of(NOT_ENCRYPTED), "the encrypted parts 2 are not decrypted into it"),
                row("not encrypted goes ahead of not signed", decrypt, true, from(ALICE),
                        false, null, false, NOT_ENCRYPTED, NOT_SIGNED),
                row("authenticated encryption needs no signature when none is required", decrypt, false,
                        from(ALICE, gcm()), false, null, false),
                row("CBC without a signer inside is refused", decrypt, false, from(ALICE, cbc()),
                        false, null, false, List.of(DECRYPTION), "unauthenticated encryption (AES-256-CBC"),
                row("CBC vouched for by a trusted signer inside passes", unwrap, true,
                        from(ALICE, cbc(), signed(good(ALICE))),
                        true, true, true),
                row("CBC with an untrusted signer inside is refused as a decryption failure first", unwrap, true,
                        from(ALICE, cbc(), signed(untrusted(ALICE, PATH))),
                        true, true, false, List.of(DECRYPTION, PATH), "and the content failed: signer " + ALICE),
                row("CBC with an invalid signature inside is refused", unwrap, true,
                        from(ALICE, cbc(), signed(bad(ALICE))),
                        true, false, false, DECRYPTION, SIGNATURE),
                row("CBC whose only signature lies outside it is not vouched for", unwrap, false,
                        from(ALICE, signed(good(ALICE)), cbc()),
                        false, true, true, DECRYPTION),
                new Row("CBC is accepted when allowed explicitly", ALLOW_CBC, unwrap, false, from(ALICE, cbc()),
                        false, null, false, List.of(), null),
                new Row("CBC allowed explicitly still needs a good signature", ALLOW_CBC, unwrap, true,
                        from(ALICE, cbc(), signed(bad(ALICE))), true, false, false, List.of(SIGNATURE), null),
                new Row("invalid CBC padding fails first, also when CBC is allowed and a failure lies outside",
                        ALLOW_CBC, unwrap, false, from(ALICE, signed(bad(ALICE)), badPadding()), false, false,
                        false, List.of(DECRYPTION, SIGNATURE), "invalid CBC padding"),
                // failures outside unauthenticated encryption do not depend on its plaintext: they come first
                row("an untrusted signer outside CBC is reported ahead of the CBC refusal", unwrap, false,
                        from(ALICE, signed(untrusted(BOB, PATH)), cbc()),
                        false, true, false, List.of(PATH, DECRYPTION), "signer " + BOB + " is not trusted"),
                row("an invalid signature outside CBC is reported ahead of the failures inside", unwrap, true,
                        from(ALICE, signed(bad(BOB)), cbc(), signed(untrusted(ALICE, EXPIRED))),
                        true, false, false, SIGNATURE, DECRYPTION, EXPIRED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decidesFromTheTrace(Row row) {
        Verdict verdict = row.policy().decide(row.trace(), row.operation(), row.requireSigned());

        assertThat(verdict.signed()).as("signed").isEqualTo(row.signed());
        assertThat(verdict.signatureValid()).as("signatureValid").isEqualTo(row.signatureValid());
        assertThat(verdict.trusted()).as("trusted").isEqualTo(row.trusted());
        assertThat(verdict.findings()).extracting(Finding::check).as("failures in order")
                .containsExactlyElementsOf(row.failures());
        if (row.failures().isEmpty()) {
            assertThat(verdict.firstFailure()).isNull();
        } else {
            assertThat(verdict.firstFailure().check()).as("first failure").isEqualTo(row.failures().get(0));
        }
        if (row.firstMessage() != null) {
            assertThat(verdict.firstFailure().message()).contains(row.firstMessage());
        }
    }

    @Test
    void theTableCoversEveryCheck() {
        Set<SmimeCheck> covered = EnumSet.noneOf(SmimeCheck.class);
        table().forEach(row -> covered.addAll(row.failures()));
        assertThat(covered).containsExactlyInAnyOrder(SmimeCheck.values());
    }

    @Test
    void layersSignersAndAlgorithmsAreReportedAsTraced() {
        Verdict verdict = STRICT.decide(from(ALICE, signed(bad(BOB)), cbc(), Layer.compressed(),
                signed(good(ALICE))), unwrap, true);

        assertThat(verdict.layers()).containsExactly("signed", "encrypted", "compressed", "signed");
        assertThat(verdict.encrypted()).isTrue();
        assertThat(verdict.compressed()).isTrue();
        assertThat(verdict.contentEncryptionAlgorithm()).isEqualTo("AES-256-CBC");
        assertThat(verdict.signers()).extracting(s -> s.emailAddresses().get(0)).containsExactly(BOB, ALICE);
        assertThat(verdict.sender().status()).isEqualTo(SenderBinding.Status.PASS);
    }

    @Test
    void theInnermostEncryptionNamesTheAlgorithm() {
        Verdict verdict = STRICT.decide(from(ALICE, gcm(), cbc(), signed(good(ALICE))), unwrap, true);

        assertThat(verdict.contentEncryptionAlgorithm()).isEqualTo("AES-256-CBC");
        assertThat(verdict.failures()).isEmpty();
    }

    @Test
    void signedPartsAreJudgedLikeSignedLayers() {
        LayerTrace trace = withParts(from(ALICE),
                signedPart("1", good(ALICE)),
                signedPart("2", untrusted(ALICE, PATH)),
                signedPart("3", good(ALICE), bad(BOB)),
                new Part("4", "<cid@example.com>", Kind.SIGNED, PartCheck.UNREADABLE, List.of()),
                new Part("5", null, Kind.SIGNED, PartCheck.VERIFIED, List.of()),
                new Part("6", null, Kind.SIGNED, PartCheck.NOT_CHECKED, List.of()),
                encryptedPart("7"));

        Verdict verdict = STRICT.decide(trace, unwrap, false);

        assertThat(verdict.parts()).extracting(EmbeddedPart::position, EmbeddedPart::type,
                EmbeddedPart::signatureValid, EmbeddedPart::trusted).containsExactly(
                        tuple("1", "signed", true, true),
                        tuple("2", "signed", true, false),
                        tuple("3", "signed", false, false),
                        tuple("4", "signed", false, false),
                        tuple("5", "signed", false, false),
                        tuple("6", "signed", null, false),
                        tuple("7", "encrypted", null, false));
        assertThat(verdict.partiallySigned()).isTrue();
        assertThat(verdict.partReferences("signed")).isEqualTo("1,2,3,4 <cid@example.com>,5,6");
        assertThat(verdict.failures()).as("no signature required").isEmpty();
    }

    @Test
    void aSignatureIsCheckedUnderCbcOnlyUntilOneVouches() {
        assertThat(STRICT.needsVouchingSignature(from(ALICE, cbc()))).isTrue();
        assertThat(STRICT.needsVouchingSignature(from(ALICE, cbc(), signed(good(ALICE))))).isFalse();
        assertThat(STRICT.needsVouchingSignature(from(ALICE, gcm()))).isFalse();
        assertThat(ALLOW_CBC.needsVouchingSignature(from(ALICE, cbc()))).isFalse();
        assertThat(STRICT.masksFailures(from(ALICE, cbc(), signed(good(ALICE))))).isTrue();
        assertThat(ALLOW_CBC.masksFailures(from(ALICE, cbc()))).isFalse();
        assertThat(ALLOW_CBC.masksFailures(from(ALICE, badPadding()))).as("invalid padding").isTrue();
    }

    // ---- building traces ----

    private static Row row(String name, SmimeOperation op, boolean requireSigned, LayerTrace trace, boolean signed,
            Boolean signatureValid, boolean trusted, SmimeCheck... failures) {
        return new Row(name, STRICT, op, requireSigned, trace, signed, signatureValid, trusted,
                Arrays.asList(failures), null);
    }

    private static Row row(String name, SmimeOperation op, boolean requireSigned, LayerTrace trace, boolean signed,
            Boolean signatureValid, boolean trusted, List<SmimeCheck> failures, String firstMessage) {
        return new Row(name, STRICT, op, requireSigned, trace, signed, signatureValid, trusted, failures,
                firstMessage);
    }

    private static Row trustRow(SmimeCheck check) {
        return row("an untrusted signer: " + check.code(), verify, false,
                from(ALICE, signed(untrusted(ALICE, check))), true, true, false, List.of(check),
                "signer " + ALICE + " is not trusted: " + check.code() + " detail");
    }

    private static LayerTrace from(String from, Layer... layers) {
        return new LayerTrace(List.of(layers), List.of("Someone <" + from + ">"), List.of(), List.of());
    }

    private static LayerTrace withParts(LayerTrace trace, Part... parts) {
        return new LayerTrace(trace.layers(), trace.from(), trace.sender(), List.of(parts));
    }

    private static Layer signed(Signer... signers) {
        return Layer.signed(List.of(signers));
    }

    private static Layer cbc() {
        return Layer.encrypted("AES-256-CBC", false, true);
    }

    private static Layer badPadding() {
        return Layer.encrypted("AES-256-CBC", false, false);
    }

    private static Layer gcm() {
        return Layer.encrypted("AES-256-GCM", true, true);
    }

    private static Part signedPart(String position, Signer... signers) {
        return new Part(position, null, Kind.SIGNED, PartCheck.VERIFIED, List.of(signers));
    }

    private static Part encryptedPart(String position) {
        return new Part(position, null, Kind.ENCRYPTED, PartCheck.NOT_CHECKED, List.of());
    }

    private static Signer good(String email) {
        return signer(email, true);
    }

    private static Signer bad(String email) {
        return signer(email, false);
    }

    private static Signer untrusted(String email, SmimeCheck... checks) {
        List<Finding> findings = new ArrayList<>();
        for (SmimeCheck check : checks) {
            findings.add(new Finding(check, check.code() + " detail"));
        }
        return signer(email, true, findings);
    }

    private static Signer signer(String email, boolean valid, Finding... findings) {
        return signer(email, valid, List.of(findings));
    }

    private static Signer signer(String email, boolean valid, List<Finding> findings) {
        SignerResult verified = SignerResult.verified("CN=" + email, List.of(email), "CN=Test CA", "01", null,
                "SHA-256", "SHA256withRSA", valid, valid ? null : "the digest does not match", null);
        TrustValidator.Result trust = new TrustValidator.Result(findings.isEmpty(), findings,
                TrustValidator.REVOCATION_NOT_CHECKED);
        return new Signer(verified.withTrust(trust.trusted(), trust.failure(), trust.failedChecks(),
                trust.revocation()), findings);
    }
}

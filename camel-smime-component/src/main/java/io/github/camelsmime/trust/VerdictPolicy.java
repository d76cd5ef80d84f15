package io.github.camelsmime.trust;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

/**
 * The one place that decides whether a message passes: a pure function from a {@link LayerTrace} (what the layer
 * walk found, with every signer's signature and certificate results already in it) to the one {@link Verdict}. It
 * does no crypto and no I/O, so the same trace always gives the same verdict. Embedded parts are judged here too,
 * with the same signer summary as the message's own signed layers.
 * <p>
 * Failures are ordered by {@link SmimeCheck} precedence, except that failures of signed layers outside
 * unauthenticated encryption come first: they do not depend on plaintext a sender could have modified.
 */
public final class VerdictPolicy {

    private final SenderBinding senderBinding;
    private final boolean allowUnauthenticatedEncryption;

    /**
     * @param senderBinding                  what the signer must prove about From/Sender
     * @param allowUnauthenticatedEncryption accept EnvelopedData (CBC) content that no trusted signer vouches for
     */
    public VerdictPolicy(SenderBinding senderBinding, boolean allowUnauthenticatedEncryption) {
        this.senderBinding = senderBinding;
        this.allowUnauthenticatedEncryption = allowUnauthenticatedEncryption;
    }

    /**
     * Whether content below the innermost unauthenticated encryption layer still needs a signature to vouch for it
     * (the walk then checks one even where the operation does not open signatures).
     */
    public boolean needsVouchingSignature(LayerTrace trace) {
        return trace.insideUnauthenticatedEncryption() && !allowUnauthenticatedEncryption
                && !trace.signedAfter(trace.lastUnauthenticatedIndex());
    }

    /**
     * Whether a failure found below unauthenticated encryption must read like a decryption failure (oracles); always
     * after an invalid CBC padding.
     */
    public boolean masksFailures(LayerTrace trace) {
        return trace.paddingInvalid() || refusesUnvouched(trace);
    }

    private boolean refusesUnvouched(LayerTrace trace) {
        return trace.insideUnauthenticatedEncryption() && !allowUnauthenticatedEncryption;
    }

    /**
     * @param operation     verify, decrypt or unwrap: verify requires a signature, decrypt requires encryption
     * @param requireSigned a signature covering the content is required whatever the operation
     */
    public Verdict decide(LayerTrace trace, SmimeOperation operation, boolean requireSigned) {
        int lastEncrypted = trace.lastEncryptedIndex();
        int lastUnauthenticated = trace.lastUnauthenticatedIndex();
        List<Finding> outside = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<SignerResult> signers = new ArrayList<>();
        List<SignerResult> covering = new ArrayList<>();
        boolean insideVouches = true;
        for (int index = 0; index < trace.layers().size(); index++) {
            Layer layer = trace.layers().get(index);
            List<Finding> target = index < lastUnauthenticated ? outside : findings;
            for (Signer signer : layer.signers()) {
                SignerResult result = signer.result();
                signers.add(result);
                if (index > lastEncrypted) {
                    covering.add(result);
                }
                if (index > lastUnauthenticated) {
                    insideVouches &= result.signatureValid() && result.trusted();
                }
                target.addAll(signerFindings(signer));
            }
        }
        Summary summary = Summary.of(signers);
        boolean signed = !covering.isEmpty();
        SenderBinding.Result sender = sender(trace, signed, covering);
        if (sender.failed()) {
            findings.add(sender.finding());
        }
        List<EmbeddedPart> parts = trace.parts().stream().map(VerdictPolicy::judge).toList();
        boolean partiallySigned = !signed && parts.stream().anyMatch(EmbeddedPart::isSigned);
        if ((operation == SmimeOperation.verify || requireSigned) && !signed) {
            findings.add(notSigned(trace, partiallySigned));
        }
        if (operation == SmimeOperation.decrypt && lastEncrypted < 0) {
            String inside = hasParts(trace, Kind.ENCRYPTED) ? "; the encrypted parts "
                    + partList(trace, Kind.ENCRYPTED) + " are not decrypted into it" : "";
            findings.add(new Finding(SmimeCheck.NOT_ENCRYPTED, "The message is not encrypted" + inside));
        }
        if (refusesUnvouched(trace)) {
            boolean vouched = trace.signedAfter(lastUnauthenticated) && insideVouches && findings.isEmpty();
            if (!vouched) {
                findings.add(new Finding(SmimeCheck.DECRYPTION, "unauthenticated encryption ("
                        + trace.layers().get(lastUnauthenticated).algorithm() + ", EnvelopedData) is accepted only"
                        + " when a trusted signer signed the content inside it" + (findings.isEmpty() ? ""
                                : ", and the content failed: " + findings.get(0).message())));
            }
        }
        outside.sort(Comparator.comparing(Finding::check));
        findings.sort(Comparator.comparing(Finding::check));
        outside.addAll(findings);
        if (trace.paddingInvalid()) {
            // first, so that it is the failure thrown even with reportOnly: a message with bad padding never opens
            outside.add(0, new Finding(SmimeCheck.DECRYPTION, "invalid CBC padding"));
        }
        // trusted speaks of the signers (and the sender they prove); whether their signature covers the content is
        // what signed says: "signed and trusted" needs both
        boolean trusted = summary.trusted() && !sender.failed();
        return new Verdict(trace.layers().stream().map(l -> l.kind().code()).toList(), signed,
                summary.any() ? summary.allValid() : null, trusted, signers, lastEncrypted >= 0,
                lastEncrypted >= 0 ? trace.layers().get(lastEncrypted).algorithm() : null,
                trace.layers().stream().anyMatch(l -> l.kind() == Kind.COMPRESSED), outside, sender,
                partiallySigned, parts);
    }

    /** What the signers of a layer or part add up to; "trusted" needs at least one signer, fail closed. */
    private record Summary(boolean any, boolean allValid, boolean allTrusted) {
        static Summary of(List<SignerResult> signers) {
            return new Summary(!signers.isEmpty(), signers.stream().allMatch(SignerResult::signatureValid),
                    signers.stream().allMatch(SignerResult::trusted));
        }

        boolean valid() {
            return any && allValid;
        }

        boolean trusted() {
            return valid() && allTrusted;
        }
    }

    private static List<Finding> signerFindings(Signer signer) {
        SignerResult result = signer.result();
        List<Finding> found = new ArrayList<>();
        if (!result.signatureValid()) {
            found.add(new Finding(SmimeCheck.SIGNATURE, "signature of " + who(result) + " is invalid: "
                    + result.signatureFailure()));
        }
        signer.trustFindings().forEach(f -> found.add(new Finding(f.check(), "signer " + who(result)
                + " is not trusted: " + f.message())));
        return found;
    }

    private SenderBinding.Result sender(LayerTrace trace, boolean signed, List<SignerResult> covering) {
        if (!signed) {
            return new SenderBinding.Result(SenderBinding.Status.NONE, null, "the message is not signed");
        }
        List<Set<String>> provers = covering.stream().filter(SignerResult::signatureValid)
                .map(s -> (Set<String>) new HashSet<>(s.emailAddresses())).toList();
        if (provers.isEmpty()) {
            return new SenderBinding.Result(SenderBinding.Status.NONE, null, "no valid signature to bind to");
        }
        return senderBinding.check(trace.from(), trace.sender(), provers);
    }

    /** An embedded part as the verdict reports it: a signed part is valid and trusted as a signed layer would be. */
    private static EmbeddedPart judge(Part part) {
        if (part.kind() != Kind.SIGNED || part.check() == PartCheck.NOT_CHECKED) {
            return new EmbeddedPart(part.position(), part.contentId(), part.kind().code(), null, false, List.of());
        }
        List<SignerResult> signers = part.signers().stream().map(Signer::result).toList();
        Summary summary = Summary.of(signers);
        return new EmbeddedPart(part.position(), part.contentId(), part.kind().code(), summary.valid(),
                summary.trusted(), signers);
    }

    private static Finding notSigned(LayerTrace trace, boolean partiallySigned) {
        if (partiallySigned) {
            return new Finding(SmimeCheck.PARTIALLY_SIGNED, "The message is not signed as a whole: only part "
                    + partList(trace, Kind.SIGNED) + " inside it is signed");
        }
        List<Layer> signedLayers = trace.layers().stream().filter(l -> l.kind() == Kind.SIGNED).toList();
        boolean emptySignedData = signedLayers.stream().anyMatch(l -> l.signers().isEmpty());
        boolean overCiphertext = !signedLayers.isEmpty() && trace.lastEncryptedIndex() >= 0;
        return new Finding(SmimeCheck.NOT_SIGNED, emptySignedData ? "The message is not signed: its SignedData has"
                + " no signers" : overCiphertext ? "The content is not signed: the signature only covers the"
                + " encrypted data" : "The message is not signed");
    }

    private static boolean hasParts(LayerTrace trace, Kind kind) {
        return trace.parts().stream().anyMatch(p -> p.kind() == kind);
    }

    private static String partList(LayerTrace trace, Kind kind) {
        return String.join(", ", trace.parts().stream().filter(p -> p.kind() == kind).map(Part::reference).toList());
    }

    private static String who(SignerResult s) {
        if (!s.emailAddresses().isEmpty()) {
            return s.emailAddresses().get(0);
        }
        return s.subject() != null ? s.subject() : "issuer " + s.issuer() + " serial " + s.serialNumber();
    }
}

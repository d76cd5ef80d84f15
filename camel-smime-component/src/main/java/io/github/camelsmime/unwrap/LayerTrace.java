package io.github.camelsmime.unwrap;

import java.util.List;
import java.util.Locale;

import io.github.camelsmime.trust.Finding;
import io.github.camelsmime.verify.SignerResult;

/**
 * What the layer walk found in one message, as plain data: the layers it opened (outermost first) with every
 * signer's signature and certificate results, the From and Sender header fields, and the S/MIME parts of a root that
 * is not itself a layer. It holds no crypto and no streams: {@link io.github.camelsmime.trust.VerdictPolicy} decides
 * from it alone, so every decision can be tested from a hand-built trace.
 *
 * @param layers the opened layers, outermost first
 * @param from   the values of every From header field of the message
 * @param sender the values of every Sender header field
 * @param parts  S/MIME parts found inside a root that is not itself an S/MIME layer, in document order
 */
public record LayerTrace(List<Layer> layers, List<String> from, List<String> sender, List<Part> parts) {

    public LayerTrace {
        layers = List.copyOf(layers);
        from = List.copyOf(from);
        sender = List.copyOf(sender);
        parts = List.copyOf(parts);
    }

    /** What a layer (or an embedded part) is. */
    public enum Kind {
        SIGNED, ENCRYPTED, COMPRESSED;

        /** The word used in the verdict's layer list and part types. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One signer of a signed layer: the verifier's result with the certificate policy applied, and the failed
     * certificate checks in detail (empty when the signer is trusted).
     */
    public record Signer(SignerResult result, List<Finding> trustFindings) {
        public Signer {
            trustFindings = List.copyOf(trustFindings);
        }
    }

    /**
     * One opened layer.
     *
     * @param algorithm     the content encryption algorithm of an encrypted layer, else null
     * @param authenticated an encrypted layer whose content is integrity protected (AuthEnvelopedData); false for
     *                      EnvelopedData (CBC), meaningless for the other kinds
     * @param signers       the signers of a signed layer; empty for a SignedData without signers and other kinds
     * @param paddingValid  false for an encrypted layer whose CBC padding was invalid: its content was parsed like any
     *                      other (no timing oracle), and the verdict fails it as a decryption failure
     */
    public record Layer(Kind kind, String algorithm, boolean authenticated, List<Signer> signers,
            boolean paddingValid) {
        public Layer {
            signers = List.copyOf(signers);
        }

        public static Layer signed(List<Signer> signers) {
            return new Layer(Kind.SIGNED, null, false, signers, true);
        }

        public static Layer encrypted(String algorithm, boolean authenticated, boolean paddingValid) {
            return new Layer(Kind.ENCRYPTED, algorithm, authenticated, List.of(), paddingValid);
        }

        public static Layer compressed() {
            return new Layer(Kind.COMPRESSED, null, false, List.of(), true);
        }

        boolean isUnauthenticatedEncryption() {
            return kind == Kind.ENCRYPTED && !authenticated;
        }
    }

    /** Whether the signature of an embedded signed part was checked, and with what outcome. */
    public enum PartCheck {
        /** Not a signed part, or the operation (decrypt) does not check signatures. */
        NOT_CHECKED,
        /** The signed part could not be read as a signature: it counts as invalid. */
        UNREADABLE,
        /** Its signers were verified: see {@link Part#signers()}. */
        VERIFIED
    }

    /**
     * An S/MIME part inside a root that is not itself an S/MIME layer; reported, never opened into the message.
     *
     * @param position  the IMAP-style part number, for example {@code 2} or {@code 1.3}
     * @param contentId the part's Content-ID, or null
     * @param signers   the signers of a {@link PartCheck#VERIFIED} signed part, else empty
     */
    public record Part(String position, String contentId, Kind kind, PartCheck check, List<Signer> signers) {
        public Part {
            signers = List.copyOf(signers);
        }

        /** {@code 2} or {@code 2 <cid>}: how headers and failures name the part. */
        public String reference() {
            return contentId == null ? position : position + " " + contentId;
        }
    }

    /** The index of the innermost encryption layer, or -1. */
    public int lastEncryptedIndex() {
        return lastIndex(l -> l.kind() == Kind.ENCRYPTED);
    }

    /** The index of the innermost unauthenticated (EnvelopedData) encryption layer, or -1. */
    public int lastUnauthenticatedIndex() {
        return lastIndex(Layer::isUnauthenticatedEncryption);
    }

    /** Whether an encrypted layer had an invalid CBC padding. */
    public boolean paddingInvalid() {
        return layers.stream().anyMatch(l -> !l.paddingValid());
    }

    public boolean insideUnauthenticatedEncryption() {
        return lastUnauthenticatedIndex() >= 0;
    }

    /** A signed layer with at least one signer lies inside every encryption layer: the content is signed. */
    public boolean coveredBySignature() {
        return signedAfter(lastEncryptedIndex());
    }

    /** A signed layer with at least one signer lies below the layer at {@code index}. */
    public boolean signedAfter(int index) {
        for (int i = index + 1; i < layers.size(); i++) {
            if (layers.get(i).kind() == Kind.SIGNED && !layers.get(i).signers().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private int lastIndex(java.util.function.Predicate<Layer> test) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (test.test(layers.get(i))) {
                return i;
            }
        }
        return -1;
    }
}

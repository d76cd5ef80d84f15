package io.github.camelsmime.unwrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.SharedInputStream;

import io.github.camelsmime.SmimeCheck;
import io.github.camelsmime.SmimeDecryptionException;
import io.github.camelsmime.SmimeException;
import io.github.camelsmime.SmimeFormatException;
import io.github.camelsmime.SmimeLimitException;
import io.github.camelsmime.SmimeOperation;
import io.github.camelsmime.SmimeSignatureException;
import io.github.camelsmime.crypto.CmsInput;
import io.github.camelsmime.decrypt.SmimeDecompressor;
import io.github.camelsmime.decrypt.SmimeDecryptor;
import io.github.camelsmime.keys.DecryptionKey;
import io.github.camelsmime.mime.CanonicalInputStream;
import io.github.camelsmime.mime.Mime;
import io.github.camelsmime.mime.MultipartSignedSplitter;
import io.github.camelsmime.mime.Spool;
import io.github.camelsmime.trust.Finding;
import io.github.camelsmime.trust.SenderBinding;
import io.github.camelsmime.trust.TrustValidator;
import io.github.camelsmime.verify.SignatureVerifier;
import io.github.camelsmime.verify.SignedLayer;
import io.github.camelsmime.verify.SignerResult;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1SequenceParser;
import org.bouncycastle.asn1.ASN1StreamParser;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfoParser;

/**
 * The layer loop of verify, decrypt and unwrap: find the outer S/MIME layer, open it (streaming into a spool), and go
 * on with what was inside until plain content or the depth limit. Dispatch is on the CMS content type, not on the
 * smime-type parameter, which senders get wrong. At the end the findings become one {@link Verdict} in
 * {@link #decide}: this is the only place that decides whether a message passes.
 * <p>
 * A root that is not itself an S/MIME layer (a multipart/mixed or multipart/alternative) is never opened: S/MIME
 * parts inside it are reported as {@link EmbeddedPart}s. A signed part does not make the message signed (it is
 * "partially signed"), and an encrypted part is not decrypted into the message (EFAIL).
 */
public final class Unwrapper {

    /** How many MIME parts of a non-S/MIME root are examined for embedded S/MIME parts. */
    static final int MAX_SCANNED_PARTS = 1000;

    private final SignatureVerifier verifier;
    private final SmimeDecryptor decryptor;
    private final SmimeDecompressor decompressor;
    private final TrustValidator trust;
    private final List<DecryptionKey> keys;
    private final int maxDepth;
    private final SenderBinding senderBinding;
    private final boolean allowUnauthenticatedEncryption;
    private final Spool.Settings spoolSettings;

    public Unwrapper(SignatureVerifier verifier, SmimeDecryptor decryptor, SmimeDecompressor decompressor,
            TrustValidator trust, List<DecryptionKey> keys, int maxDepth) {
        this(verifier, decryptor, decompressor, trust, keys, maxDepth, new SenderBinding(SenderBinding.Mode.FROM),
                false, Spool.Settings.DEFAULT);
    }

    /**
     * @param senderBinding                  what the signer must prove about From/Sender
     * @param allowUnauthenticatedEncryption accept EnvelopedData (CBC) content that no trusted signer vouches for
     * @param spoolSettings                  where opened layers are spooled
     */
    public Unwrapper(SignatureVerifier verifier, SmimeDecryptor decryptor, SmimeDecompressor decompressor,
            TrustValidator trust, List<DecryptionKey> keys, int maxDepth, SenderBinding senderBinding,
            boolean allowUnauthenticatedEncryption, Spool.Settings spoolSettings) {
        this.spoolSettings = spoolSettings;
        this.verifier = verifier;
        this.decryptor = decryptor;
        this.decompressor = decompressor;
        this.trust = trust;
        this.keys = List.copyOf(keys);
        this.maxDepth = maxDepth;
        this.senderBinding = senderBinding;
        this.allowUnauthenticatedEncryption = allowUnauthenticatedEncryption;
    }

    /** What the layer loop found; owns the spools backing the opened content until closed. */
    public static final class Opened implements AutoCloseable {
        private final List<Spool> spools;
        private final List<Header> outerHeaders;
        private final SharedInputStream top;
        private final SharedInputStream content;
        private final Verdict verdict;
        private boolean closed;

        Opened(List<Spool> spools, List<Header> outerHeaders, SharedInputStream top, SharedInputStream content,
                Verdict verdict) {
            this.spools = spools;
            this.outerHeaders = outerHeaders;
            this.top = top;
            this.content = content;
            this.verdict = verdict;
        }

        public Verdict verdict() {
            return verdict;
        }

        /** The innermost entity (its Content-* headers and body), re-readable. */
        public InputStream entity() {
            return content.newStream(0, -1);
        }

        /** The entity parsed, for handing back parts. */
        public MimeBodyPart entityPart() {
            return Mime.parsePart(entity());
        }

        /**
         * The opened message: the original message headers (From, To, Subject, ...) above the innermost entity,
         * or the input unchanged when no layer was opened.
         */
        public void writeMessage(OutputStream out) throws IOException {
            writeMessage(out, null);
        }

        /**
         * The opened message, with {@code Authentication-Results} header fields that claim an S/MIME result
         * removed (a sender must not be able to forge one), and ours on top when {@code authenticationResults} is
         * given.
         */
        public void writeMessage(OutputStream out, String authenticationResults) throws IOException {
            try (InputStream in = message(authenticationResults)) {
                in.transferTo(out);
            }
        }

        /** {@link #writeMessage} as a stream: the headers, then a window into the innermost layer's spool. */
        public InputStream message() {
            return message(null);
        }

        /**
         * {@link #writeMessage(OutputStream, String)} as a stream. Without a forged field to remove and without
         * {@code authenticationResults}, the input passes unchanged when no layer was opened.
         */
        public InputStream message(String authenticationResults) {
            boolean opened = content != top && !outerHeaders.isEmpty();
            StringBuilder headers = new StringBuilder();
            if (authenticationResults != null) {
                headers.append(AuthenticationResults.HEADER).append(": ").append(authenticationResults).append("\r\n");
            }
            if (opened) {
                for (Header h : outerHeaders) {
                    String line = h.getName() + ": " + h.getValue();
                    if (!AuthenticationResults.isSmimeClaim(line)) {
                        headers.append(line).append("\r\n");
                    }
                }
                return concat(headers, content.newStream(0, -1));
            }
            MimeBodyPart entity = Mime.parsePart(content.newStream(0, -1));
            List<String> lines = headerLines(entity);
            if (authenticationResults == null && lines.stream().noneMatch(AuthenticationResults::isSmimeClaim)) {
                return content.newStream(0, -1);
            }
            for (String line : lines) {
                if (!AuthenticationResults.isSmimeClaim(line)) {
                    headers.append(line).append("\r\n");
                }
            }
            headers.append("\r\n");
            return concat(headers, Mime.rawBody(entity));
        }

        private static InputStream concat(StringBuilder headers, InputStream body) {
            return new java.io.SequenceInputStream(
                    new java.io.ByteArrayInputStream(headers.toString().getBytes(StandardCharsets.UTF_8)), body);
        }

        private static List<String> headerLines(MimeBodyPart part) {
            try {
                return Collections.list(part.getAllHeaderLines());
            } catch (MessagingException e) {
                throw new SmimeFormatException("Unreadable headers: " + e.getMessage(), e);
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                spools.forEach(Spool::close);
            }
        }
    }

    public Opened open(InputStream input, SmimeOperation operation, boolean requireSigned, boolean reportOnly) {
        List<Spool> spools = new ArrayList<>();
        State state = new State();
        Opened opened;
        try {
            Spool first = spoolSettings.of(input);
            spools.add(first);
            SharedInputStream top = asEntity(first, spools);
            List<Header> outerHeaders = messageHeaders(top);
            state.layerSize = spools.get(spools.size() - 1).size();
            SharedInputStream current = top;
            while (true) {
                SharedInputStream next = openLayer(current, operation, state, spools);
                if (next == null) {
                    break;
                }
                current = next;
            }
            if (!state.coveredBySignature()) {
                scanParts(Mime.parsePart(current.newStream(0, -1)), bound(state), operation, state, spools);
            }
            opened = new Opened(spools, outerHeaders, top, current, decide(state, outerHeaders, operation,
                    requireSigned));
        } catch (RuntimeException | IOException e) {
            spools.forEach(Spool::close);
            throw masked(state, typed(e));
        }
        if (!reportOnly) {
            try {
                enforce(opened.verdict());
            } catch (SmimeException e) {
                opened.close();
                throw e;
            }
        }
        return opened;
    }

    private static SmimeException typed(Exception e) {
        if (e instanceof SmimeException se) {
            return se;
        }
        if (e instanceof Mime.MimeFormatException) {
            return new SmimeFormatException(e.getMessage(), e);
        }
        if (e instanceof IOException) {
            return CmsInput.unreadable("Cannot read the message", e);
        }
        // Bouncy Castle reports malformed ASN.1 and MIME deep inside with unchecked exceptions of its own
        return CmsInput.unreadable("Malformed S/MIME structure", e);
    }

    /**
     * Inside unauthenticated (CBC) encryption every failure reads like a decryption failure, unless that was allowed
     * explicitly: a sender who modifies ciphertext must not learn from the error whether the padding was right and
     * what the modified plaintext looked like (padding and format oracles).
     */
    private SmimeException masked(State state, SmimeException e) {
        if (state.insideUnauthenticatedEncryption() && !allowUnauthenticatedEncryption
                && !(e instanceof SmimeDecryptionException)) {
            return new SmimeDecryptionException(SmimeDecryptionException.MESSAGE, e);
        }
        return e;
    }

    /** Everything found so far, outermost layer first. */
    private static final class State {
        final List<String> layers = new ArrayList<>();
        final List<SignedLayer> signedLayers = new ArrayList<>();
        final List<Integer> signedLayerIndexes = new ArrayList<>();
        final List<EmbeddedPart> parts = new ArrayList<>();
        int lastEncryptedIndex = -1;
        int lastUnauthenticatedIndex = -1;
        String contentEncryptionAlgorithm;
        String unauthenticatedAlgorithm;
        boolean compressed;
        int scannedParts;
        /** An upper bound of the size of the layer being opened (the spool or window it is read from). */
        long layerSize;

        boolean insideUnauthenticatedEncryption() {
            return lastUnauthenticatedIndex >= 0;
        }

        /** A signed layer with at least one signer lies inside every encryption layer. */
        boolean coveredBySignature() {
            return signedAfter(lastEncryptedIndex);
        }

        boolean signedAfter(int index) {
            for (int i = 0; i < signedLayers.size(); i++) {
                if (signedLayerIndexes.get(i) > index && !signedLayers.get(i).signers().isEmpty()) {
                    return true;
                }
            }
            return false;
        }
    }

    private SharedInputStream openLayer(SharedInputStream current, SmimeOperation op, State state, List<Spool> spools)
            throws IOException {
        MimeBodyPart part = Mime.parsePart(current.newStream(0, -1));
        ContentType type = Mime.contentType(part);
        boolean opensSignatures = op == SmimeOperation.verify || op == SmimeOperation.unwrap;
        boolean opensEncryption = op == SmimeOperation.decrypt || op == SmimeOperation.unwrap;
        // decrypt does not open signatures, but checks the one that must vouch for unauthenticated content
        boolean checksSignatureOnly = !opensSignatures && needsVouchingSignature(state);
        if (type.match("multipart/signed")) {
            if (!isCmsSignature(type) || !(opensSignatures || checksSignatureOnly)) {
                return null;
            }
            checkDepth(state);
            Detached detached = verifyDetached(part, type, spools);
            record(state, detached.layer());
            state.layerSize = detached.size();
            return checksSignatureOnly ? null : detached.content();
        }
        if (!isPkcs7Mime(type, part)) {
            return null;
        }
        ASN1ObjectIdentifier cmsType = cmsContentType(part, bound(state));
        boolean signed = CMSObjectIdentifiers.signedData.equals(cmsType);
        boolean enveloped = CMSObjectIdentifiers.envelopedData.equals(cmsType);
        boolean authEnveloped = CMSObjectIdentifiers.authEnvelopedData.equals(cmsType);
        boolean compressed = CMSObjectIdentifiers.compressedData.equals(cmsType);
        if (!signed && !enveloped && !authEnveloped && !compressed) {
            throw new SmimeFormatException("Unsupported CMS content type " + cmsType);
        }
        if ((signed && !opensSignatures && !checksSignatureOnly)
                || ((enveloped || authEnveloped) && !opensEncryption)
                || (compressed && op == SmimeOperation.verify)) {
            return null;
        }
        checkDepth(state);
        Spool inner = spoolSettings.newSpool();
        spools.add(inner);
        try (InputStream cms = CmsInput.bounded(Mime.decodedBody(part), bound(state));
                OutputStream out = inner.output()) {
            if (signed) {
                record(state, verifier.verifyOpaque(cms, out));
            } else if (compressed) {
                decompressor.decompress(cms, out);
                state.layers.add("compressed");
                state.compressed = true;
            } else {
                if (keys.isEmpty()) {
                    throw new SmimeDecryptionException(
                            "The message is encrypted but no decryption keys are configured");
                }
                SmimeDecryptor.Result result = decryptor.decrypt(cms, authEnveloped, keys, out, state.layerSize);
                state.layers.add("encrypted");
                state.lastEncryptedIndex = state.layers.size() - 1;
                state.contentEncryptionAlgorithm = result.contentEncryptionAlgorithm();
                if (!result.authenticated()) {
                    state.lastUnauthenticatedIndex = state.lastEncryptedIndex;
                    state.unauthenticatedAlgorithm = result.contentEncryptionAlgorithm();
                }
            }
        }
        if (signed && checksSignatureOnly) {
            return null;
        }
        state.layerSize = inner.size();
        return (SharedInputStream) inner.open();
    }

    private boolean needsVouchingSignature(State state) {
        return state.insideUnauthenticatedEncryption() && !allowUnauthenticatedEncryption
                && !state.signedAfter(state.lastUnauthenticatedIndex);
    }

    private record Detached(SignedLayer layer, SharedInputStream content, long size) {
    }

    /** A multipart/signed entity: the exact bytes of the first part, canonicalized, against the second part. */
    private Detached verifyDetached(MimeBodyPart part, ContentType type, List<Spool> spools) throws IOException {
        String boundary = type.getParameter("boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw new SmimeFormatException("multipart/signed without a boundary parameter");
        }
        SharedInputStream body = shared(Mime.rawBody(part), spools);
        MultipartSignedSplitter.Ranges ranges;
        try {
            ranges = MultipartSignedSplitter.split(body.newStream(0, -1), boundary);
        } catch (IOException e) {
            throw new SmimeFormatException("Malformed multipart/signed: " + e.getMessage(), e);
        }
        MimeBodyPart signaturePart = Mime.parsePart(body.newStream(ranges.signatureStart(), ranges.signatureEnd()));
        byte[] signature;
        try (InputStream sig = Mime.decodedBody(signaturePart)) {
            signature = readLimited(sig, SignatureVerifier.MAX_DETACHED_SIGNATURE);
        }
        InputStream content = body.newStream(ranges.contentStart(), ranges.contentEnd());
        SignedLayer layer;
        try (InputStream canonical = new CanonicalInputStream(content)) {
            layer = verifier.verifyDetached(canonical, signature);
        }
        return new Detached(layer, (SharedInputStream) body.newStream(ranges.contentStart(), ranges.contentEnd()),
                ranges.contentEnd() - ranges.contentStart());
    }

    /** A body as a re-readable window; only a part that was not parsed from a spool needs copying. */
    private SharedInputStream shared(InputStream body, List<Spool> spools) throws IOException {
        if (body instanceof SharedInputStream s) {
            return s;
        }
        Spool copy = spoolSettings.newSpool();
        spools.add(copy);
        try (InputStream in = body; OutputStream out = copy.output()) {
            in.transferTo(out);
        }
        return (SharedInputStream) copy.open();
    }

    private void record(State state, SignedLayer layer) {
        state.layers.add("signed");
        state.signedLayers.add(layer);
        state.signedLayerIndexes.add(state.layers.size() - 1);
    }

    private void checkDepth(State state) {
        if (state.layers.size() >= maxDepth) {
            throw new SmimeLimitException("The message nests more than " + maxDepth + " S/MIME layers");
        }
    }

    // ---- parts of a root that is not an S/MIME layer ----

    /**
     * Reports the S/MIME parts of a multipart root. Signed parts are verified (in verify and unwrap) and named;
     * nothing is opened into the message. {@code limit} bounds any length a part's CMS may declare.
     */
    private void scanParts(MimeBodyPart root, int limit, SmimeOperation op, State state, List<Spool> spools)
            throws IOException {
        ContentType type = Mime.contentType(root);
        if (type.match("multipart/*") && !(type.match("multipart/signed") && isCmsSignature(type))) {
            scanChildren(root, "", 1, limit, op, state, spools);
        }
    }

    private void scanChildren(MimeBodyPart parent, String prefix, int depth, int limit, SmimeOperation op,
            State state, List<Spool> spools) throws IOException {
        try {
            if (depth > maxDepth || !(parent.getContent() instanceof MimeMultipart children)) {
                return;
            }
            for (int i = 0; i < children.getCount() && state.scannedParts++ < MAX_SCANNED_PARTS; i++) {
                MimeBodyPart child = (MimeBodyPart) children.getBodyPart(i);
                String position = prefix + (i + 1);
                ContentType type = Mime.contentType(child);
                if (type.match("multipart/signed") && isCmsSignature(type)) {
                    state.parts.add(signedPart(position, child, op,
                            () -> verifyDetached(child, type, spools).layer()));
                } else if (isPkcs7Mime(type, child)) {
                    state.parts.add(cmsPart(position, child, limit, op));
                } else if (type.match("multipart/*")) {
                    scanChildren(child, position + ".", depth + 1, limit, op, state, spools);
                }
            }
        } catch (MessagingException e) {
            throw new SmimeFormatException("Unreadable multipart: " + e.getMessage(), e);
        }
    }

    private EmbeddedPart cmsPart(String position, MimeBodyPart part, int limit, SmimeOperation op)
            throws IOException {
        ASN1ObjectIdentifier cmsType = cmsContentType(part, limit);
        if (CMSObjectIdentifiers.signedData.equals(cmsType)) {
            return signedPart(position, part, op, () -> {
                try (InputStream cms = CmsInput.bounded(Mime.decodedBody(part), limit)) {
                    return verifier.verifyOpaque(cms, OutputStream.nullOutputStream());
                }
            });
        }
        String type = CMSObjectIdentifiers.compressedData.equals(cmsType) ? "compressed" : "encrypted";
        return new EmbeddedPart(position, contentId(part), type, null, false, List.of());
    }

    private interface LayerCheck {
        SignedLayer verify() throws IOException;
    }

    private EmbeddedPart signedPart(String position, MimeBodyPart part, SmimeOperation op, LayerCheck check)
            throws IOException {
        if (op == SmimeOperation.decrypt) {
            return new EmbeddedPart(position, contentId(part), "signed", null, false, List.of());
        }
        SignedLayer layer;
        try {
            layer = check.verify();
        } catch (SmimeFormatException | SmimeSignatureException e) {
            return new EmbeddedPart(position, contentId(part), "signed", false, false, List.of());
        }
        List<SignerResult> signers = layer.signers().stream().map(s -> judge(s, layer).signer()).toList();
        boolean valid = layer.allSignaturesValid();
        return new EmbeddedPart(position, contentId(part), "signed", valid,
                valid && signers.stream().allMatch(SignerResult::trusted), signers);
    }

    private static String contentId(MimeBodyPart part) {
        try {
            return part.getContentID();
        } catch (MessagingException e) {
            return null;
        }
    }

    // ---- the decision ----

    /** A signer with the certificate policy applied, and the failed checks in detail. */
    private record Judged(SignerResult signer, List<Finding> findings) {
    }

    private Judged judge(SignerResult signer, SignedLayer layer) {
        TrustValidator.Result result = signer.certificate() == null
                ? new TrustValidator.Result(false, List.of(new Finding(SmimeCheck.PATH,
                        "the signer certificate is not in the message")), TrustValidator.REVOCATION_NOT_CHECKED)
                : trust.check(signer.certificate(), signer.digestAlgorithm(), signer.signatureAlgorithm(),
                        layer.messageCertificates());
        return new Judged(signer.withTrust(result.trusted(), result.failure(), result.failedChecks(),
                result.revocation()), result.findings());
    }

    private Verdict decide(State state, List<Header> outerHeaders, SmimeOperation op, boolean requireSigned) {
        // failures of signed layers outside unauthenticated encryption do not depend on its plaintext: they are
        // reported as they are, ahead of everything found inside it
        List<Finding> outside = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<SignerResult> signers = new ArrayList<>();
        List<SignerResult> covering = new ArrayList<>();
        boolean allTrusted = true;
        boolean insideVouches = true;
        for (int i = 0; i < state.signedLayers.size(); i++) {
            SignedLayer layer = state.signedLayers.get(i);
            int index = state.signedLayerIndexes.get(i);
            boolean covers = index > state.lastEncryptedIndex;
            List<Finding> target = index < state.lastUnauthenticatedIndex ? outside : findings;
            for (SignerResult signer : layer.signers()) {
                Judged judged = judge(signer, layer);
                SignerResult result = judged.signer();
                signers.add(result);
                if (covers) {
                    covering.add(result);
                }
                if (!result.signatureValid()) {
                    target.add(new Finding(SmimeCheck.SIGNATURE, "signature of " + who(result) + " is invalid: "
                            + result.signatureFailure()));
                }
                allTrusted &= result.trusted();
                if (index > state.lastUnauthenticatedIndex) {
                    insideVouches &= result.signatureValid() && result.trusted();
                }
                judged.findings().forEach(f -> target.add(new Finding(f.check(), "signer " + who(result)
                        + " is not trusted: " + f.message())));
            }
        }
        boolean anySigners = !signers.isEmpty();
        boolean allValid = signers.stream().allMatch(SignerResult::signatureValid);
        boolean signed = !covering.isEmpty();
        List<Set<String>> provers = covering.stream().filter(SignerResult::signatureValid)
                .map(s -> (Set<String>) new HashSet<>(s.emailAddresses())).toList();
        SenderBinding.Result sender = !signed
                ? new SenderBinding.Result(SenderBinding.Status.NONE, null, "the message is not signed")
                : provers.isEmpty()
                        ? new SenderBinding.Result(SenderBinding.Status.NONE, null, "no valid signature to bind to")
                        : senderBinding.check(headerValues(outerHeaders, "From"),
                                headerValues(outerHeaders, "Sender"), provers);
        if (sender.failed()) {
            findings.add(sender.finding());
        }
        boolean partiallySigned = !signed && state.parts.stream().anyMatch(EmbeddedPart::isSigned);
        if ((op == SmimeOperation.verify || requireSigned) && !signed) {
            findings.add(notSigned(state, partiallySigned));
        }
        if (op == SmimeOperation.decrypt && state.lastEncryptedIndex < 0) {
            String inside = state.parts.stream().anyMatch(p -> p.type().equals("encrypted"))
                    ? "; the encrypted parts " + partList(state, "encrypted") + " are not decrypted into it" : "";
            findings.add(new Finding(SmimeCheck.NOT_ENCRYPTED, "The message is not encrypted" + inside));
        }
        if (state.insideUnauthenticatedEncryption() && !allowUnauthenticatedEncryption) {
            boolean vouched = state.signedAfter(state.lastUnauthenticatedIndex) && insideVouches
                    && findings.isEmpty();
            if (!vouched) {
                findings.add(new Finding(SmimeCheck.DECRYPTION, "unauthenticated encryption ("
                        + state.unauthenticatedAlgorithm + ", EnvelopedData) is accepted only when a trusted signer"
                        + " signed the content inside it" + (findings.isEmpty() ? "" : ", and the content failed: "
                        + findings.get(0).message())));
            }
        }
        outside.sort(Comparator.comparing(Finding::check));
        findings.sort(Comparator.comparing(Finding::check));
        outside.addAll(findings);
        // trusted speaks of the signers (and the sender they prove); whether their signature covers the content is
        // what signed says: "signed and trusted" needs both
        boolean trusted = anySigners && allValid && allTrusted && !sender.failed();
        return new Verdict(state.layers, signed, anySigners ? allValid : null, trusted, signers,
                state.lastEncryptedIndex >= 0, state.contentEncryptionAlgorithm, state.compressed, outside, sender,
                partiallySigned, state.parts);
    }

    private static Finding notSigned(State state, boolean partiallySigned) {
        if (partiallySigned) {
            return new Finding(SmimeCheck.PARTIALLY_SIGNED, "The message is not signed as a whole: only part "
                    + partList(state, "signed") + " inside it is signed");
        }
        boolean emptySignedData = state.signedLayers.stream().anyMatch(l -> l.signers().isEmpty());
        boolean overCiphertext = !state.signedLayers.isEmpty() && state.lastEncryptedIndex >= 0;
        return new Finding(SmimeCheck.NOT_SIGNED, emptySignedData ? "The message is not signed: its SignedData has"
                + " no signers" : overCiphertext ? "The content is not signed: the signature only covers the"
                + " encrypted data" : "The message is not signed");
    }

    private static String partList(State state, String type) {
        return String.join(", ", state.parts.stream().filter(p -> p.type().equals(type))
                .map(EmbeddedPart::reference).toList());
    }

    /** Fail closed, with the exception type of the most important failed check. */
    private static void enforce(Verdict verdict) {
        Finding first = verdict.firstFailure();
        if (first != null) {
            throw first.check().exception(first.message());
        }
    }

    private static List<String> headerValues(List<Header> headers, String name) {
        return headers.stream().filter(h -> h.getName().equalsIgnoreCase(name)).map(Header::getValue).toList();
    }

    private static String who(SignerResult s) {
        if (!s.emailAddresses().isEmpty()) {
            return s.emailAddresses().get(0);
        }
        return s.subject() != null ? s.subject() : "issuer " + s.issuer() + " serial " + s.serialNumber();
    }

    // ---- MIME and CMS plumbing ----

    private static boolean isCmsSignature(ContentType multipartSigned) {
        String protocol = lower(multipartSigned.getParameter("protocol"));
        return protocol.equals("application/pkcs7-signature") || protocol.equals("application/x-pkcs7-signature");
    }

    private static boolean isPkcs7Mime(ContentType type, MimeBodyPart part) {
        if (type.match("application/pkcs7-mime") || type.match("application/x-pkcs7-mime")) {
            return true;
        }
        if (type.match("application/octet-stream")) {
            // some clients label .p7m attachments as octet-stream (RFC 8551 section 3.2.2)
            String name = lower(type.getParameter("name"));
            try {
                String file = part.getFileName();
                name = file != null ? file.toLowerCase(Locale.ROOT) : name;
            } catch (MessagingException ignored) {
                // no usable file name
            }
            return name.endsWith(".p7m") || name.endsWith(".p7z");
        }
        return false;
    }

    /** The size of the layer being opened: an upper bound for any length its CMS body may declare. */
    private static int bound(State state) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, state.layerSize));
    }

    private static ASN1ObjectIdentifier cmsContentType(MimeBodyPart part, int limit) throws IOException {
        try (InputStream in = CmsInput.bounded(Mime.decodedBody(part), limit)) {
            ASN1Encodable first = new ASN1StreamParser(in).readObject();
            if (!(first instanceof ASN1SequenceParser seq)) {
                throw new SmimeFormatException("The S/MIME body is not a CMS ContentInfo");
            }
            return new ContentInfoParser(seq).getContentType();
        } catch (IOException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw CmsInput.unreadable("The S/MIME body is not a CMS ContentInfo", e);
        }
    }

    /** The input as a MIME entity: raw DER/BER CMS and PEM-armoured CMS become a virtual pkcs7-mime entity. */
    private SharedInputStream asEntity(Spool spool, List<Spool> spools) throws IOException {
        byte[] head;
        try (InputStream in = spool.open()) {
            head = in.readNBytes(64);
        }
        if (head.length == 0) {
            throw new SmimeFormatException("The message is empty");
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        boolean der = (head[0] & 0xff) == 0x30;
        boolean pem = text.startsWith("-----BEGIN CMS-----") || text.startsWith("-----BEGIN PKCS7-----");
        if (!der && !pem) {
            return (SharedInputStream) spool.open();
        }
        Spool entity = spoolSettings.newSpool();
        spools.add(entity);
        try (OutputStream out = entity.output(); InputStream in = spool.open()) {
            out.write(("Content-Type: application/pkcs7-mime\r\nContent-Transfer-Encoding: "
                    + (der ? "binary" : "base64") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            if (der) {
                in.transferTo(out);
            } else {
                copyPemBody(in, out);
            }
        }
        return (SharedInputStream) entity.open();
    }

    private static void copyPemBody(InputStream in, OutputStream out) throws IOException {
        java.io.BufferedReader reader = new java.io.BufferedReader(
                new java.io.InputStreamReader(in, StandardCharsets.US_ASCII));
        String line;
        while ((line = reader.readLine()) != null) {
            if (!line.startsWith("-----")) {
                out.write(line.trim().getBytes(StandardCharsets.US_ASCII));
                out.write('\r');
                out.write('\n');
            }
        }
    }

    private static List<Header> messageHeaders(SharedInputStream top) {
        MimeBodyPart part = Mime.parsePart(top.newStream(0, -1));
        List<Header> result = new ArrayList<>();
        try {
            for (Header h : Collections.list(part.getAllHeaders())) {
                String name = h.getName().toLowerCase(Locale.ROOT);
                if (!name.startsWith("content-") && !name.equals("mime-version")) {
                    result.add(h);
                }
            }
        } catch (MessagingException e) {
            throw new SmimeFormatException("Unreadable headers: " + e.getMessage(), e);
        }
        return result;
    }

    private static byte[] readLimited(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > max) {
                throw new SmimeLimitException("The signature part is larger than " + max + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}

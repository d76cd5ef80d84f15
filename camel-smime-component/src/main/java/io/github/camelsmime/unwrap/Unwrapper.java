package io.github.camelsmime.unwrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.SharedInputStream;

import io.github.camelsmime.SmimeException;
import io.github.camelsmime.SmimeFormatException;
import io.github.camelsmime.SmimeLimitException;
import io.github.camelsmime.SmimeOperation;
import io.github.camelsmime.SmimeSignatureException;
import io.github.camelsmime.SmimeTrustException;
import io.github.camelsmime.decrypt.SmimeDecompressor;
import io.github.camelsmime.decrypt.SmimeDecryptor;
import io.github.camelsmime.keys.DecryptionKey;
import io.github.camelsmime.mime.CanonicalInputStream;
import io.github.camelsmime.mime.Mime;
import io.github.camelsmime.mime.MultipartSignedSplitter;
import io.github.camelsmime.mime.Spool;
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
 * smime-type parameter, which senders get wrong. At the end the findings become one {@link Verdict}; this is the only
 * place that decides whether a message passes.
 */
public final class Unwrapper {

    private final SignatureVerifier verifier;
    private final SmimeDecryptor decryptor;
    private final SmimeDecompressor decompressor;
    private final TrustValidator trust;
    private final List<DecryptionKey> keys;
    private final int maxDepth;

    public Unwrapper(SignatureVerifier verifier, SmimeDecryptor decryptor, SmimeDecompressor decompressor,
            TrustValidator trust, List<DecryptionKey> keys, int maxDepth) {
        this.verifier = verifier;
        this.decryptor = decryptor;
        this.decompressor = decompressor;
        this.trust = trust;
        this.keys = List.copyOf(keys);
        this.maxDepth = maxDepth;
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
            try (InputStream in = message()) {
                in.transferTo(out);
            }
        }

        /** {@link #writeMessage} as a stream: the headers, then a window into the innermost layer's spool. */
        public InputStream message() {
            InputStream body = content.newStream(0, -1);
            if (content == top || outerHeaders.isEmpty()) {
                return body;
            }
            StringBuilder headers = new StringBuilder();
            for (Header h : outerHeaders) {
                headers.append(h.getName()).append(": ").append(h.getValue()).append("\r\n");
            }
            return new java.io.SequenceInputStream(
                    new java.io.ByteArrayInputStream(headers.toString().getBytes(StandardCharsets.UTF_8)), body);
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
        try {
            Spool first = Spool.of(input);
            spools.add(first);
            SharedInputStream top = asEntity(first, spools);
            List<Header> outerHeaders = messageHeaders(top);
            State state = new State();
            state.layerSize = spools.get(spools.size() - 1).size();
            SharedInputStream current = top;
            while (true) {
                SharedInputStream next = openLayer(current, operation, state, spools);
                if (next == null) {
                    break;
                }
                current = next;
            }
            Verdict verdict = decide(state, operation, requireSigned, reportOnly);
            return new Opened(spools, outerHeaders, top, current, verdict);
        } catch (IOException e) {
            spools.forEach(Spool::close);
            throw new SmimeFormatException("Cannot read the message: " + e.getMessage(), e);
        } catch (Mime.MimeFormatException e) {
            spools.forEach(Spool::close);
            throw new SmimeFormatException(e.getMessage(), e);
        } catch (SmimeException e) {
            spools.forEach(Spool::close);
            throw e;
        } catch (RuntimeException e) {
            // Bouncy Castle reports malformed ASN.1 and MIME deep inside with unchecked exceptions of its own
            spools.forEach(Spool::close);
            throw new SmimeFormatException("Malformed S/MIME structure: " + e.getMessage(), e);
        }
    }

    /** Everything found so far, outermost layer first. */
    private static final class State {
        final List<String> layers = new ArrayList<>();
        final List<SignedLayer> signedLayers = new ArrayList<>();
        final List<Integer> signedLayerIndexes = new ArrayList<>();
        int lastEncryptedIndex = -1;
        String contentEncryptionAlgorithm;
        boolean compressed;
        /** An upper bound of the size of the layer being opened (the spool or window it is read from). */
        long layerSize;
    }

    private SharedInputStream openLayer(SharedInputStream current, SmimeOperation op, State state, List<Spool> spools)
            throws IOException {
        MimeBodyPart part = Mime.parsePart(current.newStream(0, -1));
        ContentType type = Mime.contentType(part);
        boolean opensSignatures = op == SmimeOperation.verify || op == SmimeOperation.unwrap;
        boolean opensEncryption = op == SmimeOperation.decrypt || op == SmimeOperation.unwrap;
        if (type.match("multipart/signed")) {
            String protocol = lower(type.getParameter("protocol"));
            if (!opensSignatures || !(protocol.equals("application/pkcs7-signature")
                    || protocol.equals("application/x-pkcs7-signature"))) {
                return null;
            }
            checkDepth(state);
            return openDetached(part, type, state);
        }
        if (!isPkcs7Mime(type, part)) {
            return null;
        }
        ASN1ObjectIdentifier cmsType = cmsContentType(part);
        boolean signed = CMSObjectIdentifiers.signedData.equals(cmsType);
        boolean enveloped = CMSObjectIdentifiers.envelopedData.equals(cmsType);
        boolean authEnveloped = CMSObjectIdentifiers.authEnvelopedData.equals(cmsType);
        boolean compressed = CMSObjectIdentifiers.compressedData.equals(cmsType);
        if (!signed && !enveloped && !authEnveloped && !compressed) {
            throw new SmimeFormatException("Unsupported CMS content type " + cmsType);
        }
        if ((signed && !opensSignatures) || ((enveloped || authEnveloped) && !opensEncryption)
                || (compressed && op == SmimeOperation.verify)) {
            return null;
        }
        checkDepth(state);
        Spool inner = new Spool();
        spools.add(inner);
        try (InputStream cms = Mime.decodedBody(part); OutputStream out = inner.output()) {
            if (signed) {
                recordSigned(state, verifier.verifyOpaque(cms, out));
            } else if (compressed) {
                decompressor.decompress(cms, out);
                state.layers.add("compressed");
                state.compressed = true;
            } else {
                if (keys.isEmpty()) {
                    throw new io.github.camelsmime.SmimeDecryptionException(
                            "The message is encrypted but no decryption keys are configured");
                }
                SmimeDecryptor.Result result = decryptor.decrypt(cms, authEnveloped, keys, out, state.layerSize);
                state.layers.add("encrypted");
                state.lastEncryptedIndex = state.layers.size() - 1;
                state.contentEncryptionAlgorithm = result.contentEncryptionAlgorithm();
            }
        }
        state.layerSize = inner.size();
        return (SharedInputStream) inner.open();
    }

    private SharedInputStream openDetached(MimeBodyPart part, ContentType type, State state) throws IOException {
        String boundary = type.getParameter("boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw new SmimeFormatException("multipart/signed without a boundary parameter");
        }
        SharedInputStream body = (SharedInputStream) Mime.rawBody(part);
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
        try (InputStream canonical = new CanonicalInputStream(content)) {
            recordSigned(state, verifier.verifyDetached(canonical, signature));
        }
        state.layerSize = ranges.contentEnd() - ranges.contentStart();
        return (SharedInputStream) body.newStream(ranges.contentStart(), ranges.contentEnd());
    }

    private void recordSigned(State state, SignedLayer layer) {
        state.layers.add("signed");
        state.signedLayers.add(layer);
        state.signedLayerIndexes.add(state.layers.size() - 1);
    }

    private void checkDepth(State state) {
        if (state.layers.size() >= maxDepth) {
            throw new SmimeLimitException("The message nests more than " + maxDepth + " S/MIME layers");
        }
    }

    private Verdict decide(State state, SmimeOperation op, boolean requireSigned, boolean reportOnly) {
        List<SignerResult> signers = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        boolean anySigned = !state.signedLayers.isEmpty();
        boolean allValid = true;
        boolean allTrusted = true;
        for (SignedLayer layer : state.signedLayers) {
            if (layer.signers().isEmpty()) {
                allValid = false;
                failures.add("a signed layer has no signers");
            }
            for (SignerResult signer : layer.signers()) {
                TrustValidator.Check check = signer.certificate() == null
                        ? new TrustValidator.Check(false, "signer certificate unknown")
                        : trust.check(signer.certificate(), layer.messageCertificates());
                SignerResult judged = signer.withTrust(check.trusted(), check.failure());
                signers.add(judged);
                if (!judged.signatureValid()) {
                    allValid = false;
                    failures.add("signature of " + who(judged) + " is invalid: " + judged.signatureFailure());
                }
                if (!judged.trusted()) {
                    allTrusted = false;
                    failures.add("signer " + who(judged) + " is not trusted: " + judged.trustFailure());
                }
            }
        }
        // a signature only over ciphertext does not vouch for the content
        boolean covers = false;
        for (int index : state.signedLayerIndexes) {
            covers |= index > state.lastEncryptedIndex;
        }
        boolean signed = anySigned && covers;
        Boolean signatureValid = anySigned ? allValid : null;
        // trusted speaks of the signers; whether their signature covers the content is what signed says
        boolean trusted = anySigned && allValid && allTrusted;
        if (op == SmimeOperation.verify && !anySigned) {
            failures.add("the message is not signed");
        } else if (requireSigned && !signed) {
            failures.add("the content is not signed");
        }
        if (op == SmimeOperation.decrypt && state.lastEncryptedIndex < 0) {
            failures.add("the message is not encrypted");
        }
        Verdict verdict = new Verdict(state.layers, signed, signatureValid, trusted, signers,
                state.lastEncryptedIndex >= 0, state.contentEncryptionAlgorithm, state.compressed, failures);
        if (!reportOnly) {
            enforce(verdict, op, requireSigned);
        }
        return verdict;
    }

    /** Fail closed, with the exception type naming the first kind of check that failed. */
    private static void enforce(Verdict verdict, SmimeOperation op, boolean requireSigned) {
        if (op == SmimeOperation.decrypt && !verdict.encrypted()) {
            throw new SmimeFormatException("The message is not encrypted");
        }
        if (Boolean.FALSE.equals(verdict.signatureValid())) {
            throw new SmimeSignatureException(firstFailure(verdict, "signature of"));
        }
        if (op == SmimeOperation.verify && verdict.signatureValid() == null) {
            throw new SmimeSignatureException("The message is not signed");
        }
        if (requireSigned && !verdict.signed()) {
            throw new SmimeSignatureException("The content is not signed");
        }
        if (verdict.signatureValid() != null && verdict.signers().stream().anyMatch(s -> !s.trusted())) {
            throw new SmimeTrustException(firstFailure(verdict, "signer "));
        }
    }

    private static String firstFailure(Verdict verdict, String prefix) {
        return verdict.failures().stream().filter(f -> f.startsWith(prefix)).findFirst()
                .orElse(String.join("; ", verdict.failures()));
    }

    private static String who(SignerResult s) {
        if (!s.emailAddresses().isEmpty()) {
            return s.emailAddresses().get(0);
        }
        return s.subject() != null ? s.subject() : "issuer " + s.issuer() + " serial " + s.serialNumber();
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

    private static ASN1ObjectIdentifier cmsContentType(MimeBodyPart part) throws IOException {
        try (InputStream in = Mime.decodedBody(part)) {
            ASN1Encodable first = new ASN1StreamParser(in).readObject();
            if (!(first instanceof ASN1SequenceParser seq)) {
                throw new SmimeFormatException("The S/MIME body is not a CMS ContentInfo");
            }
            return new ContentInfoParser(seq).getContentType();
        } catch (IOException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            if (e instanceof SmimeException se) {
                throw se;
            }
            throw new SmimeFormatException("The S/MIME body is not a CMS ContentInfo: " + e.getMessage(), e);
        }
    }

    /** The input as a MIME entity: raw DER/BER CMS and PEM-armoured CMS become a virtual pkcs7-mime entity. */
    private static SharedInputStream asEntity(Spool spool, List<Spool> spools) throws IOException {
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
        Spool entity = new Spool();
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

package io.github.camelsmime.unwrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.SharedInputStream;

import io.github.camelsmime.SmimeCheck;
import io.github.camelsmime.SmimeDecryptionException;
import io.github.camelsmime.SmimeException;
import io.github.camelsmime.SmimeFormatException;
import io.github.camelsmime.SmimeOperation;
import io.github.camelsmime.crypto.CmsInput;
import io.github.camelsmime.decrypt.SmimeDecompressor;
import io.github.camelsmime.decrypt.SmimeDecryptor;
import io.github.camelsmime.keys.DecryptionKeyAccessor;
import io.github.camelsmime.mime.Mime;
import io.github.camelsmime.mime.MimeLimits;
import io.github.camelsmime.mime.Spool;
import io.github.camelsmime.trust.Finding;
import io.github.camelsmime.trust.SenderBinding;
import io.github.camelsmime.trust.TrustValidator;
import io.github.camelsmime.trust.VerdictPolicy;
import io.github.camelsmime.verify.SignatureVerifier;

/**
 * Verify, decrypt and unwrap: the {@link LayerWalk} opens the message layer by layer and records a
 * {@link LayerTrace}; the {@link VerdictPolicy} turns the trace into the one {@link Verdict}, the only place that
 * decides whether a message passes. A failing verdict becomes the exception of its most important check, unless only
 * a report is asked for.
 */
public final class Unwrapper {

    private final LayerWalk walk;
    private final VerdictPolicy policy;

    public Unwrapper(SignatureVerifier verifier, SmimeDecryptor decryptor, SmimeDecompressor decompressor,
            TrustValidator trust, DecryptionKeyAccessor keys, int maxDepth) {
        this(verifier, decryptor, decompressor, trust, keys, maxDepth, new SenderBinding(SenderBinding.Mode.FROM),
                false);
    }

    /**
     * @param senderBinding                  what the signer must prove about From/Sender
     * @param allowUnauthenticatedEncryption accept EnvelopedData (CBC) content that no trusted signer vouches for
     */
    public Unwrapper(SignatureVerifier verifier, SmimeDecryptor decryptor, SmimeDecompressor decompressor,
            TrustValidator trust, DecryptionKeyAccessor keys, int maxDepth, SenderBinding senderBinding,
            boolean allowUnauthenticatedEncryption) {
        this(verifier, decryptor, decompressor, trust, keys, maxDepth, senderBinding, allowUnauthenticatedEncryption,
                MimeLimits.defaults());
    }

    /** @param mimeLimits part count and header size, checked on every layer before it is parsed */
    public Unwrapper(SignatureVerifier verifier, SmimeDecryptor decryptor, SmimeDecompressor decompressor,
            TrustValidator trust, DecryptionKeyAccessor keys, int maxDepth, SenderBinding senderBinding,
            boolean allowUnauthenticatedEncryption, MimeLimits mimeLimits) {
        this.policy = new VerdictPolicy(senderBinding, allowUnauthenticatedEncryption);
        this.walk = new LayerWalk(new LayerReader(verifier), decryptor, decompressor, new SignerTrust(trust), keys,
                maxDepth, mimeLimits, policy);
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
        LayerWalk.Walk walked = walk.start(operation, spools);
        Opened opened;
        try {
            walked.run(input);
            opened = new Opened(spools, walked.outerHeaders(), walked.top(), walked.content(),
                    policy.decide(walked.trace(), operation, requireSigned));
        } catch (RuntimeException | IOException e) {
            spools.forEach(Spool::close);
            throw masked(walked.trace(), typed(e));
        }
        // refused unauthenticated content fails as a decryption failure even with reportOnly: a verdict with its
        // layers would tell a sender apart from bad padding, which throws before any verdict exists
        if (!reportOnly || opened.verdict().firstFailure() != null
                && opened.verdict().firstFailure().check() == SmimeCheck.DECRYPTION) {
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
    private SmimeException masked(LayerTrace trace, SmimeException e) {
        if (policy.masksFailures(trace) && !(e instanceof SmimeDecryptionException)) {
            return new SmimeDecryptionException(SmimeDecryptionException.MESSAGE, e);
        }
        return e;
    }

    /** Fail closed, with the exception type of the most important failed check. */
    private static void enforce(Verdict verdict) {
        Finding first = verdict.firstFailure();
        if (first != null) {
            throw first.check().exception(first.message());
        }
    }
}

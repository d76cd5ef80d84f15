package io.github.camelsmime.unwrap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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

import io.github.camelsmime.SmimeDecryptionException;
import io.github.camelsmime.SmimeFormatException;
import io.github.camelsmime.SmimeLimitException;
import io.github.camelsmime.SmimeOperation;
import io.github.camelsmime.crypto.CmsInput;
import io.github.camelsmime.decrypt.SmimeDecompressor;
import io.github.camelsmime.decrypt.SmimeDecryptor;
import io.github.camelsmime.keys.DecryptionKeyAccessor;
import io.github.camelsmime.mime.Mime;
import io.github.camelsmime.mime.MimeLimits;
import io.github.camelsmime.mime.Spool;
import io.github.camelsmime.trust.VerdictPolicy;
import io.github.camelsmime.unwrap.LayerTrace.Layer;
import io.github.camelsmime.unwrap.LayerTrace.Part;
import io.github.camelsmime.verify.SignedLayer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;

/**
 * The layer walk of verify, decrypt and unwrap: find the outer S/MIME layer, open it (streaming into a spool), record
 * it in the trace, and go on with what was inside until plain content or the depth limit. A root that is not itself
 * an S/MIME layer (a multipart/mixed or multipart/alternative) is never opened: its S/MIME parts go to the
 * {@link PartScan}. The walk decides nothing about the message; it records, and the verdict policy decides.
 */
final class LayerWalk {

    private final LayerReader reader;
    private final SmimeDecryptor decryptor;
    private final SmimeDecompressor decompressor;
    private final SignerTrust signerTrust;
    private final PartScan partScan;
    /** Null when no decryption keys are configured. */
    private final DecryptionKeyAccessor keys;
    private final int maxDepth;
    private final MimeLimits mimeLimits;
    private final Spool.Settings spoolSettings;
    private final VerdictPolicy policy;

    LayerWalk(LayerReader reader, SmimeDecryptor decryptor, SmimeDecompressor decompressor, SignerTrust signerTrust,
            DecryptionKeyAccessor keys, int maxDepth, MimeLimits mimeLimits, Spool.Settings spoolSettings,
            VerdictPolicy policy) {
        this.reader = reader;
        this.decryptor = decryptor;
        this.decompressor = decompressor;
        this.signerTrust = signerTrust;
        this.partScan = new PartScan(reader, signerTrust, maxDepth);
        this.keys = keys;
        this.maxDepth = maxDepth;
        this.mimeLimits = mimeLimits;
        this.spoolSettings = spoolSettings;
        this.policy = policy;
    }

    /** A walk over one message; every spool it creates goes to {@code spools}, which the caller closes. */
    Walk start(SmimeOperation operation, List<Spool> spools) {
        return new Walk(operation, spools);
    }

    /** One message's walk: what it has found so far, outermost layer first. */
    final class Walk {
        private final SmimeOperation op;
        private final List<Spool> spools;
        private final List<Layer> layers = new ArrayList<>();
        private List<Header> outerHeaders = List.of();
        private List<Part> parts = List.of();
        private SharedInputStream top;
        private SharedInputStream content;
        /** An upper bound of the size of the layer being opened (the spool or window it is read from). */
        private long layerSize;

        private Walk(SmimeOperation op, List<Spool> spools) {
            this.op = op;
            this.spools = spools;
        }

        void run(InputStream input) throws IOException {
            Spool first = spoolSettings.of(input);
            spools.add(first);
            top = asEntity(first, spools);
            // every layer's structure is bounded before Jakarta Mail parses it
            mimeLimits.check(top.newStream(0, -1));
            outerHeaders = messageHeaders(top);
            layerSize = spools.get(spools.size() - 1).size();
            content = top;
            for (SharedInputStream next = openLayer(top); next != null; next = openLayer(next)) {
                mimeLimits.check(next.newStream(0, -1));
                content = next;
            }
            if (!trace().coveredBySignature()) {
                parts = partScan.scan(Mime.parsePart(content.newStream(0, -1)), bound(), op, spools);
            }
        }

        /** Everything recorded so far; after {@link #run} the whole trace. */
        LayerTrace trace() {
            return new LayerTrace(layers, headerValues("From"), headerValues("Sender"), parts);
        }

        /** The header fields of the message (not its Content-* fields), from the outermost entity. */
        List<Header> outerHeaders() {
            return outerHeaders;
        }

        /** The input as an entity. */
        SharedInputStream top() {
            return top;
        }

        /** The innermost opened entity, or {@link #top()} when no layer was opened. */
        SharedInputStream content() {
            return content;
        }

        private SharedInputStream openLayer(SharedInputStream current) throws IOException {
            MimeBodyPart part = Mime.parsePart(current.newStream(0, -1));
            ContentType type = Mime.contentType(part);
            boolean opensSignatures = op == SmimeOperation.verify || op == SmimeOperation.unwrap;
            boolean opensEncryption = op == SmimeOperation.decrypt || op == SmimeOperation.unwrap;
            // decrypt does not open signatures, but checks the one that must vouch for unauthenticated content
            boolean checksSignatureOnly = !opensSignatures && policy.needsVouchingSignature(trace());
            if (type.match("multipart/signed")) {
                if (!LayerReader.isCmsSignature(type) || !(opensSignatures || checksSignatureOnly)) {
                    return null;
                }
                checkDepth();
                LayerReader.Detached detached = reader.verifyDetached(part, type, spools);
                recordSigned(detached.layer());
                layerSize = detached.size();
                return checksSignatureOnly ? null : detached.content();
            }
            if (!LayerReader.isPkcs7Mime(type, part)) {
                return null;
            }
            ASN1ObjectIdentifier cmsType = LayerReader.cmsContentType(part, bound());
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
            checkDepth();
            Spool inner = spoolSettings.newSpool();
            spools.add(inner);
            try (InputStream cms = CmsInput.bounded(Mime.decodedBody(part), bound());
                    OutputStream out = inner.output()) {
                if (signed) {
                    recordSigned(reader.verifyOpaque(cms, out));
                } else if (compressed) {
                    decompressor.decompress(cms, out);
                    layers.add(Layer.compressed());
                } else {
                    if (keys == null) {
                        throw new SmimeDecryptionException(
                                "The message is encrypted but no decryption keys are configured");
                    }
                    SmimeDecryptor.Result result = decryptor.decrypt(cms, authEnveloped, keys, out, layerSize);
                    layers.add(Layer.encrypted(result.contentEncryptionAlgorithm(), result.authenticated(),
                            result.paddingValid()));
                }
            }
            if (signed && checksSignatureOnly) {
                return null;
            }
            layerSize = inner.size();
            return (SharedInputStream) inner.open();
        }

        private void recordSigned(SignedLayer layer) {
            layers.add(Layer.signed(signerTrust.check(layer)));
        }

        private void checkDepth() {
            if (layers.size() >= maxDepth) {
                throw new SmimeLimitException("The message nests more than " + maxDepth + " S/MIME layers");
            }
        }

        /** The size of the layer being opened: an upper bound for any length its CMS body may declare. */
        private int bound() {
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, layerSize));
        }

        private List<String> headerValues(String name) {
            return outerHeaders.stream().filter(h -> h.getName().equalsIgnoreCase(name)).map(Header::getValue)
                    .toList();
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
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
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
}

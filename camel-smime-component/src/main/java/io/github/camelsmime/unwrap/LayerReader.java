package io.github.camelsmime.unwrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.SharedInputStream;

import io.github.camelsmime.SmimeFormatException;
import io.github.camelsmime.SmimeLimitException;
import io.github.camelsmime.crypto.CmsInput;
import io.github.camelsmime.mime.CanonicalInputStream;
import io.github.camelsmime.mime.Mime;
import io.github.camelsmime.mime.MultipartSignedSplitter;
import io.github.camelsmime.mime.Spool;
import io.github.camelsmime.verify.SignatureVerifier;
import io.github.camelsmime.verify.SignedLayer;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1SequenceParser;
import org.bouncycastle.asn1.ASN1StreamParser;
import org.bouncycastle.asn1.cms.ContentInfoParser;

/**
 * Recognizes S/MIME entities and verifies signed ones, for the layer walk and the embedded-part scan alike. Dispatch
 * is on the CMS content type, not on the smime-type parameter, which senders get wrong.
 */
final class LayerReader {

    private final SignatureVerifier verifier;

    LayerReader(SignatureVerifier verifier) {
        this.verifier = verifier;
    }

    /** A verified multipart/signed entity: the signature result and a window onto the signed first part. */
    record Detached(SignedLayer layer, SharedInputStream content, long size) {
    }

    /** A multipart/signed entity: the exact bytes of the first part, canonicalized, against the second part. */
    Detached verifyDetached(MimeBodyPart part, ContentType type, List<Spool> spools) throws IOException {
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

    /** An opaque SignedData: checks every signer while writing the signed content to {@code out}. */
    SignedLayer verifyOpaque(InputStream cms, OutputStream out) throws IOException {
        return verifier.verifyOpaque(cms, out);
    }

    static boolean isCmsSignature(ContentType multipartSigned) {
        String protocol = lower(multipartSigned.getParameter("protocol"));
        return protocol.equals("application/pkcs7-signature") || protocol.equals("application/x-pkcs7-signature");
    }

    static boolean isPkcs7Mime(ContentType type, MimeBodyPart part) {
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

    /** The CMS content type of a pkcs7-mime entity; {@code limit} bounds any length its CMS body may declare. */
    static ASN1ObjectIdentifier cmsContentType(MimeBodyPart part, int limit) throws IOException {
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

    static String contentId(MimeBodyPart part) {
        try {
            return part.getContentID();
        } catch (MessagingException e) {
            return null;
        }
    }

    /** A body as a re-readable window; only a part that was not parsed from a spool needs copying. */
    private static SharedInputStream shared(InputStream body, List<Spool> spools) throws IOException {
        if (body instanceof SharedInputStream s) {
            return s;
        }
        Spool copy = new Spool();
        spools.add(copy);
        try (InputStream in = body; OutputStream out = copy.output()) {
            in.transferTo(out);
        }
        return (SharedInputStream) copy.open();
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

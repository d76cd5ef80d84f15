package io.github.camelsmime.unwrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;

import io.github.camelsmime.SmimeFormatException;
import io.github.camelsmime.SmimeOperation;
import io.github.camelsmime.SmimeSignatureException;
import io.github.camelsmime.crypto.CmsInput;
import io.github.camelsmime.mime.Mime;
import io.github.camelsmime.mime.Spool;
import io.github.camelsmime.unwrap.LayerTrace.Kind;
import io.github.camelsmime.unwrap.LayerTrace.Part;
import io.github.camelsmime.unwrap.LayerTrace.PartCheck;
import io.github.camelsmime.verify.SignedLayer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;

/**
 * Finds the S/MIME parts of a root that is not itself an S/MIME layer (a signed part of a multipart/mixed, an
 * encrypted part of a multipart/alternative) and records them for the trace. Signed parts are verified (in verify and
 * unwrap) so the verdict can name them; nothing is opened into the message: a signed part does not make the message
 * signed, and an encrypted part is not decrypted into it (EFAIL). The verdict policy judges what is found here.
 */
final class PartScan {

    /** How many MIME parts of a non-S/MIME root are examined for embedded S/MIME parts. */
    static final int MAX_SCANNED_PARTS = 1000;

    private final LayerReader reader;
    private final SignerTrust signerTrust;
    private final int maxDepth;

    PartScan(LayerReader reader, SignerTrust signerTrust, int maxDepth) {
        this.reader = reader;
        this.signerTrust = signerTrust;
        this.maxDepth = maxDepth;
    }

    /** The S/MIME parts below {@code root}; {@code limit} bounds any length a part's CMS may declare. */
    List<Part> scan(MimeBodyPart root, int limit, SmimeOperation op, List<Spool> spools) throws IOException {
        ContentType type = Mime.contentType(root);
        Scan scan = new Scan(limit, op, spools);
        if (type.match("multipart/*") && !(type.match("multipart/signed") && LayerReader.isCmsSignature(type))) {
            scan.children(root, "", 1);
        }
        return scan.parts;
    }

    /** One message's scan: where it is, and how many parts it has looked at. */
    private final class Scan {
        final int limit;
        final SmimeOperation op;
        final List<Spool> spools;
        final List<Part> parts = new ArrayList<>();
        int scanned;

        Scan(int limit, SmimeOperation op, List<Spool> spools) {
            this.limit = limit;
            this.op = op;
            this.spools = spools;
        }

        void children(MimeBodyPart parent, String prefix, int depth) throws IOException {
            try {
                if (depth > maxDepth || !(parent.getContent() instanceof MimeMultipart children)) {
                    return;
                }
                for (int i = 0; i < children.getCount() && scanned++ < MAX_SCANNED_PARTS; i++) {
                    MimeBodyPart child = (MimeBodyPart) children.getBodyPart(i);
                    String position = prefix + (i + 1);
                    ContentType type = Mime.contentType(child);
                    if (type.match("multipart/signed") && LayerReader.isCmsSignature(type)) {
                        parts.add(signedPart(position, child,
                                () -> reader.verifyDetached(child, type, spools).layer()));
                    } else if (LayerReader.isPkcs7Mime(type, child)) {
                        parts.add(cmsPart(position, child));
                    } else if (type.match("multipart/*")) {
                        children(child, position + ".", depth + 1);
                    }
                }
            } catch (MessagingException e) {
                throw new SmimeFormatException("Unreadable multipart: " + e.getMessage(), e);
            }
        }

        private Part cmsPart(String position, MimeBodyPart part) throws IOException {
            ASN1ObjectIdentifier cmsType = LayerReader.cmsContentType(part, limit);
            if (CMSObjectIdentifiers.signedData.equals(cmsType)) {
                return signedPart(position, part, () -> {
                    try (InputStream cms = CmsInput.bounded(Mime.decodedBody(part), limit)) {
                        return reader.verifyOpaque(cms, OutputStream.nullOutputStream());
                    }
                });
            }
            Kind kind = CMSObjectIdentifiers.compressedData.equals(cmsType) ? Kind.COMPRESSED : Kind.ENCRYPTED;
            return new Part(position, LayerReader.contentId(part), kind, PartCheck.NOT_CHECKED, List.of());
        }

        private Part signedPart(String position, MimeBodyPart part, LayerCheck check) throws IOException {
            String contentId = LayerReader.contentId(part);
            if (op == SmimeOperation.decrypt) {
                return new Part(position, contentId, Kind.SIGNED, PartCheck.NOT_CHECKED, List.of());
            }
            SignedLayer layer;
            try {
                layer = check.verify();
            } catch (SmimeFormatException | SmimeSignatureException e) {
                return new Part(position, contentId, Kind.SIGNED, PartCheck.UNREADABLE, List.of());
            }
            return new Part(position, contentId, Kind.SIGNED, PartCheck.VERIFIED, signerTrust.check(layer));
        }
    }

    private interface LayerCheck {
        SignedLayer verify() throws IOException;
    }
}

package io.github.camelsmime.sign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

import jakarta.mail.internet.ContentType;

import io.github.camelsmime.crypto.CryptoProviders;
import io.github.camelsmime.keys.SignerKey;
import io.github.camelsmime.mime.Base64Streams;
import io.github.camelsmime.mime.CrlfOutputStream;
import io.github.camelsmime.mime.Entities;
import io.github.camelsmime.mime.Entity;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.smime.SMIMECapabilitiesAttribute;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.asn1.smime.SMIMECapabilityVector;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.mail.smime.SMIMESignedGenerator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.TeeOutputStream;

/**
 * Makes S/MIME signatures: detached {@code multipart/signed} or opaque {@code application/pkcs7-mime;
 * smime-type=signed-data}. Signed attributes: contentType, messageDigest, signingTime, CMS algorithm protection,
 * SMIMECapabilities and signingCertificateV2; the signer's whole chain is included. The SignedData is Bouncy Castle's
 * ({@link CMSSignedDataStreamGenerator} with a {@link SignerInfoGenerator} from {@link JcaSignerInfoGeneratorBuilder},
 * as Bouncy Castle's S/MIME generator uses them); the MIME around it is written here (see {@link Entity}) so that a
 * detached content is read once: written into the multipart and digested in the same pass.
 */
public final class SmimeSigner {

    private static final String DETACHED_SIGNATURE_TYPE =
            "application/pkcs7-signature; name=smime.p7s; smime-type=signed-data";
    private static final String ENCAPSULATED_SIGNED_TYPE =
            "application/pkcs7-mime; name=smime.p7m; smime-type=signed-data";
    /** Idle signer-info generators kept for reuse; more are made when more messages are signed at once. */
    private static final int MAX_IDLE = 16;

    private final SignerKey signer;
    private final String algorithm;
    private final JcaCertStore certificates;
    private final AttributeTable staticAttributes;
    private final java.security.Provider signatureProvider;
    /** The private key in the signature provider's own form, converted once instead of on every signature. */
    private final java.security.PrivateKey signingKey;
    private final DigestCalculatorProvider digests;
    /** The {@code micalg} parameter of multipart/signed for the signer's digest (RFC 5751 names). */
    private final String micalg;
    /**
     * Signer-info generators are reusable one message at a time (the content signer and digest reset when used), and
     * making one costs a Signature.getInstance and initSign: they are pooled instead of made per message.
     */
    private final Deque<SignerInfoGenerator> idle = new ConcurrentLinkedDeque<>();

    public SmimeSigner(SignerKey signer, String configuredAlgorithm, CryptoProviders providers) {
        this.signer = signer;
        this.algorithm = SignatureAlgorithms.choose(configuredAlgorithm, signer.privateKey());
        this.signatureProvider = providers.signature(signer.privateKey(), algorithm);
        this.signingKey = CryptoProviders.nativeKey(signer.privateKey(), signatureProvider);
        this.digests = providers.digestCalculators();
        try {
            this.certificates = new JcaCertStore(signer.chain());
            this.staticAttributes = new AttributeTable(staticAttributes(signer.certificate()));
            SignerInfoGenerator first = newSignerInfoGenerator();
            String name = (String) SMIMESignedGenerator.RFC5751_MICALGS.get(first.getDigestAlgorithm().getAlgorithm());
            this.micalg = name != null ? name : "unknown";
            idle.add(first);
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("Unusable signer certificate: " + e.getMessage(), e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("Cannot set up signer " + algorithm + ": " + e.getMessage(), e);
        }
    }

    public String algorithm() {
        return algorithm;
    }

    public X509Certificate certificate() {
        return signer.certificate();
    }

    /**
     * A detached signature: {@code multipart/signed} with the content in canonical form (CRLF line ends, RFC 8551
     * section 3.1.1) as first part, the very bytes that are digested, and the signature as second part.
     */
    public Entity detached(Entity content) {
        return out -> {
            String boundary = Entities.newBoundary();
            ContentType type = new ContentType("multipart", "signed; protocol=\"application/pkcs7-signature\"; micalg="
                    + micalg, null);
            type.setParameter("boundary", boundary);
            Entities.writeHeader(out, "Content-Type", type.toString());
            Entities.writeCrlf(out);
            byte[] delimiter = ("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII);
            out.write(delimiter);
            ByteArrayOutputStream cms = new ByteArrayOutputStream(8192);
            try (Signing signing = new Signing(cms, false)) {
                CrlfOutputStream canonical = new CrlfOutputStream(new TeeOutputStream(out, signing.contentStream()));
                content.writeTo(canonical);
                canonical.finish();
                signing.sign();
            }
            Entities.writeCrlf(out);
            out.write(delimiter);
            Entities.writeBase64PartHeaders(out, DETACHED_SIGNATURE_TYPE, "attachment; filename=\"smime.p7s\"",
                    "S/MIME Cryptographic Signature");
            OutputStream base64 = Base64Streams.encoder(out);
            cms.writeTo(base64);
            base64.close();
            Entities.writeCrlf(out);
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        };
    }

    /** An opaque signature: the content, as written, travels inside the CMS SignedData. */
    public Entity opaque(Entity content) {
        return out -> {
            Entities.writeBase64PartHeaders(out, ENCAPSULATED_SIGNED_TYPE, "attachment; filename=\"smime.p7m\"",
                    "S/MIME Cryptographic Signed Data");
            OutputStream base64 = Base64Streams.encoder(out);
            try (Signing signing = new Signing(base64, true)) {
                content.writeTo(signing.contentStream());
                signing.sign();
            }
            base64.close();
        };
    }

    /**
     * One SignedData being generated with a pooled signer-info generator: the content written to
     * {@link #contentStream()} is digested (and, encapsulated, embedded); {@link #sign()} signs and writes the rest.
     * The generator goes back to the pool only after a complete signature, so a failure never leaves a half-fed
     * digest behind for the next message.
     */
    private final class Signing implements AutoCloseable {
        private final SignerInfoGenerator generator;
        private final OutputStream stream;
        private boolean signed;

        Signing(OutputStream cmsOut, boolean encapsulate) throws IOException {
            SignerInfoGenerator g = idle.pollFirst();
            try {
                generator = g != null ? g : newSignerInfoGenerator();
                CMSSignedDataStreamGenerator gen = new CMSSignedDataStreamGenerator();
                gen.addCertificates(certificates);
                gen.addSignerInfoGenerator(generator);
                stream = gen.open(cmsOut, encapsulate);
            } catch (CMSException | OperatorCreationException | CertificateEncodingException e) {
                throw new IOException("Cannot set up signer " + algorithm + ": " + e.getMessage(), e);
            }
        }

        OutputStream contentStream() {
            return stream;
        }

        void sign() throws IOException {
            stream.close();
            signed = true;
        }

        @Override
        public void close() {
            if (signed && idle.size() < MAX_IDLE) {
                idle.offerFirst(generator);
            }
        }
    }

    private SignerInfoGenerator newSignerInfoGenerator() throws OperatorCreationException, CertificateEncodingException {
        ContentSigner contentSigner = new JcaContentSignerBuilder(algorithm)
                .setProvider(signatureProvider)
                .build(signingKey);
        return new JcaSignerInfoGeneratorBuilder(digests)
                .setSignedAttributeGenerator(new SigningTime(staticAttributes))
                .build(contentSigner, signer.certificate());
    }

    private static ASN1EncodableVector staticAttributes(X509Certificate cert)
            throws CertificateEncodingException, NoSuchAlgorithmException {
        ASN1EncodableVector attrs = new ASN1EncodableVector();
        SMIMECapabilityVector caps = new SMIMECapabilityVector();
        caps.addCapability(CMSAlgorithm.AES256_GCM);
        caps.addCapability(CMSAlgorithm.AES128_GCM);
        caps.addCapability(CMSAlgorithm.ChaCha20Poly1305);
        caps.addCapability(SMIMECapability.aES256_CBC);
        caps.addCapability(SMIMECapability.aES192_CBC);
        caps.addCapability(SMIMECapability.aES128_CBC);
        caps.addCapability(PKCSObjectIdentifiers.id_RSAES_OAEP);
        caps.addCapability(PKCSObjectIdentifiers.rsaEncryption);
        attrs.add(new SMIMECapabilitiesAttribute(caps));

        byte[] hash = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        IssuerSerial issuerSerial = new IssuerSerial(
                new GeneralNames(new GeneralName(X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()))),
                cert.getSerialNumber());
        // without an algorithm identifier ESSCertIDv2 means SHA-256 (RFC 5035), which is what we hashed with
        ESSCertIDv2 id = new ESSCertIDv2(hash, issuerSerial);
        attrs.add(new org.bouncycastle.asn1.cms.Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new org.bouncycastle.asn1.DERSet(new SigningCertificateV2(new ESSCertIDv2[] { id }))));
        return attrs;
    }

    @Override
    public String toString() {
        return "SmimeSigner[" + algorithm + ", " + signer.certificate().getSubjectX500Principal().getName() + "]";
    }
}

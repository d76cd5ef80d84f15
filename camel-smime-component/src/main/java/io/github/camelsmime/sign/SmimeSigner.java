package io.github.camelsmime.sign;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;

import io.github.camelsmime.crypto.CryptoProviders;
import io.github.camelsmime.keys.SignerKey;
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
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.mail.smime.SMIMEException;
import org.bouncycastle.mail.smime.SMIMESignedGenerator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes S/MIME signatures: detached {@code multipart/signed} or opaque {@code application/pkcs7-mime;
 * smime-type=signed-data}. Signed attributes: contentType, messageDigest, signingTime, CMS algorithm protection,
 * SMIMECapabilities and signingCertificateV2; the signer's whole chain is included. Bouncy Castle's generator
 * streams: the content is digested while it is written out.
 */
public final class SmimeSigner {

    private final SignerKey signer;
    private final String algorithm;
    private final CryptoProviders providers;
    private final JcaCertStore certificates;
    private final AttributeTable staticAttributes;
    private final java.security.Provider signatureProvider;
    /** The private key in the signature provider's own form, converted once instead of on every signature. */
    private final java.security.PrivateKey signingKey;
    private final DigestCalculatorProvider digests;

    public SmimeSigner(SignerKey signer, String configuredAlgorithm, CryptoProviders providers) {
        this.signer = signer;
        this.algorithm = SignatureAlgorithms.choose(configuredAlgorithm, signer.privateKey());
        this.providers = providers;
        this.signatureProvider = providers.signature(signer.privateKey(), algorithm);
        this.signingKey = CryptoProviders.nativeKey(signer.privateKey(), signatureProvider);
        this.digests = providers.digestCalculators();
        try {
            this.certificates = new JcaCertStore(signer.chain());
            this.staticAttributes = new AttributeTable(staticAttributes(signer.certificate()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("Unusable signer certificate: " + e.getMessage(), e);
        }
    }

    public String algorithm() {
        return algorithm;
    }

    public X509Certificate certificate() {
        return signer.certificate();
    }

    /** Detached signature; the content part is written unchanged as the first part. */
    public MimeMultipart signDetached(MimeBodyPart content) throws SMIMEException {
        return generator().generate(content);
    }

    /** Opaque signature: the content travels inside the CMS SignedData. */
    public MimeBodyPart signOpaque(MimeBodyPart content) throws SMIMEException {
        return generator().generateEncapsulated(content);
    }

    /** The detached result wrapped as a body part, so it can be encrypted or written as the top entity. */
    public MimeBodyPart signDetachedAsPart(MimeBodyPart content) throws SMIMEException, MessagingException {
        MimeMultipart signed = signDetached(content);
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(signed);
        part.setHeader("Content-Type", signed.getContentType());
        return part;
    }

    private SMIMESignedGenerator generator() {
        try {
            SMIMESignedGenerator gen = new SMIMESignedGenerator(SMIMESignedGenerator.RFC5751_MICALGS);
            gen.setContentTransferEncoding("base64");
            gen.addSignerInfoGenerator(signerInfoGenerator());
            gen.addCertificates(certificates);
            return gen;
        } catch (OperatorCreationException | CertificateEncodingException e) {
            throw new IllegalStateException("Cannot set up signer " + algorithm + ": " + e.getMessage(), e);
        }
    }

    private SignerInfoGenerator signerInfoGenerator() throws OperatorCreationException, CertificateEncodingException {
        ContentSigner contentSigner = new JcaContentSignerBuilder(algorithm)
                .setProvider(signatureProvider)
                .build(signingKey);
        return new JcaSignerInfoGeneratorBuilder(digests)
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(staticAttributes))
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

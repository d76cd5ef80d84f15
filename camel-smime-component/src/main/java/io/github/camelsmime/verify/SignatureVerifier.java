package io.github.camelsmime.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.camelsmime.SmimeException;
import io.github.camelsmime.SmimeFormatException;
import io.github.camelsmime.SmimeLimitException;
import io.github.camelsmime.crypto.CmsInput;
import io.github.camelsmime.crypto.CryptoProviders;
import io.github.camelsmime.keys.Certificates;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.Store;

/**
 * Checks the math of every signer of a CMS SignedData, detached or opaque, streaming the content through the digest
 * calculators. Trust is not decided here: see {@code io.github.camelsmime.trust}.
 */
public final class SignatureVerifier {

    /** More signers than this is not a real message but an attempt to make verification expensive. */
    public static final int MAX_SIGNERS = 32;
    /** A detached signature part larger than this cannot be a sane SignedData (certificates included). */
    public static final int MAX_DETACHED_SIGNATURE = 4 * 1024 * 1024;
    /** Certificates a SignedData may carry by default: real ones carry a chain or two, not thousands. */
    public static final int DEFAULT_MAX_CERTIFICATES = 100;

    private static final DefaultAlgorithmNameFinder NAMES = new DefaultAlgorithmNameFinder();

    private final CryptoProviders providers;
    private final DigestCalculatorProvider digests;
    private final List<X509Certificate> configuredCertificates;
    private final int maxCertificates;

    public SignatureVerifier(CryptoProviders providers, List<X509Certificate> configuredCertificates) {
        this(providers, configuredCertificates, DEFAULT_MAX_CERTIFICATES);
    }

    /**
     * @param configuredCertificates trust anchors and intermediates from the configuration; consulted only for DSA
     *                               parameter inheritance, never for trust
     */
    public SignatureVerifier(CryptoProviders providers, List<X509Certificate> configuredCertificates,
            int maxCertificates) {
        this.maxCertificates = maxCertificates;
        this.providers = providers;
        this.digests = providers.digestCalculators();
        this.configuredCertificates = List.copyOf(configuredCertificates);
    }

    /**
     * A detached signature over content that arrives separately (already in canonical form).
     * A SignedData that carries its own eContent here is refused: accepting it would let the embedded content,
     * not the content shown, decide the verdict.
     */
    public SignedLayer verifyDetached(InputStream canonicalContent, byte[] signature) {
        rejectEmbeddedContent(signature);
        try {
            CMSSignedDataParser parser = new CMSSignedDataParser(digests(), new CMSTypedStream(canonicalContent),
                    signature);
            parser.getSignedContent().drain();
            return check(parser, true);
        } catch (SmimeException e) {
            throw e;
        } catch (CMSException | IOException | RuntimeException e) {
            throw CmsInput.unreadable("Unreadable detached signature", e);
        }
    }

    /** An opaque signature; the encapsulated content is written to {@code contentOut} while it is digested. */
    public SignedLayer verifyOpaque(InputStream cms, OutputStream contentOut) {
        try {
            CMSSignedDataParser parser = new CMSSignedDataParser(digests(), cms);
            CMSTypedStream content = parser.getSignedContent();
            if (content == null) {
                throw new SmimeFormatException("SignedData carries no content (certs-only or detached without content)");
            }
            try (InputStream in = content.getContentStream()) {
                in.transferTo(contentOut);
            }
            return check(parser, false);
        } catch (SmimeException e) {
            throw e;
        } catch (CMSException | IOException | RuntimeException e) {
            throw CmsInput.unreadable("Unreadable signed data", e);
        }
    }

    private DigestCalculatorProvider digests() {
        return digests;
    }

    private static void rejectEmbeddedContent(byte[] signature) {
        try {
            ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(signature));
            if (!PKCSObjectIdentifiers.signedData.equals(info.getContentType())) {
                throw new SmimeFormatException("The signature part is not a CMS SignedData");
            }
            SignedData sd = SignedData.getInstance(info.getContent());
            if (sd.getEncapContentInfo().getContent() != null) {
                throw new io.github.camelsmime.SmimeSignatureException(io.github.camelsmime.SmimeCheck.SIGNATURE,
                        "The detached signature also carries embedded content; refusing to verify content other than"
                                + " what is shown");
            }
        } catch (SmimeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw CmsInput.unreadable("Malformed signature part", e);
        }
    }

    private SignedLayer check(CMSSignedDataParser parser, boolean detached) throws CMSException {
        @SuppressWarnings("unchecked")
        Store<X509CertificateHolder> store = parser.getCertificates();
        Collection<X509CertificateHolder> carried = store.getMatches(null);
        // counted before any is converted or offered to path building
        if (carried.size() > maxCertificates) {
            throw new SmimeLimitException("The signature carries " + carried.size() + " certificates; at most "
                    + maxCertificates + " are accepted (maxCertificates)");
        }
        List<X509Certificate> messageCerts = new ArrayList<>();
        for (X509CertificateHolder h : carried) {
            messageCerts.add(Certificates.toX509(h));
        }
        Collection<SignerInformation> signerInfos = parser.getSignerInfos().getSigners();
        if (signerInfos.size() > MAX_SIGNERS) {
            throw new SmimeLimitException("The message has " + signerInfos.size() + " signers; at most "
                    + MAX_SIGNERS + " are checked");
        }
        Set<AlgorithmIdentifier> announced = parser.getDigestAlgorithmIDs();
        List<SignerResult> results = new ArrayList<>();
        for (SignerInformation si : signerInfos) {
            results.add(checkSigner(si, store, announced));
        }
        return new SignedLayer(detached, results, messageCerts);
    }

    private SignerResult checkSigner(SignerInformation si, Store<X509CertificateHolder> store,
            Set<AlgorithmIdentifier> announced) {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = store.getMatches(si.getSID());
        String digestName = name(si.getDigestAlgorithmID());
        String signatureName = signatureName(si, digestName);
        Instant signingTime = signingTime(si);
        if (matches.isEmpty()) {
            BigInteger serial = si.getSID().getSerialNumber();
            return SignerResult.verified(null, List.of(), si.getSID().getIssuer() == null ? null
                    : si.getSID().getIssuer().toString(), serial == null ? null : serial.toString(16), signingTime,
                    digestName, signatureName, false, "signer certificate not included in the message", null);
        }
        X509Certificate cert = Certificates.toX509(matches.iterator().next());
        java.security.PublicKey publicKey = DsaParameters.completed(cert, store, configuredCertificates);
        boolean valid = false;
        String failure = null;
        if (!isAnnounced(si.getDigestAlgorithmID(), announced)) {
            failure = "digest algorithm " + digestName + " is not listed in SignedData.digestAlgorithms";
        } else {
            try {
                // built from the public key alone: certificate validity at signingTime is a trust question
                SignerInformationVerifier verifier = providers.verification() == null
                        ? new JcaSimpleSignerInfoVerifierBuilder().build(publicKey)
                        : new JcaSimpleSignerInfoVerifierBuilder().setProvider(providers.verification())
                                .build(publicKey);
                valid = si.verify(verifier);
                SignerInformation asReceived = valid ? null : AsReceivedSignerInformation.ifReordered(si);
                if (asReceived != null) {
                    valid = asReceived.verify(verifier);
                }
                if (!valid) {
                    failure = "signature does not match the content";
                }
            } catch (CMSException e) {
                failure = "signature does not match the content: " + e.getMessage();
            } catch (OperatorCreationException | RuntimeException e) {
                failure = "signature could not be checked: " + e.getMessage();
            }
        }
        return SignerResult.verified(Certificates.subject(cert), List.copyOf(Certificates.emailAddresses(cert)),
                Certificates.issuer(cert), cert.getSerialNumber().toString(16), signingTime, digestName, signatureName,
                valid, failure, cert);
    }

    private static boolean isAnnounced(AlgorithmIdentifier digest, Set<AlgorithmIdentifier> announced) {
        for (AlgorithmIdentifier a : announced) {
            if (a.getAlgorithm().equals(digest.getAlgorithm())) {
                return true;
            }
        }
        return false;
    }

    private static Instant signingTime(SignerInformation si) {
        AttributeTable attrs = si.getSignedAttributes();
        if (attrs == null) {
            return null;
        }
        Attribute attr = attrs.get(CMSAttributes.signingTime);
        if (attr == null || attr.getAttrValues().size() == 0) {
            return null;
        }
        try {
            return Time.getInstance(attr.getAttrValues().getObjectAt(0)).getDate().toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String name(AlgorithmIdentifier id) {
        return NAMES.getAlgorithmName(id).replace("-", "");
    }

    private static String signatureName(SignerInformation si, String digestName) {
        ASN1ObjectIdentifier oid = new ASN1ObjectIdentifier(si.getEncryptionAlgOID());
        String raw = NAMES.getAlgorithmName(oid).toUpperCase(Locale.ROOT);
        if (oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            return digestName + "withRSAandMGF1";
        }
        if (raw.equals("RSA")) {
            return digestName + "withRSA";
        }
        if (raw.equals("ED25519") || raw.equals("ED448")) {
            return raw.equals("ED25519") ? "Ed25519" : "Ed448";
        }
        int with = raw.indexOf("WITH");
        if (with > 0) {
            return raw.substring(0, with).replace("-", "") + "with" + raw.substring(with + 4);
        }
        return raw.equals("DSA") || raw.equals("ECDSA") ? digestName + "with" + raw : raw;
    }
}

package io.github.camelsmime;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Builds the hostile inputs of the security tests with Bouncy Castle directly, so that each spoofing class has its own
 * message: certificates with chosen validity, key usage, algorithms and revocation pointers; CMS signatures with any
 * set of signers, embedded content and signingTime; and the MIME around them.
 */
final class SpoofKit {

    static final TestPki PKI = TestPki.get();
    static final BouncyCastleProvider BC = new BouncyCastleProvider();
    /** One RSA key for every certificate that does not need its own (key generation is slow). */
    private static final KeyPair SHARED_RSA = rsa(2048);
    private static final AtomicInteger BOUNDARIES = new AtomicInteger();

    /** The content most tests sign: a MIME entity in canonical form. */
    static final String ENTITY = "Content-Type: text/plain; charset=us-ascii\r\n\r\nPay invoice 4711 to Alice.\r\n";

    private SpoofKit() {
    }

    /** A signing identity: key, certificate, and the chain to put into messages (leaf first). */
    record Signer(PrivateKey key, X509Certificate cert, List<X509Certificate> chain, String algorithm) {
        Signer withAlgorithm(String signatureAlgorithm) {
            return new Signer(key, cert, chain, signatureAlgorithm);
        }

        Signer withChain(X509Certificate... certs) {
            return new Signer(key, cert, List.of(certs), algorithm);
        }
    }

    /** A test PKI identity as a signer, with its intermediate in the message. */
    static Signer pki(String name) {
        TestPki.Identity id = PKI.id(name);
        String alg = id.key().getAlgorithm().equals("EC") ? "SHA256withECDSA"
                : id.key().getAlgorithm().startsWith("Ed") ? "Ed25519" : "SHA256withRSA";
        return new Signer(id.key(), id.cert(), List.of(id.cert(), PKI.intermediate()), alg);
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
            kpg.initialize(bits);
            return kpg.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Cert cert(String commonName) {
        return new Cert(commonName);
    }

    /** A certificate to issue, by the test intermediate unless told otherwise. */
    static final class Cert {
        private String subject;
        private String email;
        private KeyPair keys = SHARED_RSA;
        private X509Certificate issuer = PKI.intermediate();
        private PrivateKey issuerKey = PKI.intermediateKey();
        private Integer keyUsage = KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyEncipherment;
        private KeyPurposeId[] eku = { KeyPurposeId.id_kp_emailProtection };
        private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(365));
        private String signatureAlgorithm = "SHA256withRSA";
        private String crlUrl;
        private String ocspUrl;
        private boolean ca;
        private boolean self;
        private BigInteger serial = new BigInteger(64, new SecureRandom()).add(BigInteger.ONE);

        private Cert(String commonName) {
            this.subject = "CN=" + commonName + ",O=camel-smime spoof tests";
        }

        /** The whole subject DN, for impostors that copy a real name. */
        Cert subjectDn(String dn) {
            this.subject = dn;
            return this;
        }

        Cert email(String address) {
            this.email = address;
            return this;
        }

        Cert keys(KeyPair pair) {
            this.keys = pair;
            return this;
        }

        Cert issuedBy(X509Certificate issuerCert, PrivateKey key) {
            this.issuer = issuerCert;
            this.issuerKey = key;
            return this;
        }

        Cert selfSigned() {
            this.self = true;
            return this;
        }

        /** Key usage bits (BC KeyUsage constants), or null for no extension. */
        Cert keyUsage(Integer bits) {
            this.keyUsage = bits;
            return this;
        }

        /** Extended key usages, or none at all for no extension. */
        Cert extendedKeyUsage(KeyPurposeId... purposes) {
            this.eku = purposes.length == 0 ? null : purposes;
            return this;
        }

        Cert validity(Instant from, Instant to) {
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        Cert signedWith(String algorithm) {
            this.signatureAlgorithm = algorithm;
            return this;
        }

        Cert crlDistributionPoint(String url) {
            this.crlUrl = url;
            return this;
        }

        Cert ocsp(String url) {
            this.ocspUrl = url;
            return this;
        }

        Cert ca() {
            this.ca = true;
            this.keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;
            this.eku = null;
            return this;
        }

        X509Certificate build() {
            X509Certificate issuer = self ? null : this.issuer;
            PrivateKey issuerKey = self ? keys.getPrivate() : this.issuerKey;
            try {
                X500Name issuerName = issuer == null ? new X500Name(subject)
                        : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, serial,
                        Date.from(notBefore), Date.from(notAfter), new X500Name(subject), keys.getPublic());
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
                if (issuer != null) {
                    b.addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(issuer));
                }
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
                if (keyUsage != null) {
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
                }
                if (eku != null) {
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
                }
                if (email != null) {
                    b.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
                }
                if (crlUrl != null) {
                    GeneralNames names = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                            crlUrl));
                    b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                        new DistributionPoint(new DistributionPointName(names), null, null) }));
                }
                if (ocspUrl != null) {
                    b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                            new AccessDescription(AccessDescription.id_ad_ocsp,
                                    new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl))));
                }
                return new JcaX509CertificateConverter().setProvider(BC).getCertificate(
                        b.build(new JcaContentSignerBuilder(signatureAlgorithm).setProvider(BC).build(issuerKey)));
            } catch (Exception e) {
                throw new IllegalStateException("cannot issue " + subject, e);
            }
        }

        /** The certificate as a signer, with the test intermediate in the message (when it issued it). */
        Signer signer() {
            X509Certificate cert = build();
            List<X509Certificate> chain = self ? List.of(cert) : issuer.equals(PKI.intermediate())
                    ? List.of(cert, PKI.intermediate()) : List.of(cert, issuer);
            String algorithm = keys.getPrivate().getAlgorithm().equals("DSA") ? "SHA256withDSA" : "SHA256withRSA";
            return new Signer(keys.getPrivate(), cert, chain, algorithm);
        }
    }

    /** A CRL of the intermediate (or any issuer) revoking the given serials at the given time. */
    static X509CRL crl(X509Certificate issuer, PrivateKey issuerKey, Instant thisUpdate, Instant nextUpdate,
            Instant revokedAt, BigInteger... revoked) {
        try {
            X509v2CRLBuilder b = new JcaX509v2CRLBuilder(issuer.getSubjectX500Principal(), Date.from(thisUpdate));
            if (nextUpdate != null) {
                b.setNextUpdate(Date.from(nextUpdate));
            }
            for (BigInteger serial : revoked) {
                b.addCRLEntry(serial, Date.from(revokedAt), CRLReason.keyCompromise);
            }
            return new JcaX509CRLConverter().setProvider(BC).getCRL(
                    b.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(BC).build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- CMS ----

    /** A SignedData over {@code content} by every signer, carrying {@code certificates}. */
    static byte[] signedData(byte[] content, boolean encapsulate, List<X509Certificate> certificates,
            Date signingTime, Signer... signers) {
        try {
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            for (Signer s : signers) {
                JcaSignerInfoGeneratorBuilder builder = new JcaSignerInfoGeneratorBuilder(
                        new JcaDigestCalculatorProviderBuilder().setProvider(BC).build());
                if (signingTime != null) {
                    builder.setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(
                            new Attribute(CMSAttributes.signingTime, new DERSet(new Time(signingTime))))));
                }
                gen.addSignerInfoGenerator(builder.build(
                        new JcaContentSignerBuilder(s.algorithm()).setProvider(BC).build(s.key()), s.cert()));
            }
            gen.addCertificates(new JcaCertStore(certificates));
            return gen.generate(new CMSProcessableByteArray(content), encapsulate).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign", e);
        }
    }

    /** A detached signature by one signer over the canonical entity, with the signer's chain. */
    static byte[] detachedSignature(String entity, Signer signer) {
        return signedData(bytes(entity), false, signer.chain(), null, signer);
    }

    // ---- MIME ----

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String base64(byte[] data) {
        return Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(data) + "\r\n";
    }

    static String headers(String from) {
        return "From: " + from + "\r\nTo: bob@example.com\r\nSubject: Invoice\r\nMIME-Version: 1.0\r\n";
    }

    /** A multipart/signed entity (Content-Type header and body) over {@code entity}. */
    static String signedEntity(String entity, byte[] signature) {
        String b = "----=_signed_" + BOUNDARIES.incrementAndGet();
        return "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256;"
                + " boundary=\"" + b + "\"\r\n\r\n"
                + "This is an S/MIME signed message\r\n\r\n"
                + "--" + b + "\r\n" + entity + "\r\n"
                + "--" + b + "\r\n"
                + "Content-Type: application/pkcs7-signature; name=smime.p7s\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=smime.p7s\r\n\r\n"
                + base64(signature)
                + "--" + b + "--\r\n";
    }

    /** An application/pkcs7-mime entity around a CMS structure. */
    static String pkcs7Entity(String smimeType, byte[] cms) {
        return "Content-Type: application/pkcs7-mime; smime-type=" + smimeType + "; name=smime.p7m\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=smime.p7m\r\n\r\n"
                + base64(cms);
    }

    /** A complete message from {@code from}, signed (detached) by {@code signer} over {@link #ENTITY}. */
    static String signedMessage(String from, Signer signer) {
        return headers(from) + signedEntity(ENTITY, detachedSignature(ENTITY, signer));
    }

    /** A multipart entity of the given subtype holding the given entities (each with its own headers). */
    static String multipart(String subtype, String... parts) {
        String b = "----=_" + subtype + "_" + BOUNDARIES.incrementAndGet();
        StringBuilder sb = new StringBuilder("Content-Type: multipart/" + subtype + "; boundary=\"" + b + "\"\r\n\r\n");
        for (String part : parts) {
            sb.append("--").append(b).append("\r\n").append(part);
            if (!part.endsWith("\r\n")) {
                sb.append("\r\n");
            }
        }
        return sb.append("--").append(b).append("--\r\n").toString();
    }

    static String text(String body) {
        return "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + body + "\r\n";
    }

    static List<X509Certificate> list(X509Certificate... certs) {
        return new ArrayList<>(List.of(certs));
    }
}

package io.github.camelsmime.keys;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Reading certificates (PEM or DER, one or many) and the facts about them the component asks for: the e-mail
 * addresses a certificate speaks for, and whether a message can be encrypted to it. Public so that applications
 * (such as the sample gateway) ask the same questions the component does instead of keeping copies.
 */
public final class Certificates {

    private static final int RFC822_NAME = 1;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_AGREEMENT = 4;
    private static final String EMAIL_PROTECTION = KeyPurposeId.id_kp_emailProtection.getId();
    private static final String ANY_EXTENDED_KEY_USAGE = KeyPurposeId.anyExtendedKeyUsage.getId();

    private Certificates() {
    }

    /** Every certificate in a PEM bundle or a single DER certificate. */
    public static List<X509Certificate> read(InputStream in) throws IOException {
        byte[] data = in.readAllBytes();
        try {
            if (looksLikePem(data)) {
                List<X509Certificate> result = new ArrayList<>();
                try (PEMParser parser = new PEMParser(
                        new InputStreamReader(new ByteArrayInputStream(data), StandardCharsets.US_ASCII))) {
                    Object o;
                    while ((o = parser.readObject()) != null) {
                        if (o instanceof X509CertificateHolder holder) {
                            result.add(toX509(holder.getEncoded()));
                        }
                    }
                }
                return result;
            }
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            Collection<? extends java.security.cert.Certificate> certs =
                    cf.generateCertificates(new BufferedInputStream(new ByteArrayInputStream(data)));
            List<X509Certificate> result = new ArrayList<>();
            for (java.security.cert.Certificate c : certs) {
                result.add((X509Certificate) c);
            }
            return result;
        } catch (CertificateException e) {
            throw new IOException("not a certificate: " + e.getMessage(), e);
        }
    }

    static boolean looksLikePem(byte[] data) {
        String head = new String(data, 0, Math.min(data.length, 4096), StandardCharsets.ISO_8859_1);
        return head.contains("-----BEGIN ");
    }

    /** One DER-encoded certificate; {@link IllegalArgumentException} when it is not one. */
    public static X509Certificate toX509(byte[] der) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a certificate", e);
        }
    }

    /** The JDK form of a Bouncy Castle certificate holder. */
    public static X509Certificate toX509(X509CertificateHolder holder) {
        try {
            return toX509(holder.getEncoded());
        } catch (IOException e) {
            throw new IllegalArgumentException("not a certificate", e);
        }
    }

    /**
     * The e-mail addresses a certificate speaks for (RFC 8550 section 3): subjectAltName rfc822Name entries, and the
     * legacy emailAddress attribute of the subject. Lower-cased, since both parts compare case-insensitively here.
     */
    public static Set<String> emailAddresses(X509Certificate cert) {
        Set<String> result = new LinkedHashSet<>();
        try {
            Collection<List<?>> alt = cert.getSubjectAlternativeNames();
            if (alt != null) {
                for (List<?> entry : alt) {
                    if (entry.size() >= 2 && entry.get(0) instanceof Integer type && type == RFC822_NAME) {
                        result.add(entry.get(1).toString().trim().toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException ignored) {
            // a malformed extension simply yields no addresses from it
        }
        X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        for (RDN rdn : subject.getRDNs(BCStyle.EmailAddress)) {
            if (rdn.getFirst().getValue() instanceof ASN1String s) {
                result.add(s.getString().trim().toLowerCase(Locale.ROOT));
            }
        }
        return result;
    }

    /** The subject as an RFC 2253 string, for messages and reports (not for reading attributes back out). */
    public static String subject(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    /** The issuer as an RFC 2253 string, for messages and reports. */
    public static String issuer(X509Certificate cert) {
        return cert.getIssuerX500Principal().getName(X500Principal.RFC2253);
    }

    /**
     * Whether a message can be encrypted to this certificate at {@code time} (RFC 8550 section 4.4): within its
     * validity dates, a keyUsage (when present) that allows keyEncipherment or keyAgreement, and an extendedKeyUsage
     * (when present) that includes emailProtection or anyExtendedKeyUsage. Trust in the issuer is not checked here.
     */
    public static boolean usableForEncryption(X509Certificate cert, Date time) {
        if (time.before(cert.getNotBefore()) || time.after(cert.getNotAfter())) {
            return false;
        }
        if (!keyUsageAllows(cert, KEY_ENCIPHERMENT) && !keyUsageAllows(cert, KEY_AGREEMENT)) {
            return false;
        }
        try {
            List<String> eku = cert.getExtendedKeyUsage();
            return eku == null || eku.contains(EMAIL_PROTECTION) || eku.contains(ANY_EXTENDED_KEY_USAGE);
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    /** Whether the certificate's key usage allows the given bit (absent extension allows everything). */
    public static boolean keyUsageAllows(X509Certificate cert, int bit) {
        boolean[] ku = cert.getKeyUsage();
        return ku == null || (ku.length > bit && ku[bit]);
    }
}

package io.github.camelsmime.trust;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CRL;
import java.security.cert.CRLReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;

/**
 * Whether a certificate was revoked at the validation time, from the sources that are configured: CRL files (always
 * consulted when configured), and only when switched on, OCSP responders named in the certificate's
 * authorityInfoAccess and CRLs fetched from its cRLDistributionPoints. Network sources are off by default: the URLs
 * come from certificates, and a gateway should not fetch attacker-influenced URLs unless asked to.
 * <p>
 * A CRL is used only when its signature verifies with the issuer's key. A listed serial with a revocation date at or
 * before the validation time is revoked, even on an outdated CRL; an unlisted serial counts as good only on a CRL that
 * is still current (nextUpdate not passed) and covers the certificate (no delta CRL, no partitioned or indirect CRL).
 */
public final class RevocationSources {

    /** The answer for one certificate. */
    public enum Status {
        GOOD, REVOKED, UNKNOWN
    }

    public record Answer(Status status, String detail) {
        static Answer unknown(String why) {
            return new Answer(Status.UNKNOWN, why);
        }

        boolean conclusive() {
            return status != Status.UNKNOWN;
        }
    }

    private static final int CRL_SIGN = 6;

    private final List<X509CRL> crls;
    private final OnlineRevocation online;
    private final boolean requireStatus;

    public RevocationSources(Collection<X509CRL> crls, OnlineRevocation online, boolean requireStatus) {
        this.crls = List.copyOf(crls);
        this.online = online;
        this.requireStatus = requireStatus;
    }

    /** No revocation checking at all. */
    public static RevocationSources none() {
        return new RevocationSources(List.of(), null, false);
    }

    /** Whether any source is configured; without one, revocation is reported as not checked. */
    public boolean enabled() {
        return !crls.isEmpty() || online != null;
    }

    /** Whether an unknown status fails the trust check. */
    public boolean requireStatus() {
        return requireStatus;
    }

    /**
     * @param allowNetwork whether OCSP and CRL distribution points may be asked (when they are switched on): only for
     *                     certificates of a validated path
     */
    public Answer status(X509Certificate cert, X509Certificate issuer, Date at, boolean allowNetwork) {
        Answer answer = fromCrls(crls, cert, issuer, at);
        if (answer.conclusive() || online == null || !allowNetwork) {
            return answer;
        }
        Answer ocsp = online.ocsp(cert, issuer, at);
        if (ocsp != null && ocsp.conclusive()) {
            return ocsp;
        }
        List<X509CRL> fetched = online.distributionPointCrls(cert);
        if (!fetched.isEmpty()) {
            Answer fromFetched = fromCrls(fetched, cert, issuer, at);
            if (fromFetched.conclusive()) {
                return fromFetched;
            }
            answer = fromFetched;
        }
        return ocsp != null ? Answer.unknown(answer.detail() + "; " + ocsp.detail()) : answer;
    }

    static Answer fromCrls(Collection<X509CRL> crls, X509Certificate cert, X509Certificate issuer, Date at) {
        String issuerName = cert.getIssuerX500Principal().getName();
        String why = "no CRL from " + issuerName + " is available";
        boolean current = false;
        for (X509CRL crl : crls) {
            if (!crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal())) {
                continue;
            }
            if (!signedBy(crl, issuer)) {
                why = "a CRL from " + issuerName + " does not verify with the issuer's key";
                continue;
            }
            X509CRLEntry entry = crl.getRevokedCertificate(cert);
            if (entry != null && entry.getRevocationReason() != CRLReason.REMOVE_FROM_CRL
                    && !entry.getRevocationDate().after(at)) {
                return new Answer(Status.REVOKED, "certificate serial " + cert.getSerialNumber().toString(16)
                        + " was revoked on " + entry.getRevocationDate().toInstant()
                        + (entry.getRevocationReason() == null ? "" : " (" + entry.getRevocationReason() + ")"));
            }
            if (!covers(crl, cert)) {
                why = "the CRL from " + issuerName + " does not cover this certificate (delta, partitioned or"
                        + " indirect CRL)";
                continue;
            }
            if (crl.getNextUpdate() != null && crl.getNextUpdate().before(at)) {
                why = "the CRL from " + issuerName + " is outdated (nextUpdate " + crl.getNextUpdate().toInstant()
                        + ")";
                continue;
            }
            current = true;
        }
        return current ? new Answer(Status.GOOD, "not revoked according to the CRL of " + issuerName)
                : Answer.unknown(why);
    }

    private static boolean signedBy(X509CRL crl, X509Certificate issuer) {
        boolean[] ku = issuer.getKeyUsage();
        if (ku != null && (ku.length <= CRL_SIGN || !ku[CRL_SIGN])) {
            return false;
        }
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Complete CRLs only; an issuingDistributionPoint must not narrow the scope away from this certificate. */
    private static boolean covers(X509CRL crl, X509Certificate cert) {
        if (crl.getExtensionValue(Extension.deltaCRLIndicator.getId()) != null) {
            return false;
        }
        byte[] idpValue = crl.getExtensionValue(Extension.issuingDistributionPoint.getId());
        if (idpValue == null) {
            return true;
        }
        try {
            IssuingDistributionPoint idp = IssuingDistributionPoint.getInstance(
                    ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(idpValue).getOctets()));
            boolean ca = cert.getBasicConstraints() >= 0;
            if (idp.onlyContainsAttributeCerts() || idp.isIndirectCRL() || idp.getOnlySomeReasons() != null
                    || (idp.onlyContainsCACerts() && !ca) || (idp.onlyContainsUserCerts() && ca)) {
                return false;
            }
            DistributionPointName name = idp.getDistributionPoint();
            return name == null || distributionPoints(cert).stream()
                    .anyMatch(dp -> name.equals(dp.getDistributionPoint()));
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    static List<DistributionPoint> distributionPoints(X509Certificate cert) throws IOException {
        byte[] value = cert.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (value == null) {
            return List.of();
        }
        CRLDistPoint points = CRLDistPoint.getInstance(
                ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(value).getOctets()));
        return List.of(points.getDistributionPoints());
    }

    /** Every CRL in a DER or PEM stream. */
    public static List<X509CRL> readCrls(InputStream in) throws IOException {
        try {
            List<X509CRL> result = new ArrayList<>();
            for (CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
                result.add((X509CRL) crl);
            }
            return result;
        } catch (CertificateException | java.security.cert.CRLException e) {
            throw new IOException("not a CRL: " + e.getMessage(), e);
        }
    }
}

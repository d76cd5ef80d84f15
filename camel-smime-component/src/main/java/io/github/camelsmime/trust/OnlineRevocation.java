package io.github.camelsmime.trust;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.camelsmime.crypto.CryptoProviders;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The network sources of revocation status, used only when switched on: OCSP (RFC 6960) at the responders named in
 * a certificate's authorityInfoAccess, and CRLs at its cRLDistributionPoints. Only http and https URLs are followed,
 * without redirects, with one overall timeout per request and a size cap; answers are cached until the responder's
 * or CRL's nextUpdate, at most for the configured cache time, and failures for a minute so that an unreachable
 * responder does not slow down every message.
 */
public final class OnlineRevocation {

    static final int MAX_CRL_BYTES = 16 * 1024 * 1024;
    static final int MAX_OCSP_BYTES = 1024 * 1024;
    private static final Duration FAILURE_CACHE = Duration.ofMinutes(1);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int MAX_CACHE_ENTRIES = 4096;

    private final boolean useCrlDistributionPoints;
    private final boolean useOcsp;
    private final int timeoutMillis;
    private final Duration cacheTime;
    private final Supplier<Instant> clock;
    private final Map<String, Cached<List<X509CRL>>> crlCache = new ConcurrentHashMap<>();
    private final Map<String, Cached<OcspStatus>> ocspCache = new ConcurrentHashMap<>();

    private record Cached<T>(T value, Instant expires) {
    }

    public OnlineRevocation(boolean useCrlDistributionPoints, boolean useOcsp, int timeoutMillis, Duration cacheTime) {
        this(useCrlDistributionPoints, useOcsp, timeoutMillis, cacheTime, Instant::now);
    }

    OnlineRevocation(boolean useCrlDistributionPoints, boolean useOcsp, int timeoutMillis, Duration cacheTime,
            Supplier<Instant> clock) {
        this.useCrlDistributionPoints = useCrlDistributionPoints;
        this.useOcsp = useOcsp;
        this.timeoutMillis = timeoutMillis;
        this.cacheTime = cacheTime;
        this.clock = clock;
    }

    /** The OCSP answer, or null when OCSP is off or the certificate names no responder. */
    RevocationSources.Answer ocsp(X509Certificate cert, X509Certificate issuer, Date at) {
        if (!useOcsp) {
            return null;
        }
        List<URI> responders = accessLocations(cert, AccessDescription.id_ad_ocsp);
        if (responders.isEmpty()) {
            return null;
        }
        String key = issuer.getSubjectX500Principal().getName() + "#" + cert.getSerialNumber().toString(16);
        Instant now = clock.get();
        Cached<OcspStatus> cached = ocspCache.get(key);
        if (cached == null || !now.isBefore(cached.expires())) {
            OcspStatus status = null;
            for (URI responder : responders) {
                try {
                    status = askResponder(responder, cert, issuer, now);
                    break;
                } catch (IOException | RuntimeException | org.bouncycastle.cert.ocsp.OCSPException
                        | org.bouncycastle.operator.OperatorCreationException
                        | java.security.cert.CertificateException e) {
                    status = new OcspStatus(RevocationSources.Status.UNKNOWN, null, "OCSP responder " + responder
                            + " gave no usable answer (" + e.getMessage() + ")", now.plus(FAILURE_CACHE));
                }
            }
            cached = new Cached<>(status, min(status.expires(), now.plus(cacheTime)));
            put(ocspCache, key, cached);
        }
        return cached.value().at(at);
    }

    /** What a responder said, independent of the validation time it is later applied to. */
    private record OcspStatus(RevocationSources.Status status, Date revokedAt, String detail, Instant expires) {
        RevocationSources.Answer at(Date at) {
            if (status == RevocationSources.Status.REVOKED && revokedAt.after(at)) {
                return new RevocationSources.Answer(RevocationSources.Status.GOOD,
                        detail + ", after the validation time");
            }
            return new RevocationSources.Answer(status, detail);
        }
    }

    private OcspStatus askResponder(URI responder, X509Certificate cert, X509Certificate issuer, Instant now)
            throws IOException, org.bouncycastle.cert.ocsp.OCSPException,
            org.bouncycastle.operator.OperatorCreationException, java.security.cert.CertificateException {
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
        X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
        CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1), issuerHolder,
                cert.getSerialNumber());
        byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
        OCSPResp response = new OCSPResp(fetch(responder, request, MAX_OCSP_BYTES));
        if (response.getStatus() != OCSPResp.SUCCESSFUL
                || !(response.getResponseObject() instanceof BasicOCSPResp basic)) {
            throw new IOException("response status " + response.getStatus());
        }
        if (!signedByIssuerOrDelegate(basic, issuerHolder, now)) {
            throw new IOException("the response is not signed by the issuer or a responder it authorised");
        }
        for (SingleResp single : basic.getResponses()) {
            if (!single.getCertID().getSerialNumber().equals(cert.getSerialNumber())
                    || !single.getCertID().matchesIssuer(issuerHolder, digests)) {
                continue;
            }
            Instant thisUpdate = single.getThisUpdate().toInstant();
            Instant nextUpdate = single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant();
            if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))
                    || (nextUpdate != null && nextUpdate.plus(CLOCK_SKEW).isBefore(now))) {
                throw new IOException("the response is not current (thisUpdate " + thisUpdate + ", nextUpdate "
                        + nextUpdate + ")");
            }
            Instant expires = nextUpdate != null ? nextUpdate : now.plus(cacheTime);
            CertificateStatus status = single.getCertStatus();
            if (status == CertificateStatus.GOOD) {
                return new OcspStatus(RevocationSources.Status.GOOD, null, "OCSP responder " + responder
                        + " reports good", expires);
            }
            if (status instanceof RevokedStatus revoked) {
                return new OcspStatus(RevocationSources.Status.REVOKED, revoked.getRevocationTime(),
                        "OCSP responder " + responder + " reports the certificate revoked on "
                                + revoked.getRevocationTime().toInstant(), expires);
            }
            return new OcspStatus(RevocationSources.Status.UNKNOWN, null, "OCSP responder " + responder
                    + " does not know the certificate", expires);
        }
        throw new IOException("the response does not mention the certificate");
    }

    /** RFC 6960 section 4.2.2.2: signed by the issuer itself, or by a certificate the issuer gave id-kp-OCSPSigning. */
    private static boolean signedByIssuerOrDelegate(BasicOCSPResp basic, X509CertificateHolder issuer, Instant now)
            throws org.bouncycastle.operator.OperatorCreationException, org.bouncycastle.cert.ocsp.OCSPException,
            java.security.cert.CertificateException {
        JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder()
                .setProvider(CryptoProviders.bouncyCastle());
        if (basic.isSignatureValid(verifiers.build(issuer))) {
            return true;
        }
        for (X509CertificateHolder delegate : basic.getCerts()) {
            boolean authorised = delegate.getIssuer().equals(issuer.getSubject())
                    && delegate.isValidOn(Date.from(now))
                    && hasOcspSigning(delegate)
                    && isIssuedBy(delegate, issuer, verifiers);
            if (authorised && basic.isSignatureValid(verifiers.build(delegate))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIssuedBy(X509CertificateHolder cert, X509CertificateHolder issuer,
            JcaContentVerifierProviderBuilder verifiers) {
        try {
            return cert.isSignatureValid(verifiers.build(issuer));
        } catch (org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.cert.CertException
                | java.security.cert.CertificateException e) {
            return false;
        }
    }

    private static boolean hasOcspSigning(X509CertificateHolder cert) {
        org.bouncycastle.asn1.x509.ExtendedKeyUsage eku =
                org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(cert.getExtensions());
        return eku != null && eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning);
    }

    /** CRLs from the certificate's distribution points (cached), or none when switched off or unreachable. */
    List<X509CRL> distributionPointCrls(X509Certificate cert) {
        if (!useCrlDistributionPoints) {
            return List.of();
        }
        List<X509CRL> result = new ArrayList<>();
        for (URI uri : distributionPointUris(cert)) {
            String key = uri.toString();
            Instant now = clock.get();
            Cached<List<X509CRL>> cached = crlCache.get(key);
            if (cached == null || !now.isBefore(cached.expires())) {
                List<X509CRL> crls;
                Instant expires;
                try (InputStream in = new ByteArrayInputStream(fetch(uri, null, MAX_CRL_BYTES))) {
                    crls = RevocationSources.readCrls(in);
                    expires = now.plus(cacheTime);
                    for (X509CRL crl : crls) {
                        if (crl.getNextUpdate() != null) {
                            expires = min(expires, crl.getNextUpdate().toInstant());
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    crls = List.of();
                    expires = now.plus(FAILURE_CACHE);
                }
                cached = new Cached<>(crls, min(expires, now.plus(cacheTime)));
                put(crlCache, key, cached);
            }
            result.addAll(cached.value());
        }
        return result;
    }

    private static List<URI> distributionPointUris(X509Certificate cert) {
        List<URI> result = new ArrayList<>();
        try {
            for (DistributionPoint dp : RevocationSources.distributionPoints(cert)) {
                DistributionPointName name = dp.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    for (GeneralName gn : GeneralNames.getInstance(name.getName()).getNames()) {
                        addHttpUri(gn, result);
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // a malformed extension offers no location
        }
        return result;
    }

    private static List<URI> accessLocations(X509Certificate cert, org.bouncycastle.asn1.ASN1ObjectIdentifier method) {
        List<URI> result = new ArrayList<>();
        byte[] value = cert.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (value == null) {
            return result;
        }
        try {
            AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                    ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(value).getOctets()));
            for (AccessDescription ad : aia.getAccessDescriptions()) {
                if (ad.getAccessMethod().equals(method)) {
                    addHttpUri(ad.getAccessLocation(), result);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // a malformed extension offers no location
        }
        return result;
    }

    /** Only http and https: no ldap, file or other schemes reachable through a certificate. */
    private static void addHttpUri(GeneralName name, List<URI> result) {
        if (name.getTagNo() != GeneralName.uniformResourceIdentifier) {
            return;
        }
        try {
            URI uri = new URI(name.getName().toString());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                result.add(uri);
            }
        } catch (URISyntaxException e) {
            // not a usable location
        }
    }

    /** GET (body null) or POST an OCSP request, with one deadline for the whole exchange and a size cap. */
    private byte[] fetch(URI uri, byte[] ocspRequest, int maxBytes) throws IOException {
        long deadline = System.nanoTime() + Duration.ofMillis(timeoutMillis).toNanos();
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        try {
            c.setConnectTimeout(timeoutMillis);
            c.setReadTimeout(timeoutMillis);
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            if (ocspRequest != null) {
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/ocsp-request");
                c.setFixedLengthStreamingMode(ocspRequest.length);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(ocspRequest);
                }
            }
            if (c.getResponseCode() != HttpURLConnection.HTTP_OK) {
                throw new IOException("HTTP " + c.getResponseCode());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            try (InputStream in = c.getInputStream()) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("timed out after " + timeoutMillis + " ms");
                    }
                    if (body.size() + n > maxBytes) {
                        throw new IOException("response larger than " + maxBytes + " bytes");
                    }
                    body.write(buf, 0, n);
                }
            }
            return body.toByteArray();
        } finally {
            c.disconnect();
        }
    }

    private static <T> void put(Map<String, Cached<T>> cache, String key, Cached<T> value) {
        if (cache.size() >= MAX_CACHE_ENTRIES) {
            cache.clear();
        }
        cache.put(key, value);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}

package io.github.camelsmime.trust;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.github.camelsmime.SmimeCheck;

/**
 * The certificate policy for one signer (RFC 8550, RFC 5280), as one result with every failed check:
 * <ol>
 * <li>a PKIX path from the signer to a configured trust anchor, built from the certificates the message carried and
 * the configured intermediates, in any order, at the validation time (now, or the configured trusted time; never the
 * signer's own signingTime); certificates from the message are only path-building material, nothing is trusted
 * because a message says so;</li>
 * <li>{@link KeyUsagePolicy} on the signer certificate;</li>
 * <li>{@link AlgorithmPolicy} on the message signature and on every certificate of the path;</li>
 * <li>{@link RevocationSources} for every certificate of the path below the anchor.</li>
 * </ol>
 * The sender binding is a property of the message, not of a signer: see {@link SenderBinding}.
 */
public final class TrustValidator {

    /** Revocation was not looked at because no source is configured. */
    public static final String REVOCATION_NOT_CHECKED = "not-checked";

    /**
     * The outcome for one signer.
     *
     * @param revocation good, revoked, unknown or not-checked (for the whole path)
     */
    public record Result(boolean trusted, List<Finding> findings, String revocation) {
        public Result {
            findings = List.copyOf(findings);
        }

        public List<String> failedChecks() {
            return findings.stream().map(f -> f.check().code()).distinct().toList();
        }

        /** Every failed check in words, or null when trusted. */
        public String failure() {
            return findings.isEmpty() ? null
                    : String.join("; ", findings.stream().map(Finding::message).toList());
        }
    }

    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> intermediates;
    private final Supplier<Date> clock;
    private final AlgorithmPolicy algorithms;
    private final KeyUsagePolicy keyUsage = new KeyUsagePolicy();
    private final RevocationSources revocation;

    public TrustValidator(Collection<X509Certificate> anchorCertificates, Collection<X509Certificate> intermediates,
            Supplier<Date> clock) {
        this(anchorCertificates, intermediates, clock, AlgorithmPolicy.strict(), RevocationSources.none());
    }

    public TrustValidator(Collection<X509Certificate> anchorCertificates, Collection<X509Certificate> intermediates,
            Supplier<Date> clock, AlgorithmPolicy algorithms, RevocationSources revocation) {
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate c : anchorCertificates) {
            set.add(new TrustAnchor(c, null));
        }
        this.anchors = Set.copyOf(set);
        this.intermediates = List.copyOf(intermediates);
        this.clock = clock;
        this.algorithms = algorithms;
        this.revocation = revocation;
    }

    public boolean hasAnchors() {
        return !anchors.isEmpty();
    }

    /** The time certificates are validated at. */
    public Date validationTime() {
        return clock.get();
    }

    public Result check(X509Certificate signer, String digestAlgorithm, String signatureAlgorithm,
            Collection<X509Certificate> messageCertificates) {
        Date at = clock.get();
        List<Finding> findings = new ArrayList<>(algorithms.checkSignature(digestAlgorithm, signatureAlgorithm,
                signer.getPublicKey()));
        findings.addAll(keyUsage.check(signer));
        String revocationStatus = REVOCATION_NOT_CHECKED;
        List<X509Certificate> pool = new ArrayList<>(messageCertificates);
        pool.addAll(intermediates);
        pool.add(signer);
        Finding validity = validity(signer, pool, at);
        if (validity != null) {
            findings.add(validity);
        } else if (anchors.isEmpty()) {
            findings.add(new Finding(SmimeCheck.PATH, "no trust anchors are configured"));
        } else {
            try {
                PKIXCertPathBuilderResult path = buildPath(signer, pool, at);
                @SuppressWarnings("unchecked")
                List<X509Certificate> issued = (List<X509Certificate>) path.getCertPath().getCertificates();
                X509Certificate anchor = path.getTrustAnchor().getTrustedCert();
                findings.addAll(algorithms.checkPath(issued, anchor));
                if (revocation.enabled()) {
                    revocationStatus = checkRevocation(issued, anchor, at, findings);
                }
            } catch (CertPathBuilderException e) {
                findings.add(describe(e));
            } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException e) {
                findings.add(new Finding(SmimeCheck.PATH, "path validation could not run: " + e.getMessage()));
            }
        }
        return new Result(findings.isEmpty(), findings, revocationStatus);
    }

    private PKIXCertPathBuilderResult buildPath(X509Certificate signer, List<X509Certificate> pool, Date at)
            throws CertPathBuilderException, InvalidAlgorithmParameterException, NoSuchAlgorithmException {
        X509CertSelector target = new X509CertSelector();
        target.setCertificate(signer);
        PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
        params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
        // revocation is checked below, from the configured sources only (the JDK's checker may go online)
        params.setRevocationEnabled(false);
        params.setDate(at);
        return (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
    }

    /** Each certificate of the path below the anchor, with its issuer (the next one, or the anchor). */
    private String checkRevocation(List<X509Certificate> issued, X509Certificate anchor, Date at,
            List<Finding> findings) {
        String overall = "good";
        for (int i = 0; i < issued.size(); i++) {
            X509Certificate cert = issued.get(i);
            X509Certificate issuer = i + 1 < issued.size() ? issued.get(i + 1) : anchor;
            RevocationSources.Answer answer = revocation.status(cert, issuer, at);
            String who = i == 0 ? "the signer certificate" : "certificate " + cert.getSubjectX500Principal().getName();
            if (answer.status() == RevocationSources.Status.REVOKED) {
                findings.add(new Finding(SmimeCheck.REVOKED, who + ": " + answer.detail()));
                overall = "revoked";
            } else if (answer.status() == RevocationSources.Status.UNKNOWN) {
                if (revocation.requireStatus()) {
                    findings.add(new Finding(SmimeCheck.REVOCATION_UNKNOWN, who + ": " + answer.detail()));
                }
                if (!overall.equals("revoked")) {
                    overall = "unknown";
                }
            }
        }
        return overall;
    }

    /**
     * Validity at the validation time, of the signer and of the issuers found for it in the pool: named explicitly,
     * because a path builder only says that no path was found.
     */
    private Finding validity(X509Certificate signer, List<X509Certificate> pool, Date at) {
        X509Certificate cert = signer;
        for (int depth = 0; cert != null && depth < 10 && !isAnchor(cert); depth++) {
            String who = depth == 0 ? "the signer certificate" : "certificate "
                    + cert.getSubjectX500Principal().getName();
            if (at.after(cert.getNotAfter())) {
                return new Finding(SmimeCheck.EXPIRED, who + " expired on " + cert.getNotAfter().toInstant()
                        + " (validation time " + at.toInstant() + ")");
            }
            if (at.before(cert.getNotBefore())) {
                return new Finding(SmimeCheck.NOT_YET_VALID, who + " is not valid before "
                        + cert.getNotBefore().toInstant() + " (validation time " + at.toInstant() + ")");
            }
            cert = issuerIn(cert, pool);
        }
        return null;
    }

    /** RFC 5280 section 6.1.1: a trust anchor is an input to path validation; its own dates are not checked. */
    private boolean isAnchor(X509Certificate cert) {
        return anchors.stream().anyMatch(a -> a.getTrustedCert().equals(cert));
    }

    private static X509Certificate issuerIn(X509Certificate cert, List<X509Certificate> pool) {
        if (cert.getIssuerX500Principal().equals(cert.getSubjectX500Principal())) {
            return null;
        }
        for (X509Certificate candidate : pool) {
            if (candidate.getSubjectX500Principal().equals(cert.getIssuerX500Principal()) && candidate != cert) {
                try {
                    cert.verify(candidate.getPublicKey());
                    return candidate;
                } catch (java.security.GeneralSecurityException | RuntimeException e) {
                    // a same-named certificate that did not issue this one
                }
            }
        }
        return null;
    }

    private static Finding describe(CertPathBuilderException e) {
        StringBuilder causes = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && causes.indexOf(t.getMessage()) < 0) {
                causes.append(causes.length() == 0 ? "" : ": ").append(t.getMessage());
            }
        }
        String text = causes.toString();
        if (text.contains("Algorithm constraints check failed")) {
            return new Finding(SmimeCheck.WEAK_ALGORITHM, "the certification path uses an algorithm or key size the"
                    + " JDK refuses (" + text + ")");
        }
        return new Finding(SmimeCheck.PATH, "no valid certification path to a trust anchor (" + text + ")");
    }
}

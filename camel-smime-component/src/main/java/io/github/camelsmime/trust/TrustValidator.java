package io.github.camelsmime.trust;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.PKIXParameters;
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
import io.github.camelsmime.SmimeLimitException;

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
    /** Candidate issuers one path search checks by default. */
    public static final int DEFAULT_MAX_PATH_CANDIDATES = 100;

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
    private final int maxPathCandidates;

    public TrustValidator(Collection<X509Certificate> anchorCertificates, Collection<X509Certificate> intermediates,
            Supplier<Date> clock) {
        this(anchorCertificates, intermediates, clock, AlgorithmPolicy.strict(), RevocationSources.none());
    }

    public TrustValidator(Collection<X509Certificate> anchorCertificates, Collection<X509Certificate> intermediates,
            Supplier<Date> clock, AlgorithmPolicy algorithms, RevocationSources revocation) {
        this(anchorCertificates, intermediates, clock, algorithms, revocation, DEFAULT_MAX_PATH_CANDIDATES);
    }

    /** @param maxPathCandidates most candidate issuers whose signature one path search checks */
    public TrustValidator(Collection<X509Certificate> anchorCertificates, Collection<X509Certificate> intermediates,
            Supplier<Date> clock, AlgorithmPolicy algorithms, RevocationSources revocation, int maxPathCandidates) {
        this.maxPathCandidates = maxPathCandidates;
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

    public Result check(X509Certificate signer, String digestAlgorithm, String signatureAlgorithm,
            Collection<X509Certificate> messageCertificates) {
        Date at = clock.get();
        List<Finding> findings = new ArrayList<>(algorithms.checkSignature(digestAlgorithm, signatureAlgorithm,
                signer.getPublicKey()));
        findings.addAll(keyUsage.check(signer));
        List<X509Certificate> pool = pathCandidates(signer, messageCertificates);
        Finding validity = validity(signer, pool, at);
        if (validity != null) {
            findings.add(validity);
        }
        if (anchors.isEmpty()) {
            findings.add(new Finding(SmimeCheck.PATH, "no trust anchors are configured"));
            return new Result(false, findings, REVOCATION_NOT_CHECKED);
        }
        // outside its validity a certificate has no path; whether it would chain at all is told at a time when it
        // and its issuers were valid
        Date pathTime = validity == null ? at : commonValidity(signer, pool);
        Chain chain = null;
        Finding pathFailure = null;
        if (pathTime != null) {
            try {
                PKIXCertPathBuilderResult built = buildPath(signer, pool, pathTime);
                @SuppressWarnings("unchecked")
                List<X509Certificate> issued = (List<X509Certificate>) built.getCertPath().getCertificates();
                chain = new Chain(issued, built.getTrustAnchor().getTrustedCert());
            } catch (CertPathBuilderException e) {
                // the builder only says "no path": the chain found by name and signature tells why
                chain = candidateChain(signer, pool);
                pathFailure = describe(e, chain == null ? null : validationFailure(chain, pathTime));
            } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException e) {
                pathFailure = new Finding(SmimeCheck.PATH, "path validation could not run: " + e.getMessage());
            }
        }
        if (chain != null && validity == null) {
            // stricter than RFC 5280, like OpenSSL: an expired anchor no longer vouches (nor revokes) anything
            findings.addAll(anchorValidity(chain.anchor(), at));
        }
        List<Finding> weak = chain == null ? List.of() : algorithms.checkPath(chain.issued(), chain.anchor());
        findings.addAll(weak);
        if (pathFailure != null && !(pathFailure.check() == SmimeCheck.WEAK_ALGORITHM && !weak.isEmpty())) {
            findings.add(pathFailure);
        }
        String revocationStatus = REVOCATION_NOT_CHECKED;
        if (chain != null && validity == null && revocation.enabled()) {
            // a chain that failed validation is still checked against configured CRLs, but its certificates' URLs
            // are not fetched: only a validated path says who chose them
            revocationStatus = checkRevocation(chain.issued(), chain.anchor(), at, pathFailure == null, findings);
        }
        return new Result(findings.isEmpty(), findings, revocationStatus);
    }

    /**
     * The signer and the certificates that lead from it to a configured anchor: issuers by name and by signature,
     * found from the signer upwards, kept only when an anchor issued them or one of their own issuers. Everything
     * else a message carries (junk named like a real CA, or a mesh of certificates that all issue each other, which
     * the JDK's path builder explores path by path) never reaches the builder. A search that has to check more
     * than {@code maxPathCandidates} signatures ends in {@link SmimeLimitException}.
     */
    private List<X509Certificate> pathCandidates(X509Certificate signer, Collection<X509Certificate> carried) {
        List<X509Certificate> all = new ArrayList<>(carried);
        all.addAll(intermediates);
        // issuer -> the certificates it issued, for every certificate found above the signer
        java.util.Map<X509Certificate, List<X509Certificate>> issued = new java.util.HashMap<>();
        Set<X509Certificate> found = new HashSet<>(Set.of(signer));
        Set<X509Certificate> reaching = new HashSet<>();
        java.util.Deque<X509Certificate> todo = new java.util.ArrayDeque<>(found);
        int[] checks = { 0 };
        while (!todo.isEmpty()) {
            X509Certificate cert = todo.poll();
            if (anchors.stream().anyMatch(a -> a.getTrustedCert().getSubjectX500Principal()
                    .equals(cert.getIssuerX500Principal()) && counted(checks) && isIssuedBy(cert, a.getTrustedCert()))) {
                reaching.add(cert);
            }
            for (X509Certificate candidate : all) {
                if (candidate.getSubjectX500Principal().equals(cert.getIssuerX500Principal())
                        && !candidate.equals(cert) && counted(checks) && isIssuedBy(cert, candidate)) {
                    issued.computeIfAbsent(candidate, k -> new ArrayList<>()).add(cert);
                    if (found.add(candidate)) {
                        todo.add(candidate);
                    }
                }
            }
        }
        // whatever an anchor-reaching certificate issued reaches the anchor too
        java.util.Deque<X509Certificate> down = new java.util.ArrayDeque<>(reaching);
        while (!down.isEmpty()) {
            for (X509Certificate below : issued.getOrDefault(down.poll(), List.of())) {
                if (reaching.add(below)) {
                    down.add(below);
                }
            }
        }
        List<X509Certificate> result = new ArrayList<>(List.of(signer));
        all.stream().filter(c -> reaching.contains(c) && !c.equals(signer)).distinct().forEach(result::add);
        return result;
    }

    /** Counts one signature check of a path search, and stops the search beyond its limit. */
    private boolean counted(int[] checks) {
        if (++checks[0] > maxPathCandidates) {
            throw new SmimeLimitException("Certification path search stopped after " + maxPathCandidates
                    + " signature checks (maxCertificates)");
        }
        return true;
    }

    /** A certification path: the issued certificates, signer first, and the anchor above them. */
    private record Chain(List<X509Certificate> issued, X509Certificate anchor) {
    }

    /** The chain from the signer to a configured anchor by name and signature, without any other check; or null. */
    private Chain candidateChain(X509Certificate signer, List<X509Certificate> pool) {
        List<X509Certificate> issued = new ArrayList<>();
        X509Certificate cert = signer;
        for (int depth = 0; cert != null && depth < 10; depth++) {
            issued.add(cert);
            for (TrustAnchor a : anchors) {
                if (isIssuedBy(cert, a.getTrustedCert())) {
                    return new Chain(issued, a.getTrustedCert());
                }
            }
            cert = issuerIn(cert, pool);
        }
        return null;
    }

    /** Why PKIX validation of a candidate chain fails, in the validator's words; null when it does not. */
    private static String validationFailure(Chain chain, Date at) {
        try {
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(chain.anchor(), null)));
            params.setRevocationEnabled(false);
            params.setDate(at);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(chain.issued()), params);
            return null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return e.getMessage();
        }
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
    private String checkRevocation(List<X509Certificate> issued, X509Certificate anchor, Date at, boolean online,
            List<Finding> findings) {
        String overall = "good";
        for (int i = 0; i < issued.size(); i++) {
            X509Certificate cert = issued.get(i);
            X509Certificate issuer = i + 1 < issued.size() ? issued.get(i + 1) : anchor;
            RevocationSources.Answer answer = revocation.status(cert, issuer, at, online);
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

    private static List<Finding> anchorValidity(X509Certificate anchor, Date at) {
        String who = "trust anchor " + anchor.getSubjectX500Principal().getName();
        if (at.after(anchor.getNotAfter())) {
            return List.of(new Finding(SmimeCheck.EXPIRED, who + " expired on " + anchor.getNotAfter().toInstant()
                    + " (validation time " + at.toInstant() + ")"));
        }
        if (at.before(anchor.getNotBefore())) {
            return List.of(new Finding(SmimeCheck.NOT_YET_VALID, who + " is not valid before "
                    + anchor.getNotBefore().toInstant() + " (validation time " + at.toInstant() + ")"));
        }
        return List.of();
    }

    /** A time inside the validity of the signer and of the issuers found for it, or null when there is none. */
    private Date commonValidity(X509Certificate signer, List<X509Certificate> pool) {
        Date from = signer.getNotBefore();
        Date to = signer.getNotAfter();
        X509Certificate cert = issuerIn(signer, pool);
        for (int depth = 1; cert != null && depth < 10 && !isAnchor(cert); depth++) {
            from = cert.getNotBefore().after(from) ? cert.getNotBefore() : from;
            to = cert.getNotAfter().before(to) ? cert.getNotAfter() : to;
            cert = issuerIn(cert, pool);
        }
        return from.after(to) ? null : new Date(from.getTime() + (to.getTime() - from.getTime()) / 2);
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
            if (candidate != cert && isIssuedBy(cert, candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean isIssuedBy(X509Certificate cert, X509Certificate issuer) {
        if (!issuer.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            return false;
        }
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            // a same-named certificate that did not issue this one
            return false;
        }
    }

    private static Finding describe(CertPathBuilderException e, String validatorReason) {
        StringBuilder causes = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && causes.indexOf(t.getMessage()) < 0) {
                causes.append(causes.length() == 0 ? "" : ": ").append(t.getMessage());
            }
        }
        if (validatorReason != null) {
            causes.append(": ").append(validatorReason);
        }
        String text = causes.toString();
        if (text.contains("Algorithm constraints check failed")) {
            return new Finding(SmimeCheck.WEAK_ALGORITHM, "the certification path uses an algorithm or key size the"
                    + " JDK refuses (" + text + ")");
        }
        return new Finding(SmimeCheck.PATH, "no valid certification path to a trust anchor (" + text + ")");
    }
}

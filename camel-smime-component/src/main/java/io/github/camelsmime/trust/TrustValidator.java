package io.github.camelsmime.trust;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
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

/**
 * Decides whether a signer certificate is trusted: a PKIX path (RFC 5280) from it to one of the configured trust
 * anchors, built from the certificates the message carried and the configured intermediates, in any order.
 * Certificates from the message are only path-building material; nothing is trusted because a message says so.
 */
public final class TrustValidator {

    /** The outcome for one certificate. */
    public record Check(boolean trusted, String failure) {
        static Check ok() {
            return new Check(true, null);
        }

        static Check fail(String why) {
            return new Check(false, why);
        }
    }

    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> intermediates;
    private final Supplier<Date> clock;

    public TrustValidator(Collection<X509Certificate> anchorCertificates, Collection<X509Certificate> intermediates,
            Supplier<Date> clock) {
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate c : anchorCertificates) {
            set.add(new TrustAnchor(c, null));
        }
        this.anchors = Set.copyOf(set);
        this.intermediates = List.copyOf(intermediates);
        this.clock = clock;
    }

    public boolean hasAnchors() {
        return !anchors.isEmpty();
    }

    public Check check(X509Certificate signer, Collection<X509Certificate> messageCertificates) {
        if (anchors.isEmpty()) {
            return Check.fail("no trust anchors configured");
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            List<X509Certificate> pool = new ArrayList<>(messageCertificates);
            pool.addAll(intermediates);
            pool.add(signer);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            params.setRevocationEnabled(false);
            params.setDate(clock.get());
            CertPathBuilder.getInstance("PKIX").build(params);
            return Check.ok();
        } catch (CertPathBuilderException e) {
            return Check.fail(describe(e, signer));
        } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException e) {
            return Check.fail("path validation could not run: " + e.getMessage());
        }
    }

    private String describe(CertPathBuilderException e, X509Certificate signer) {
        Date now = clock.get();
        if (now.after(signer.getNotAfter())) {
            return "certificate expired on " + signer.getNotAfter().toInstant();
        }
        if (now.before(signer.getNotBefore())) {
            return "certificate not valid before " + signer.getNotBefore().toInstant();
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return "no valid certification path to a trust anchor (" + cause.getMessage() + ")";
    }
}

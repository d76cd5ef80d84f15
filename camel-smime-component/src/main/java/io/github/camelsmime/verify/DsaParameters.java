package io.github.camelsmime.verify;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.DSAPublicKeySpec;
import java.util.ArrayList;
import java.util.List;

import io.github.camelsmime.keys.Certificates;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.util.Store;

/**
 * DSA keys may omit their domain parameters and inherit them from the issuing CA's key (RFC 3279 section 2.3.2;
 * RFC 4134 example 4.6 relies on it). Completes such a key from the issuer certificate the message carries.
 */
final class DsaParameters {

    private DsaParameters() {
    }

    /** The signer's key, with DSA parameters taken from its issuer among the message's or the configured certificates. */
    static PublicKey completed(X509Certificate cert, Store<X509CertificateHolder> messageCerts,
            List<X509Certificate> configured) {
        PublicKey key = cert.getPublicKey();
        if (!(key instanceof DSAPublicKey dsa) || dsa.getParams() != null) {
            return key;
        }
        List<X509Certificate> candidates = new ArrayList<>(configured);
        for (X509CertificateHolder holder : messageCerts.getMatches(null)) {
            candidates.add(Certificates.toX509(holder));
        }
        for (X509Certificate issuer : candidates) {
            if (issuer.getSubjectX500Principal().equals(cert.getIssuerX500Principal())
                    && issuer.getPublicKey() instanceof DSAPublicKey issuerKey && issuerKey.getParams() != null) {
                DSAParams p = issuerKey.getParams();
                try {
                    return KeyFactory.getInstance("DSA")
                            .generatePublic(new DSAPublicKeySpec(dsa.getY(), p.getP(), p.getQ(), p.getG()));
                } catch (GeneralSecurityException e) {
                    return key;
                }
            }
        }
        return key;
    }
}

package io.github.camelsmime.keys;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A signer's private key with its certificate first, then the rest of its chain. */
public record SignerKey(PrivateKey privateKey, List<X509Certificate> chain) {

    public SignerKey {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a signer needs its certificate");
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    @Override
    public String toString() {
        return "SignerKey[" + certificate().getSubjectX500Principal().getName() + "]";
    }
}

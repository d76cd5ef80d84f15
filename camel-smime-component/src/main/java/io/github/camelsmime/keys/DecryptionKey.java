package io.github.camelsmime.keys;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A private key to decrypt with, and the certificate that recipients were addressed by. */
public record DecryptionKey(PrivateKey privateKey, X509Certificate certificate) {

    @Override
    public String toString() {
        return "DecryptionKey[" + certificate.getSubjectX500Principal().getName() + "]";
    }
}

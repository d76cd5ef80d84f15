package io.github.camelsmime.keys;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Finds the certificates to encrypt to for an e-mail address. Bind an implementation as the
 * {@code recipientCertificateAccessor} option; without one, {@link RecipientDirectory} serves
 * {@code recipientCertificateDir} and {@code recipientKeyStore}.
 *
 * <p>Like camel-crypto-pgp's {@code PGPPublicKeyAccessor#getEncryptionKeys(exchange, useridParts)}, without the
 * {@code Exchange}. The component encrypts to the first certificate returned that is usable now for e-mail
 * encryption ({@link Certificates#usableForEncryption}), so an accessor cannot make it encrypt to an expired or
 * signing-only certificate. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface RecipientCertificateAccessor {

    /**
     * The certificates held for {@code address} (a bare address, lower case), the preferred one first; empty when
     * none is known.
     */
    List<X509Certificate> certificates(String address);
}

package io.github.camelsmime.keys;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Gives the private keys an encrypted message is opened with. The component asks with each recipient identifier of
 * the message (RFC 5652 RecipientIdentifier: issuer and serial number, or subject key identifier) until an accessor
 * returns a key. Bind an implementation as the {@code decryptionKeyAccessor} option; without one,
 * {@link DecryptionKeys} serves the configured keystores and PEM files.
 *
 * <p>Like camel-crypto-pgp's {@code PGPSecretKeyAccessor#getPrivateKey(exchange, keyId)}, without the
 * {@code Exchange}. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface DecryptionKeyAccessor {

    /**
     * The keys addressed by {@code recipient}: usually one, none when this accessor holds no key for it. A key
     * returned here is used as is; return only keys whose certificate {@link RecipientIdentifier#matches matches}.
     */
    List<DecryptionKey> decryptionKeys(RecipientIdentifier recipient);

    /** The certificates of every key this accessor offers, for listings and health checks; never key material. */
    default List<X509Certificate> certificates() {
        return List.of();
    }
}

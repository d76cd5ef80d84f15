package io.github.camelsmime.keys;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Gives the key a message is signed with. The component asks once per message, with the sender's address, so one
 * accessor can hold a key per sender (or a key on a hardware token, whose {@link SignerKey#privateKey()} is only a
 * handle). Bind an implementation as the {@code signerKeyAccessor} option ({@code #bean:name} or
 * {@code #class:com.example.MySigners}); without one, {@link ConfiguredSignerKey} serves the configured keystore or
 * PEM files.
 *
 * <p>Like camel-crypto-pgp's {@code PGPSecretKeyAccessor}, but without the {@code Exchange}: key access stays plain
 * Java, and the component passes what the lookup needs. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SignerKeyAccessor {

    /**
     * The key and chain to sign a message from {@code senderAddress} with.
     *
     * @param  senderAddress the bare address of the message's From header, lower case; null when it has none
     * @return               the signer, or empty when this accessor has no key for the sender (the message then
     *                       fails with an {@code SmimeException})
     */
    Optional<SignerKey> signerKey(String senderAddress);

    /** The signer certificates this accessor offers, for listings and health checks; never key material. */
    default List<X509Certificate> certificates() {
        return List.of();
    }
}

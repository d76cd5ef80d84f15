package io.github.camelsmime.keys;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The default {@link SignerKeyAccessor}: one signer, read from the configured keystore or PEM files when the
 * endpoint or data format starts, used whoever the sender is (the receiver's sender binding checks the From address).
 */
public final class ConfiguredSignerKey implements SignerKeyAccessor {

    private final SignerKey key;

    public ConfiguredSignerKey(SignerKey key) {
        this.key = key;
    }

    @Override
    public Optional<SignerKey> signerKey(String senderAddress) {
        return Optional.of(key);
    }

    @Override
    public List<X509Certificate> certificates() {
        return List.of(key.certificate());
    }
}

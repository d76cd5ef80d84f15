package io.github.camelsmime.keys;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The default {@link DecryptionKeyAccessor}: the keys of the configured keystores and PEM files, read when the
 * endpoint or data format starts, each found by the certificate it was addressed by.
 */
public final class DecryptionKeys implements DecryptionKeyAccessor {

    private final List<DecryptionKey> keys;

    public DecryptionKeys(List<DecryptionKey> keys) {
        this.keys = List.copyOf(keys);
    }

    @Override
    public List<DecryptionKey> decryptionKeys(RecipientIdentifier recipient) {
        return keys.stream().filter(k -> recipient.matches(k.certificate())).toList();
    }

    @Override
    public List<X509Certificate> certificates() {
        return keys.stream().map(DecryptionKey::certificate).toList();
    }
}

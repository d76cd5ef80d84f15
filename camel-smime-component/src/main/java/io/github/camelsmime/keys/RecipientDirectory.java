package io.github.camelsmime.keys;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Recipient certificates by e-mail address. Built only from configured sources (a folder, a keystore, explicit
 * certificates), never from certificates that arrive in messages, so a message cannot replace the certificate held
 * for an address. Of several certificates for one address the currently valid one that expires last wins.
 */
public final class RecipientDirectory {

    private final Map<String, List<X509Certificate>> byAddress = new HashMap<>();

    public RecipientDirectory(Collection<X509Certificate> certificates) {
        for (X509Certificate cert : certificates) {
            for (String address : Certificates.emailAddresses(cert)) {
                byAddress.computeIfAbsent(address, a -> new ArrayList<>()).add(cert);
            }
        }
    }

    public Optional<X509Certificate> find(String address) {
        List<X509Certificate> candidates = byAddress.get(address.trim().toLowerCase(Locale.ROOT));
        if (candidates == null) {
            return Optional.empty();
        }
        Date now = new Date();
        return candidates.stream()
                .filter(c -> !now.before(c.getNotBefore()) && !now.after(c.getNotAfter()))
                .max((a, b) -> a.getNotAfter().compareTo(b.getNotAfter()));
    }

    public boolean isEmpty() {
        return byAddress.isEmpty();
    }
}

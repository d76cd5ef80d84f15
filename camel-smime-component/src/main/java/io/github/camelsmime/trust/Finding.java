package io.github.camelsmime.trust;

import io.github.camelsmime.SmimeCheck;

/** One failed check: which one, and a human readable explanation (never key material). */
public record Finding(SmimeCheck check, String message) {

    @Override
    public String toString() {
        return check.code() + ": " + message;
    }
}

package io.github.camelsmime.sample.support;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * The folder of recipient certificates ({@code smime.recipients.dir}), asked whether every recipient of a message has
 * a certificate there, which decides between sign and sign-encrypt. Read on every call: certificates dropped in the
 * folder count from the next message on.
 */
public class RecipientDirectory {

    private final Path dir;

    public RecipientDirectory(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Whether every address in the comma-separated list has a certificate (false for an empty list). */
    public boolean knowsAll(String addresses) {
        List<String> list = addresses(addresses);
        if (list.isEmpty()) {
            return false;
        }
        Set<String> known = Certificates.emailsInDirectory(dir);
        return list.stream().allMatch(known::contains);
    }

    /** The bare addresses (lower case) of a header value such as {@code "Bob <bob@example.com>, carol@example.com"}. */
    public static List<String> addresses(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        try {
            return java.util.Arrays.stream(InternetAddress.parse(header, false))
                    .map(a -> a.getAddress().toLowerCase(Locale.ROOT)).toList();
        } catch (AddressException e) {
            return List.of();
        }
    }
}

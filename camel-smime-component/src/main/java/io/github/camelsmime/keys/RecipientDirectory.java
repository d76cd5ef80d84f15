package io.github.camelsmime.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The default {@link RecipientCertificateAccessor}: recipient certificates by e-mail address, from a folder of PEM or
 * DER files ({@code recipientCertificateDir}) and from fixed certificates (a keystore, explicit certificates). Built
 * only from configured sources, never from certificates that arrive in messages, so a message cannot replace the
 * certificate held for an address.
 *
 * <p>A lookup returns only certificates usable now for e-mail encryption ({@link Certificates#usableForEncryption}),
 * the one that expires last first: whoever asks it (the component before encrypting, or a route choosing between
 * sign and sign-encrypt) gets the same answer. The folder is read again when a file in it is added, removed or
 * changed, so a certificate dropped there counts from the next message on; files that hold no certificate are
 * skipped.
 */
public final class RecipientDirectory implements RecipientCertificateAccessor {

    private record Snapshot(List<String> stamp, Map<String, List<X509Certificate>> byAddress) {
    }

    private final Path folder;
    private final Map<String, List<X509Certificate>> fixed;
    private volatile Snapshot snapshot;

    /**
     * A directory of the certificates in {@code folder} (may be null) and the fixed {@code certificates}.
     *
     * @throws IllegalArgumentException when the folder is given but is not a readable folder
     */
    public RecipientDirectory(Path folder, Collection<X509Certificate> certificates) {
        if (folder != null && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("recipientCertificateDir " + folder + " is not a readable folder");
        }
        this.folder = folder;
        this.fixed = index(certificates);
        this.snapshot = new Snapshot(List.of(), Map.of());
    }

    /** A directory of the certificates in {@code folder}, as the sample gateway keeps its recipients. */
    public static RecipientDirectory ofFolder(Path folder) {
        return new RecipientDirectory(folder, List.of());
    }

    @Override
    public List<X509Certificate> certificates(String address) {
        String key = address.trim().toLowerCase(Locale.ROOT);
        List<X509Certificate> candidates = new ArrayList<>(fixed.getOrDefault(key, List.of()));
        candidates.addAll(folderSnapshot().byAddress().getOrDefault(key, List.of()));
        Date now = new Date();
        return candidates.stream().distinct().filter(c -> Certificates.usableForEncryption(c, now))
                .sorted(Comparator.comparing(X509Certificate::getNotAfter).reversed()).toList();
    }

    /** Whether every address has a certificate usable now (false for no addresses). */
    public boolean knowsAll(Collection<String> addresses) {
        return !addresses.isEmpty() && addresses.stream().allMatch(a -> !certificates(a).isEmpty());
    }

    private Snapshot folderSnapshot() {
        if (folder == null) {
            return snapshot;
        }
        List<String> stamp = stamp();
        Snapshot current = snapshot;
        if (current.stamp().equals(stamp)) {
            return current;
        }
        synchronized (this) {
            if (!snapshot.stamp().equals(stamp)) {
                snapshot = new Snapshot(stamp, index(readFolder()));
            }
            return snapshot;
        }
    }

    /** Name, size and modification time of every file: a change in any of them means the folder must be read again. */
    private List<String> stamp() {
        List<String> stamp = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                if (a.isRegularFile()) {
                    stamp.add(file.getFileName() + "/" + a.size() + "/" + a.lastModifiedTime().toMillis());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list recipientCertificateDir " + folder, e);
        }
        stamp.sort(null);
        return stamp;
    }

    private List<X509Certificate> readFolder() {
        List<X509Certificate> certs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, Files::isRegularFile)) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    certs.addAll(Certificates.read(in));
                } catch (IOException e) {
                    // a stray non-certificate file in the folder is skipped, not fatal
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read recipientCertificateDir " + folder, e);
        }
        return certs;
    }

    private static Map<String, List<X509Certificate>> index(Collection<X509Certificate> certificates) {
        Map<String, List<X509Certificate>> byAddress = new HashMap<>();
        for (X509Certificate cert : certificates) {
            for (String address : Certificates.emailAddresses(cert)) {
                byAddress.computeIfAbsent(address, a -> new ArrayList<>()).add(cert);
            }
        }
        return byAddress;
    }
}

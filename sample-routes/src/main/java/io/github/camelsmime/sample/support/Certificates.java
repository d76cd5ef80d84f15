package io.github.camelsmime.sample.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

/** Small certificate reads the gateway needs besides the component: e-mail addresses of a certificate. */
public final class Certificates {

    private static final int SAN_RFC822 = 1;

    private Certificates() {
    }

    /** E-mail addresses of a certificate: subjectAltName rfc822Name entries, else the subject emailAddress. */
    public static Set<String> emails(X509Certificate cert) {
        Set<String> out = new LinkedHashSet<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(SAN_RFC822).equals(san.get(0))) {
                        out.add(san.get(1).toString().toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            // no usable SAN: fall back to the subject
        }
        if (out.isEmpty()) {
            String dn = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
            for (String rdn : dn.split(",")) {
                String[] kv = rdn.split("=", 2);
                if (kv.length == 2 && (kv[0].equalsIgnoreCase("EMAILADDRESS")
                        || kv[0].equals("1.2.840.113549.1.9.1"))) {
                    out.add(kv[1].toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** Every certificate in a PEM or DER file. */
    public static List<X509Certificate> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : cf.generateCertificates(in)) {
                certs.add((X509Certificate) c);
            }
            return certs;
        } catch (GeneralSecurityException e) {
            throw new IOException("Not a certificate file: " + file.getFileName(), e);
        }
    }

    /** The e-mail addresses of every certificate in a folder of PEM/DER files (unreadable files are skipped). */
    public static Set<String> emailsInDirectory(Path dir) {
        Set<String> out = new LinkedHashSet<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                try {
                    for (X509Certificate cert : read(file)) {
                        out.addAll(emails(cert));
                    }
                } catch (IOException e) {
                    // not a certificate: ignore
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /**
     * The e-mail address of the signer certificate in a keystore: the entry {@code alias}, or the only key entry.
     * Returns null when the certificate carries no address.
     */
    public static String signerEmail(Path keystore, char[] password, String alias) throws IOException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance(keystore.toString().toLowerCase(Locale.ROOT).endsWith(".jks")
                    ? "JKS" : "PKCS12");
            ks.load(in, password);
            String entry = alias;
            if (entry == null || entry.isEmpty()) {
                for (Enumeration<String> e = ks.aliases(); e.hasMoreElements();) {
                    String a = e.nextElement();
                    if (ks.isKeyEntry(a)) {
                        entry = a;
                        break;
                    }
                }
            }
            Certificate cert = entry == null ? null : ks.getCertificate(entry);
            if (!(cert instanceof X509Certificate x509)) {
                throw new IOException("No certificate for the signer entry in " + keystore.getFileName());
            }
            Set<String> emails = emails(x509);
            return emails.isEmpty() ? null : emails.iterator().next();
        } catch (GeneralSecurityException e) {
            // the message of a wrong password does not contain the password
            throw new IOException("Cannot read the signer keystore " + keystore.getFileName() + ": " + e.getMessage(),
                    e);
        }
    }
}

package io.github.camelsmime.keys;

import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.selector.X509CertificateHolderSelector;
import org.bouncycastle.util.encoders.Hex;

/**
 * How an encrypted message names one of its recipients (RFC 5652 section 6.2): by the issuer and serial number of the
 * recipient's certificate, or by its subject key identifier. Handed to a {@link DecryptionKeyAccessor}.
 */
public final class RecipientIdentifier {

    private final X500Principal issuer;
    private final BigInteger serialNumber;
    private final byte[] subjectKeyIdentifier;

    private RecipientIdentifier(X500Principal issuer, BigInteger serialNumber, byte[] subjectKeyIdentifier) {
        this.issuer = issuer;
        this.serialNumber = serialNumber;
        this.subjectKeyIdentifier = subjectKeyIdentifier == null ? null : subjectKeyIdentifier.clone();
    }

    public static RecipientIdentifier ofIssuerAndSerialNumber(X500Principal issuer, BigInteger serialNumber) {
        return new RecipientIdentifier(Objects.requireNonNull(issuer), Objects.requireNonNull(serialNumber), null);
    }

    public static RecipientIdentifier ofSubjectKeyIdentifier(byte[] subjectKeyIdentifier) {
        return new RecipientIdentifier(null, null, Objects.requireNonNull(subjectKeyIdentifier));
    }

    /** The issuer of the recipient's certificate, or null when the recipient is named by subject key identifier. */
    public X500Principal issuer() {
        return issuer;
    }

    /** The serial number of the recipient's certificate, or null when named by subject key identifier. */
    public BigInteger serialNumber() {
        return serialNumber;
    }

    /** The subject key identifier, or null when the recipient is named by issuer and serial number. */
    public byte[] subjectKeyIdentifier() {
        return subjectKeyIdentifier == null ? null : subjectKeyIdentifier.clone();
    }

    /**
     * Whether {@code cert} is the certificate this identifier names, as Bouncy Castle matches it when it opens the
     * message (a subject key identifier also matches Outlook's key id of a certificate without that extension).
     */
    public boolean matches(X509Certificate cert) {
        try {
            X500Name issuerName = issuer == null ? null : X500Name.getInstance(issuer.getEncoded());
            return new X509CertificateHolderSelector(issuerName, serialNumber, subjectKeyIdentifier)
                    .match(new JcaX509CertificateHolder(cert));
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecipientIdentifier other && Objects.equals(issuer, other.issuer)
                && Objects.equals(serialNumber, other.serialNumber)
                && Arrays.equals(subjectKeyIdentifier, other.subjectKeyIdentifier);
    }

    @Override
    public int hashCode() {
        return Objects.hash(issuer, serialNumber, Arrays.hashCode(subjectKeyIdentifier));
    }

    @Override
    public String toString() {
        return issuer != null ? issuer.getName(X500Principal.RFC2253) + " #" + serialNumber.toString(16)
                : "subjectKeyIdentifier " + Hex.toHexString(subjectKeyIdentifier);
    }
}

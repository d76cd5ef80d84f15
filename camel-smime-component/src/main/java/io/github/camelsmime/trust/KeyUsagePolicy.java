package io.github.camelsmime.trust;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.github.camelsmime.SmimeCheck;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * RFC 8550 section 4.4: a signer certificate's keyUsage, when present, must allow digitalSignature or
 * nonRepudiation; its extendedKeyUsage, when present, must include emailProtection or anyExtendedKeyUsage.
 */
public final class KeyUsagePolicy {

    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;
    private static final String EMAIL_PROTECTION = KeyPurposeId.id_kp_emailProtection.getId();
    private static final String ANY_EXTENDED_KEY_USAGE = KeyPurposeId.anyExtendedKeyUsage.getId();

    public List<Finding> check(X509Certificate signer) {
        List<Finding> findings = new ArrayList<>();
        boolean[] ku = signer.getKeyUsage();
        if (ku != null && !bit(ku, DIGITAL_SIGNATURE) && !bit(ku, NON_REPUDIATION)) {
            findings.add(new Finding(SmimeCheck.KEY_USAGE,
                    "the signer certificate's keyUsage allows neither digitalSignature nor nonRepudiation"));
        }
        try {
            List<String> eku = signer.getExtendedKeyUsage();
            if (eku != null && !eku.contains(EMAIL_PROTECTION) && !eku.contains(ANY_EXTENDED_KEY_USAGE)) {
                findings.add(new Finding(SmimeCheck.EXT_KEY_USAGE, "the signer certificate's extendedKeyUsage "
                        + eku + " includes neither emailProtection nor anyExtendedKeyUsage"));
            }
        } catch (CertificateParsingException e) {
            findings.add(new Finding(SmimeCheck.EXT_KEY_USAGE, "the signer certificate's extendedKeyUsage is malformed"));
        }
        return findings;
    }

    private static boolean bit(boolean[] bits, int index) {
        return bits.length > index && bits[index];
    }
}

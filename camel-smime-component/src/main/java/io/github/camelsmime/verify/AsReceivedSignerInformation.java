package io.github.camelsmime.verify;

import java.io.IOException;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cms.SignerInformation;

/**
 * A SignerInformation whose signed attributes are verified in the order they arrived instead of re-sorted into DER.
 * Some real clients (Outlook for Mac among them) sign attributes in non-DER order; OpenSSL and gpgsm verify the bytes
 * as received, Bouncy Castle re-encodes and fails. Used only as a second attempt when the DER form differs.
 */
final class AsReceivedSignerInformation extends SignerInformation {

    private AsReceivedSignerInformation(SignerInformation base) {
        super(base);
    }

    /** A second view of the signer when its attributes' received order is not DER order, else null. */
    static SignerInformation ifReordered(SignerInformation si) {
        if (si.getSignedAttributes() == null) {
            return null;
        }
        AsReceivedSignerInformation asReceived = new AsReceivedSignerInformation(si);
        try {
            return Arrays.equals(si.getEncodedSignedAttributes(), asReceived.getEncodedSignedAttributes())
                    ? null : asReceived;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public byte[] getEncodedSignedAttributes() throws IOException {
        return signedAttributeSet.getEncoded(ASN1Encoding.DL);
    }
}

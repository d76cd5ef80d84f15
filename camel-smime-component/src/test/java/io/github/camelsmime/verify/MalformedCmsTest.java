package io.github.camelsmime.verify;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.CompressedData;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;

import io.github.camelsmime.FuzzKit;
import io.github.camelsmime.SmimeFormatException;
import io.github.camelsmime.SmimeTestSupport;
import io.github.camelsmime.crypto.CmsInput;
import io.github.camelsmime.crypto.CryptoProviders;
import io.github.camelsmime.decrypt.SmimeDecompressor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CMS structures of the wrong shape (what the fuzz targets found first): each is a {@link SmimeFormatException} that
 * says the structure is malformed, not a Bouncy Castle runtime exception and not its class-cast or null-pointer text.
 */
class MalformedCmsTest extends SmimeTestSupport {

    private static final String MALFORMED = "the CMS structure is malformed";

    @Test
    void envelopedDataHoldingACompressedDataIsMalformedNotAClassCast() {
        // recipientInfos (a SET) is where CompressedData has its algorithm (a SEQUENCE): Bouncy Castle's parser
        // casts one to the other
        byte[] der = der(new ContentInfo(CMSObjectIdentifiers.envelopedData, compressedData()));
        String message = "From: eve@example.com\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(der) + "\r\n";

        Exception e = failure("smime:unwrap?decryptKeyStore=" + FuzzKit.pki("fuzz.p12") + "&decryptKeyStorePassword="
                + FuzzKit.PASSWORD, message);

        assertThat(e).isInstanceOf(SmimeFormatException.class)
                .hasMessageStartingWith("Unreadable encrypted data: " + MALFORMED)
                .hasMessageNotContaining("cannot be cast").hasMessageNotContaining("org.bouncycastle");
    }

    @Test
    void compressedDataWithASetForItsAlgorithmIsMalformed() {
        ASN1Encodable notCompressed = new DERSequence(new ASN1Encodable[] {new ASN1Integer(0), new DERSet(),
                new ContentInfo(CMSObjectIdentifiers.data, new DEROctetString(new byte[1]))});
        byte[] der = der(new ContentInfo(CMSObjectIdentifiers.compressedData, notCompressed));

        assertThatThrownBy(() -> new SmimeDecompressor(1024).decompress(CmsInput.bounded(
                new ByteArrayInputStream(der), der.length), new ByteArrayOutputStream()))
                .isInstanceOf(SmimeFormatException.class)
                .hasMessageStartingWith("Unreadable compressed data: " + MALFORMED)
                .hasMessageNotContaining("getInstance");
    }

    @Test
    void detachedSignatureWithoutSignedDataContentIsMalformed() {
        byte[] der = der(new ContentInfo(CMSObjectIdentifiers.signedData, null));
        SignatureVerifier verifier = new SignatureVerifier(CryptoProviders.of("auto"), List.of());

        assertThatThrownBy(() -> verifier.verifyDetached(new ByteArrayInputStream(
                "Hello\r\n".getBytes(StandardCharsets.US_ASCII)), der))
                .isInstanceOf(SmimeFormatException.class)
                .hasMessageStartingWith("Malformed signature part: " + MALFORMED);
    }

    private static CompressedData compressedData() {
        return new CompressedData(new AlgorithmIdentifier(CMSObjectIdentifiers.zlibCompress),
                new ContentInfo(CMSObjectIdentifiers.data, new DEROctetString(new byte[] {1, 2, 3})));
    }

    private static byte[] der(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded("DER");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

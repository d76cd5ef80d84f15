package io.github.camelsmime.decrypt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.util.List;
import java.util.function.Consumer;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.camelsmime.TestPki;
import io.github.camelsmime.crypto.CryptoProviders;
import io.github.camelsmime.keys.DecryptionKey;
import io.github.camelsmime.keys.DecryptionKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EnvelopedData with CBC content: an invalid padding does not stop the decryption (that would come earlier than the
 * parse of garbage with a valid padding: a timing oracle) but hands the unstripped plaintext on, flagged; a valid
 * padding is stripped as before.
 */
class CbcPaddingTest {

    private static final Provider BC = new BouncyCastleProvider();
    private static final TestPki PKI = TestPki.get();
    private static final byte[] PLAIN = "Content-Type: text/plain\r\n\r\nThe launch code is 0000-1111-2222.\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private record Opened(SmimeDecryptor.Result result, byte[] plaintext, int ciphertextLength) {
    }

    /** RSA key transport to bob, and ECDH key agreement to carol in the AES-256 rows. */
    private static Opened open(String provider, ASN1ObjectIdentifier alg, Consumer<byte[]> tamper) throws Exception {
        boolean agree = alg.equals(CMSAlgorithm.AES256_CBC) && !provider.equals("JDK");
        String name = agree ? "carol" : "bob";
        CMSEnvelopedDataGenerator gen = new CMSEnvelopedDataGenerator();
        gen.addRecipientInfoGenerator(agree ? FastDecryptionTest.ecRecipient(name)
                : new JceKeyTransRecipientInfoGenerator(PKI.id(name).cert()).setProvider(BC));
        byte[] cms = gen.generate(new CMSProcessableByteArray(PLAIN),
                new JceCMSContentEncryptorBuilder(alg).setProvider(BC).build()).getEncoded();
        ContentInfo ci = ContentInfo.getInstance(ASN1Primitive.fromByteArray(cms));
        EnvelopedData ed = EnvelopedData.getInstance(ci.getContent());
        EncryptedContentInfo eci = ed.getEncryptedContentInfo();
        byte[] c = eci.getEncryptedContent().getOctets();
        tamper.accept(c);
        byte[] changed = new ContentInfo(ci.getContentType(), new EnvelopedData(ed.getOriginatorInfo(),
                ed.getRecipientInfos(), new EncryptedContentInfo(eci.getContentType(),
                        eci.getContentEncryptionAlgorithm(), new DEROctetString(c)), ed.getUnprotectedAttrs()))
                .getEncoded();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SmimeDecryptor.Result result = new SmimeDecryptor(CryptoProviders.of(provider)).decrypt(
                new ByteArrayInputStream(changed), false,
                new DecryptionKeys(List.of(new DecryptionKey(PKI.id(name).key(), PKI.id(name).cert()))), out);
        return new Opened(result, out.toByteArray(), c.length);
    }

    private static List<ASN1ObjectIdentifier> algorithms() {
        return List.of(CMSAlgorithm.AES128_CBC, CMSAlgorithm.AES256_CBC, CMSAlgorithm.DES_EDE3_CBC);
    }

    @ParameterizedTest
    @ValueSource(strings = { "auto", "BC", "JDK" })
    void invalidPaddingHandsTheUnstrippedPlaintextOnFlagged(String provider) throws Exception {
        for (ASN1ObjectIdentifier alg : algorithms()) {
            int block = alg.equals(CMSAlgorithm.DES_EDE3_CBC) ? 8 : 16;
            int pad = block - PLAIN.length % block;
            // the last plaintext byte becomes 0: no valid padding ends in 0
            Opened bad = open(provider, alg, c -> c[c.length - block - 1] ^= (byte) pad);

            assertThat(bad.result().paddingValid()).as(provider + " " + alg).isFalse();
            assertThat(bad.plaintext()).hasSize(bad.ciphertextLength());
            assertThat(bad.plaintext()[bad.ciphertextLength() - 1]).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "auto", "BC", "JDK" })
    void validPaddingIsStrippedAsBefore(String provider) throws Exception {
        for (ASN1ObjectIdentifier alg : algorithms()) {
            int block = alg.equals(CMSAlgorithm.DES_EDE3_CBC) ? 8 : 16;
            int pad = block - PLAIN.length % block;
            Opened intact = open(provider, alg, c -> { });
            // the last plaintext byte becomes 1: a valid one-byte padding over garbage
            Opened garbage = open(provider, alg, c -> c[c.length - block - 1] ^= (byte) (pad ^ 1));

            assertThat(intact.result().paddingValid()).isTrue();
            assertThat(intact.plaintext()).isEqualTo(PLAIN);
            assertThat(garbage.result().paddingValid()).isTrue();
            assertThat(garbage.plaintext()).hasSize(garbage.ciphertextLength() - 1);
        }
    }
}

package io.github.camelsmime.decrypt;

import java.security.PrivateKey;
import java.security.Provider;
import java.util.List;
import java.util.Set;

import javax.crypto.spec.OAEPParameterSpec;

import io.github.camelsmime.TestPki;
import io.github.camelsmime.crypto.CryptoProviders;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAlgorithmNotAllowedException;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pins what {@link CorrettoRecipients} assumes about Bouncy Castle, so that an upgrade that changes it fails here
 * rather than silently changing what the component accepts:
 * <ul>
 * <li>Bouncy Castle checks the content algorithm (allowed set) before its private-key operation, and says so with
 * {@link CMSAlgorithmNotAllowedException} and the same words as our path;</li>
 * <li>Bouncy Castle cannot do OAEP key transport on Corretto by itself (it asks Corretto for OAEP
 * {@code AlgorithmParameters}), which is why the OAEP parameters are mapped in {@link CorrettoRecipients}.</li>
 * </ul>
 */
class CorrettoRecipientsBouncyCastleTest {

    private static final TestPki PKI = TestPki.get();

    private static RecipientInformation message(boolean oaep) throws Exception {
        CMSAuthEnvelopedDataGenerator gen = new CMSAuthEnvelopedDataGenerator();
        TestPki.Identity bob = PKI.id("bob");
        gen.addRecipientInfoGenerator(oaep
                ? new JceKeyTransRecipientInfoGenerator(bob.cert(), new JcaAlgorithmParametersConverter()
                        .getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, OAEPParameterSpec.DEFAULT))
                : new JceKeyTransRecipientInfoGenerator(bob.cert()));
        CMSAuthEnvelopedData data = gen.generate(new CMSProcessableByteArray("secret".getBytes()),
                (org.bouncycastle.operator.OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                        .setProvider("SunJCE").build());
        return new CMSAuthEnvelopedData(data.getEncoded()).getRecipientInfos().getRecipients().iterator().next();
    }

    private static String failure(RecipientInformation info, Recipient recipient) {
        try {
            info.getContent(recipient);
            return "no failure";
        } catch (CMSException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Test
    void algorithmIsCheckedBeforeThePrivateKeyAndInTheSameWords() throws Exception {
        RecipientInformation info = message(false);
        // the wrong private key: a key operation first would fail differently
        PrivateKey wrong = PKI.id("alice").key();
        JceKeyTransAuthEnvelopedRecipient bc = new JceKeyTransAuthEnvelopedRecipient(wrong);
        bc.setAllowedContentAlgorithms(Set.of(CMSAlgorithm.AES128_GCM));
        String expected = "CMSAlgorithmNotAllowedException: content-encryption algorithm not in recipient's"
                + " allowed set: " + CMSAlgorithm.AES256_GCM;
        assertThat(failure(info, bc)).isEqualTo(expected);

        Provider rsa = CryptoProviders.of("auto").rsaKeyTransportDecryption();
        Assumptions.assumeTrue(rsa != null, "Corretto not available");
        CorrettoRecipients.Options options = new CorrettoRecipients.Options(rsa, List.of(), 1 << 20, new CbcPadding());
        Recipient ours = CorrettoRecipients.keyTransport(wrong, CryptoProviders.nativeKey(wrong, rsa), options, true,
                r -> r.setAllowedContentAlgorithms(Set.of(CMSAlgorithm.AES128_GCM)));
        assertThat(failure(info, ours)).isEqualTo(expected);
    }

    @Test
    void bouncyCastleAloneCannotDoOaepOnCorretto() throws Exception {
        Provider rsa = CryptoProviders.of("auto").rsaKeyTransportDecryption();
        Assumptions.assumeTrue(rsa != null, "Corretto not available");
        RecipientInformation info = message(true);
        PrivateKey key = PKI.id("bob").key();
        JceKeyTransAuthEnvelopedRecipient bc = new JceKeyTransAuthEnvelopedRecipient(
                CryptoProviders.nativeKey(key, rsa));
        bc.setProvider(rsa);
        assertThatThrownBy(() -> info.getContent(bc)).isInstanceOf(CMSException.class);

        CorrettoRecipients.Options options = new CorrettoRecipients.Options(rsa, List.of(), 1 << 20, new CbcPadding());
        // configured as SmimeDecryptor does: Bouncy Castle for everything but the RSA operation
        Recipient ours = CorrettoRecipients.keyTransport(key, CryptoProviders.nativeKey(key, rsa), options, true, r -> {
            r.setProvider(CryptoProviders.bouncyCastle());
            r.setContentProvider(CryptoProviders.bouncyCastle());
        });
        assertThat(new String(info.getContent(ours))).isEqualTo("secret");
    }
}

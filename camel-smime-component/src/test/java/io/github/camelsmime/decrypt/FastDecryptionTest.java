package io.github.camelsmime.decrypt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.AlgorithmParameters;
import java.security.Provider;
import java.security.spec.MGF1ParameterSpec;
import java.util.List;
import java.util.Random;

import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.SimpleAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.junit.jupiter.api.Test;

import io.github.camelsmime.SmimeDecryptionException;
import io.github.camelsmime.TestPki;
import io.github.camelsmime.crypto.CryptoProviders;
import io.github.camelsmime.keys.DecryptionKey;
import io.github.camelsmime.keys.DecryptionKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fast decryption paths (AES-GCM content on Corretto or the JDK, RSA key transport on Corretto) give exactly what
 * Bouncy Castle gives, on random content sizes, nonce and tag lengths, OAEP parameters and authenticated attributes;
 * and fail exactly where it fails, with the same message and no plaintext: a flipped bit in the ciphertext or in the
 * tag, a truncated tag, the wrong key.
 */
class FastDecryptionTest {

    private static final Provider BC = new BouncyCastleProvider();
    private static final TestPki PKI = TestPki.get();
    private static final long SMALL_LAYER = 1 << 20;

    private static DecryptionKey key(String name) {
        return new DecryptionKey(PKI.id(name).key(), PKI.id(name).cert());
    }

    /** Our decryption with a provider setting and a layer size (large: Bouncy Castle's streaming GCM). */
    private static byte[] decrypt(String provider, byte[] cms, boolean authenticated, String recipient, long layer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SmimeDecryptor(CryptoProviders.of(provider)).decrypt(new ByteArrayInputStream(cms), authenticated,
                new DecryptionKeys(List.of(key(recipient))), out, layer);
        return out.toByteArray();
    }

    private static RecipientInfoGenerator rsaRecipient(String name, AlgorithmIdentifier keyEncryption)
            throws Exception {
        JceKeyTransRecipientInfoGenerator g = keyEncryption == null
                ? new JceKeyTransRecipientInfoGenerator(PKI.id(name).cert())
                : uncheckedGenerator(name, keyEncryption);
        return g.setProvider(BC);
    }

    private static JceKeyTransRecipientInfoGenerator uncheckedGenerator(String name, AlgorithmIdentifier alg) {
        try {
            return new JceKeyTransRecipientInfoGenerator(PKI.id(name).cert(), alg);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AlgorithmIdentifier oaep(String hash, String mgfHash, byte[] label) throws Exception {
        return new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
                new OAEPParameterSpec(hash, "MGF1", new MGF1ParameterSpec(mgfHash), new PSource.PSpecified(label)));
    }

    private static byte[] gcm(byte[] plain, ASN1ObjectIdentifier alg, int nonceBytes, int tagBytes,
            RecipientInfoGenerator recipient, boolean authAttributes) throws Exception {
        byte[] nonce = new byte[nonceBytes];
        new Random(plain.length).nextBytes(nonce);
        AlgorithmParameters params = AlgorithmParameters.getInstance("GCM", BC);
        params.init(new GCMParameters(nonce, tagBytes).getEncoded());
        CMSAuthEnvelopedDataGenerator gen = new CMSAuthEnvelopedDataGenerator();
        gen.addRecipientInfoGenerator(recipient);
        if (authAttributes) {
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(new Attribute(CMSAttributes.contentHint,
                    new DERSet(new DERUTF8String("authenticated, not encrypted"))));
            gen.setAuthenticatedAttributeGenerator(new SimpleAttributeTableGenerator(new AttributeTable(v)));
        }
        OutputAEADEncryptor encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(alg)
                .setAlgorithmParameters(params).setProvider(BC).build();
        return gen.generate(new CMSProcessableByteArray(plain), encryptor).getEncoded();
    }

    @Test
    void aesGcmLikeBouncyCastleForEverySizeNonceAndTag() throws Exception {
        Random r = new Random(1);
        ASN1ObjectIdentifier[] algs = { CMSAlgorithm.AES128_GCM, CMSAlgorithm.AES192_GCM, CMSAlgorithm.AES256_GCM };
        for (int i = 0; i < 120; i++) {
            byte[] plain = new byte[i < 20 ? i : r.nextInt(i < 100 ? 5000 : 400_000)];
            r.nextBytes(plain);
            int nonce = new int[] { 12, 12, 16, 8, 1, 13 }[r.nextInt(6)];
            int tag = 12 + r.nextInt(5);
            boolean attrs = r.nextInt(4) == 0;
            String recipient = r.nextBoolean() ? "bob" : "carol";
            RecipientInfoGenerator rig = recipient.equals("bob") ? rsaRecipient("bob", oaep("SHA-256", "SHA-256",
                    new byte[0])) : ecRecipient(recipient);
            byte[] cms = gcm(plain, algs[r.nextInt(3)], nonce, tag, rig, attrs);
            String what = plain.length + " bytes, nonce " + nonce + ", tag " + tag + ", attrs " + attrs;
            for (String provider : List.of("auto", "JDK", "ACCP")) {
                if (provider.equals("ACCP") && !CryptoProviders.correttoAvailable()
                        || provider.equals("JDK") && recipient.equals("carol")) {
                    // JDK: the JDK's providers do not resolve the EC key factory by OID for Bouncy Castle's key
                    // agreement, with or without our content decryption (a limit of the JDK setting, not of this)
                    continue;
                }
                assertThat(decrypt(provider, cms, true, recipient, SMALL_LAYER)).as(provider + " " + what)
                        .isEqualTo(plain);
            }
            // above the bound: Bouncy Castle's streaming GCM
            assertThat(decrypt("auto", cms, true, recipient, Long.MAX_VALUE)).as("streaming " + what).isEqualTo(plain);
        }
    }

    static RecipientInfoGenerator ecRecipient(String name) throws Exception {
        java.security.KeyPairGenerator kpg = java.security.KeyPairGenerator.getInstance("EC", BC);
        kpg.initialize(((java.security.interfaces.ECPublicKey) PKI.id(name).cert().getPublicKey()).getParams());
        java.security.KeyPair eph = kpg.generateKeyPair();
        JceKeyAgreeRecipientInfoGenerator g = new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF,
                eph.getPrivate(), eph.getPublic(), CMSAlgorithm.AES256_WRAP);
        g.addRecipient(PKI.id(name).cert());
        return g.setProvider(BC);
    }

    @Test
    void tamperedCiphertextOrTagFailsAlikeAndReleasesNothing() throws Exception {
        Random r = new Random(2);
        for (int i = 0; i < 40; i++) {
            byte[] plain = new byte[1 + r.nextInt(100_000)];
            r.nextBytes(plain);
            byte[] cms = gcm(plain, CMSAlgorithm.AES256_GCM, 12, 16, rsaRecipient("bob", null), false);
            AuthEnvelopedData aed = AuthEnvelopedData.getInstance(ContentInfo.getInstance(cms).getContent());
            EncryptedContentInfo eci = aed.getAuthEncryptedContentInfo();
            byte[] ciphertext = eci.getEncryptedContent().getOctets();
            byte[] mac = aed.getMac().getOctets();
            int what = r.nextInt(3);
            if (what == 0) {
                ciphertext[r.nextInt(ciphertext.length)] ^= (byte) (1 << r.nextInt(8));
            } else if (what == 1) {
                mac[r.nextInt(mac.length)] ^= (byte) (1 << r.nextInt(8));
            } else {
                mac = java.util.Arrays.copyOf(mac, 12);
            }
            byte[] tampered = new ContentInfo(PKCSObjectIdentifiers.id_ct_authEnvelopedData, new AuthEnvelopedData(
                    aed.getOriginatorInfo(), aed.getRecipientInfos(), new EncryptedContentInfo(eci.getContentType(),
                            eci.getContentEncryptionAlgorithm(), new DEROctetString(ciphertext)), aed.getAuthAttrs(),
                    new DEROctetString(mac), aed.getUnauthAttrs())).getEncoded();
            for (long layer : new long[] { SMALL_LAYER, Long.MAX_VALUE }) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                SmimeDecryptor decryptor = new SmimeDecryptor(CryptoProviders.of("auto"));
                assertThatThrownBy(() -> decryptor.decrypt(new ByteArrayInputStream(tampered), true,
                        new DecryptionKeys(List.of(key("bob"))), out, layer)).isInstanceOf(SmimeDecryptionException.class)
                        .hasMessage("Decryption failed");
                if (layer == SMALL_LAYER) {
                    assertThat(out.size()).as("plaintext released").isZero();
                }
            }
        }
    }

    @Test
    void rsaKeyTransportLikeBouncyCastle() throws Exception {
        byte[] plain = "key transport".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        List<AlgorithmIdentifier> keyEncryptions = new java.util.ArrayList<>();
        keyEncryptions.add(null); // PKCS#1 v1.5
        keyEncryptions.add(oaep("SHA-256", "SHA-256", new byte[0]));
        keyEncryptions.add(oaep("SHA-1", "SHA-1", new byte[0]));
        keyEncryptions.add(oaep("SHA-384", "SHA-256", new byte[0]));
        keyEncryptions.add(oaep("SHA-256", "SHA-1", "label".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        keyEncryptions.add(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
                new org.bouncycastle.asn1.pkcs.RSAESOAEPparams())); // all defaults: SHA-1
        for (AlgorithmIdentifier ke : keyEncryptions) {
            for (boolean authenticated : new boolean[] { true, false }) {
                byte[] cms;
                if (authenticated) {
                    cms = gcm(plain, CMSAlgorithm.AES256_GCM, 12, 16, rsaRecipient("bob", ke), false);
                } else {
                    CMSEnvelopedDataGenerator gen = new CMSEnvelopedDataGenerator();
                    gen.addRecipientInfoGenerator(rsaRecipient("bob", ke));
                    cms = gen.generate(new CMSProcessableByteArray(plain), new JceCMSContentEncryptorBuilder(
                            CMSAlgorithm.AES128_CBC).setProvider(BC).build()).getEncoded();
                }
                for (String provider : List.of("auto", "BC", "JDK")) {
                    assertThat(decrypt(provider, cms, authenticated, "bob", SMALL_LAYER))
                            .as(provider + " " + (ke == null ? "PKCS#1" : ke.getParameters())).isEqualTo(plain);
                }
                // the wrong key reads as any other failure, fast path or not
                for (String provider : List.of("auto", "BC")) {
                    SmimeDecryptor decryptor = new SmimeDecryptor(CryptoProviders.of(provider));
                    DecryptionKey wrong = new DecryptionKey(PKI.id("alice").key(), PKI.id("bob").cert());
                    byte[] message = cms;
                    assertThatThrownBy(() -> decryptor.decrypt(new ByteArrayInputStream(message), authenticated,
                            new DecryptionKeys(List.of(wrong)), new ByteArrayOutputStream(), SMALL_LAYER))
                            .isInstanceOf(SmimeDecryptionException.class).hasMessage("Decryption failed");
                }
            }
        }
    }
}

package io.github.camelsmime.decrypt;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.MGF1ParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.cms.CMSAlgorithmNotAllowedException;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipient;
import org.bouncycastle.operator.GenericKey;

/**
 * Bouncy Castle's recipients with RSA key transport on Corretto (and AES-GCM of small layers on Corretto or the JDK),
 * everything else (parsing, which key and algorithm are
 * acceptable, minimum tag size, key-size validation, the streaming content decryption of other algorithms and of large
 * layers) left to them:
 * <ul>
 * <li><b>RSA key transport</b> (PKCS#1 v1.5 and OAEP) on Corretto, a quarter of the time of Bouncy Castle's or the
 * JDK's private-key operation. Bouncy Castle asks the provider for OAEP {@code AlgorithmParameters}, which Corretto
 * lacks, so the parameters (hash, MGF1 hash, label) are read here into an {@code OAEPParameterSpec}; parameters we do
 * not map go to Bouncy Castle.</li>
 * <li><b>AES-GCM content</b> of layers up to {@link BufferedGcmDecryptor#bound()} on Corretto's or the JDK's GCM.</li>
 * </ul>
 * A failure of either reads "Decryption failed" like any other (see {@link SmimeDecryptor}).
 */
final class CorrettoRecipients {

    /**
     * What the fast paths may use for one message.
     *
     * @param rsa        provider for RSA key transport, null for Bouncy Castle
     * @param gcm        providers for AES-GCM content, in order of preference; empty for Bouncy Castle
     * @param layerSize  an upper bound of the size of the layer being decrypted
     * @param padding    the padding check of CBC content in EnvelopedData
     */
    record Options(Provider rsa, List<Provider> gcm, long layerSize, CbcPadding padding) {
        boolean gcmApplies(AlgorithmIdentifier contentAlgorithm) {
            return !gcm.isEmpty() && BufferedGcmDecryptor.applies(contentAlgorithm, layerSize);
        }
    }

    private CorrettoRecipients() {
    }

    private static final Map<ASN1ObjectIdentifier, String> HASHES = Map.of(
            OIWObjectIdentifiers.idSHA1, "SHA-1",
            NISTObjectIdentifiers.id_sha224, "SHA-224",
            NISTObjectIdentifiers.id_sha256, "SHA-256",
            NISTObjectIdentifiers.id_sha384, "SHA-384",
            NISTObjectIdentifiers.id_sha512, "SHA-512");

    /**
     * The content-encryption key decrypted with {@code provider}, or null when the key-encryption algorithm or its
     * parameters are not ones we map (Bouncy Castle then does it).
     */
    static byte[] rsaDecrypt(PrivateKey key, Provider provider, AlgorithmIdentifier keyEncryption, byte[] encryptedKey)
            throws CMSException {
        ASN1ObjectIdentifier alg = keyEncryption.getAlgorithm();
        Cipher cipher;
        try {
            if (alg.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding", provider);
                cipher.init(Cipher.DECRYPT_MODE, key);
            } else if (alg.equals(PKCSObjectIdentifiers.id_RSAES_OAEP)) {
                OAEPParameterSpec spec = oaep(keyEncryption.getParameters());
                if (spec == null) {
                    return null;
                }
                cipher = Cipher.getInstance("RSA/ECB/OAEPPadding", provider);
                cipher.init(Cipher.DECRYPT_MODE, key, spec);
            } else {
                return null;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // the provider does not do these parameters (before any decryption): Bouncy Castle will
            return null;
        }
        try {
            return cipher.doFinal(encryptedKey);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CMSException("exception unwrapping key: " + e.getMessage(), e);
        }
    }

    /** RFC 4055 RSAES-OAEP-params as a JCA spec; null for anything but MGF1 with a SHA-1/SHA-2 hash. */
    private static OAEPParameterSpec oaep(ASN1Encodable encoded) {
        RSAESOAEPparams p = encoded == null || encoded instanceof DERNull ? new RSAESOAEPparams()
                : RSAESOAEPparams.getInstance(encoded);
        String hash = HASHES.get(p.getHashAlgorithm().getAlgorithm());
        AlgorithmIdentifier mgf = p.getMaskGenAlgorithm();
        if (hash == null || !mgf.getAlgorithm().equals(PKCSObjectIdentifiers.id_mgf1)) {
            return null;
        }
        String mgfHash = HASHES.get(AlgorithmIdentifier.getInstance(mgf.getParameters()).getAlgorithm());
        AlgorithmIdentifier source = p.getPSourceAlgorithm();
        if (mgfHash == null || !source.getAlgorithm().equals(PKCSObjectIdentifiers.id_pSpecified)) {
            return null;
        }
        byte[] label = ASN1OctetString.getInstance(source.getParameters()).getOctets();
        return new OAEPParameterSpec(hash, "MGF1", new MGF1ParameterSpec(mgfHash), new PSource.PSpecified(label));
    }

    /**
     * The key-transport recipient for AuthEnvelopedData ({@code authenticated}) or EnvelopedData, each setting applied
     * by {@code configure} to it and to the {@link KeyTransport} that extracts its key.
     */
    static JceKeyTransRecipient keyTransport(PrivateKey key, PrivateKey fastKey, Options options,
            boolean authenticated, Consumer<JceKeyTransRecipient> configure) {
        KeyTransport keys = new KeyTransport(key, fastKey, options);
        configure.accept(keys);
        if (!authenticated) {
            return keys;
        }
        KeyTransAuthEnveloped recipient = new KeyTransAuthEnveloped(key, keys, options);
        configure.accept(recipient);
        return recipient;
    }

    /**
     * Key transport into EnvelopedData (CBC content as Bouncy Castle does it), and the key extraction of both kinds:
     * Bouncy Castle's checks around the RSA decryption on Corretto. What this assumes about Bouncy Castle (its checks
     * come before its private-key operation; it cannot do OAEP on Corretto by itself) is pinned by
     * {@code CorrettoRecipientsBouncyCastleTest}.
     */
    static final class KeyTransport extends JceKeyTransEnvelopedRecipient {
        private final PrivateKey fastKey;
        private final Options options;

        KeyTransport(PrivateKey key, PrivateKey fastKey, Options options) {
            super(key);
            this.fastKey = fastKey;
            this.options = options;
        }

        @Override
        protected Key extractSecretKey(AlgorithmIdentifier keyEncryption, AlgorithmIdentifier content,
                byte[] encryptedKey) throws CMSException {
            if (options.rsa() == null) {
                return super.extractSecretKey(keyEncryption, content, encryptedKey);
            }
            // in Bouncy Castle's order: algorithm and tag checks before the private-key operation
            if (!isContentAlgorithmAllowed(content.getAlgorithm())) {
                throw new CMSAlgorithmNotAllowedException("content-encryption algorithm not in recipient's allowed"
                        + " set: " + content.getAlgorithm());
            }
            checkTagSize(content);
            byte[] raw = rsaDecrypt(fastKey, options.rsa(), keyEncryption, encryptedKey);
            if (raw == null) {
                return super.extractSecretKey(keyEncryption, content, encryptedKey);
            }
            Key key = helper.getJceKey(content, new GenericKey(content, raw));
            if (validateKeySize) {
                helper.keySizeCheck(content, key);
            }
            return key;
        }

        /** EnvelopedData: Bouncy Castle's content cipher, the padding of CBC checked by {@link CbcPadding}. */
        @Override
        public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyEncryption, AlgorithmIdentifier content,
                byte[] encryptedKey) throws CMSException {
            return options.padding().operator(contentHelper, extractSecretKey(keyEncryption, content, encryptedKey),
                    content);
        }
    }

    /** Key transport into AuthEnvelopedData: the key from {@link KeyTransport}, small AES-GCM layers buffered. */
    static final class KeyTransAuthEnveloped extends JceKeyTransAuthEnvelopedRecipient {
        private final KeyTransport keys;
        private final Options options;

        KeyTransAuthEnveloped(PrivateKey key, KeyTransport keys, Options options) {
            super(key);
            this.keys = keys;
            this.options = options;
        }

        @Override
        protected Key extractSecretKey(AlgorithmIdentifier keyEncryption, AlgorithmIdentifier content,
                byte[] encryptedKey) throws CMSException {
            return keys.extractSecretKey(keyEncryption, content, encryptedKey);
        }

        @Override
        public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyEncryption, AlgorithmIdentifier content,
                byte[] encryptedKey) throws CMSException {
            if (!options.gcmApplies(content)) {
                return super.getRecipientOperator(keyEncryption, content, encryptedKey);
            }
            Key key = extractSecretKey(keyEncryption, content, encryptedKey);
            BufferedGcmDecryptor decryptor = BufferedGcmDecryptor.create(content, key, options.gcm(),
                    options.layerSize());
            if (decryptor == null) {
                return super.getRecipientOperator(keyEncryption, content, encryptedKey);
            }
            return new RecipientOperator(decryptor);
        }
    }

    /** Key agreement (ECDH, X25519) into EnvelopedData: the padding of CBC content checked by {@link CbcPadding}. */
    static final class KeyAgreeEnveloped extends JceKeyAgreeEnvelopedRecipient {
        private final CbcPadding padding;

        KeyAgreeEnveloped(PrivateKey key, CbcPadding padding) {
            super(key);
            this.padding = padding;
        }

        @Override
        public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyEncryption, AlgorithmIdentifier content,
                SubjectPublicKeyInfo senderKey, ASN1OctetString userKeyingMaterial, byte[] encryptedKey)
                throws CMSException {
            return padding.operator(contentHelper,
                    extractSecretKey(keyEncryption, content, senderKey, userKeyingMaterial, encryptedKey), content);
        }
    }

    /** Key agreement (ECDH, X25519) into AuthEnvelopedData: Bouncy Castle's key agreement, our AES-GCM. */
    static final class KeyAgreeAuthEnveloped extends JceKeyAgreeAuthEnvelopedRecipient {
        private final Options options;

        KeyAgreeAuthEnveloped(PrivateKey key, Options options) {
            super(key);
            this.options = options;
        }

        @Override
        public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyEncryption, AlgorithmIdentifier content,
                SubjectPublicKeyInfo senderKey, ASN1OctetString userKeyingMaterial, byte[] encryptedKey)
                throws CMSException {
            if (!options.gcmApplies(content)) {
                return super.getRecipientOperator(keyEncryption, content, senderKey, userKeyingMaterial,
                        encryptedKey);
            }
            Key key = extractSecretKey(keyEncryption, content, senderKey, userKeyingMaterial, encryptedKey);
            BufferedGcmDecryptor decryptor = BufferedGcmDecryptor.create(content, key, options.gcm(),
                    options.layerSize());
            if (decryptor == null) {
                return super.getRecipientOperator(keyEncryption, content, senderKey, userKeyingMaterial,
                        encryptedKey);
            }
            return new RecipientOperator(decryptor);
        }
    }
}

package io.github.camelsmime.encrypt;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import io.github.camelsmime.crypto.CryptoProviders;
import io.github.camelsmime.mime.Base64Streams;
import io.github.camelsmime.mime.Entities;
import io.github.camelsmime.mime.Entity;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/**
 * Encrypts an entity to one or more recipients: AuthEnvelopedData for the AEAD algorithms, EnvelopedData for CBC.
 * RSA recipients get key transport (OAEP or PKCS#1 v1.5), EC and X25519 recipients ephemeral-static ECDH with an
 * X9.63 KDF (HKDF for X25519, RFC 8418) and AES key wrap. Bouncy Castle's CMS stream generators make the
 * EnvelopedData/AuthEnvelopedData; ciphertext is produced while the inner entity is written.
 */
public final class SmimeEncryptor {

    /** The content types Bouncy Castle's S/MIME generators write (and clients expect, quotes included). */
    private static final String ENVELOPED_TYPE = "application/pkcs7-mime; name=\"smime.p7m\"; smime-type=enveloped-data";
    private static final String AUTH_ENVELOPED_TYPE =
            "application/pkcs7-mime; name=\"smime.p7m\"; smime-type=authEnveloped-data";

    private final ContentEncryption algorithm;
    private final KeyEncryption keyEncryption;
    private final CryptoProviders providers;

    public SmimeEncryptor(ContentEncryption algorithm, KeyEncryption keyEncryption, CryptoProviders providers) {
        this.algorithm = algorithm;
        this.keyEncryption = keyEncryption;
        this.providers = providers;
    }

    public ContentEncryption algorithm() {
        return algorithm;
    }

    /**
     * The inner entity encrypted to the recipients, as {@code application/pkcs7-mime} with base64 body: Bouncy
     * Castle's streaming CMS generator encrypts while the inner entity is written, and the ciphertext is base64-encoded
     * on the way out.
     */
    public Entity encrypt(Entity inner, List<X509Certificate> recipients) throws Exception {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("no recipients to encrypt to");
        }
        List<RecipientInfoGenerator> infos = new ArrayList<>();
        for (X509Certificate cert : recipients) {
            infos.add(recipientInfo(cert));
        }
        OutputEncryptor encryptor = contentEncryptor();
        return out -> {
            Entities.writeBase64PartHeaders(out, algorithm.isAuthenticated() ? AUTH_ENVELOPED_TYPE : ENVELOPED_TYPE,
                    "attachment; filename=\"smime.p7m\"", "S/MIME Encrypted Message");
            OutputStream base64 = Base64Streams.encoder(out);
            OutputStream plain;
            if (algorithm.isAuthenticated()) {
                CMSAuthEnvelopedDataStreamGenerator generator = new CMSAuthEnvelopedDataStreamGenerator();
                infos.forEach(generator::addRecipientInfoGenerator);
                plain = open(() -> generator.open(base64, (OutputAEADEncryptor) encryptor));
            } else {
                CMSEnvelopedDataStreamGenerator generator = new CMSEnvelopedDataStreamGenerator();
                infos.forEach(generator::addRecipientInfoGenerator);
                plain = open(() -> generator.open(base64, encryptor));
            }
            inner.writeTo(plain);
            plain.close();
            base64.close();
        };
    }

    /**
     * AES-GCM on the provider's plain {@code AES/GCM/NoPadding} (Corretto when present: {@link AesGcmEncryptor}); the
     * other algorithms, and any provider forced by configuration, through Bouncy Castle's builder as before.
     */
    private OutputEncryptor contentEncryptor() throws GeneralSecurityException, CMSException {
        java.security.Provider gcm = providers.aesGcmEncryption();
        if (gcm != null && (algorithm == ContentEncryption.AES_256_GCM || algorithm == ContentEncryption.AES_128_GCM)) {
            return new AesGcmEncryptor(algorithm.oid(), algorithm == ContentEncryption.AES_256_GCM ? 32 : 16, gcm);
        }
        return new JceCMSContentEncryptorBuilder(algorithm.oid())
                .setProvider(providers.contentEncryption(algorithm.displayName()))
                .build();
    }

    private interface Opener {
        OutputStream open() throws CMSException, IOException;
    }

    private static OutputStream open(Opener opener) throws IOException {
        try {
            return opener.open();
        } catch (CMSException e) {
            throw new IOException("Cannot encrypt: " + e.getMessage(), e);
        }
    }

    private RecipientInfoGenerator recipientInfo(X509Certificate cert) throws GeneralSecurityException {
        PublicKey key = cert.getPublicKey();
        String keyAlg = key.getAlgorithm().toUpperCase(Locale.ROOT);
        JceKeyTransRecipientInfoGenerator transport;
        switch (keyAlg) {
            case "RSA":
                transport = keyEncryption == KeyEncryption.RSA_PKCS1
                        ? new JceKeyTransRecipientInfoGenerator(cert)
                        : new JceKeyTransRecipientInfoGenerator(cert, new JcaAlgorithmParametersConverter()
                                .getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, new OAEPParameterSpec(
                                        "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT)));
                if (providers.keyManagement() != null) {
                    transport.setProvider(providers.keyManagement());
                }
                return transport;
            case "EC":
            case "X25519":
            case "XDH":
                return keyAgreement(cert, key, keyAlg);
            default:
                throw new IllegalArgumentException("Cannot encrypt to a " + keyAlg + " key ("
                        + cert.getSubjectX500Principal().getName() + ")");
        }
    }

    private RecipientInfoGenerator keyAgreement(X509Certificate cert, PublicKey key, String keyAlg)
            throws GeneralSecurityException {
        KeyPairGenerator kpg;
        ASN1ObjectIdentifier kdf;
        if (key instanceof ECPublicKey ec) {
            kpg = providers.keyManagement() == null ? KeyPairGenerator.getInstance("EC")
                    : KeyPairGenerator.getInstance("EC", providers.keyManagement());
            kpg.initialize(ec.getParams());
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            kdf = bits > 384 ? CMSAlgorithm.ECDH_SHA512KDF
                    : bits > 256 ? CMSAlgorithm.ECDH_SHA384KDF : CMSAlgorithm.ECDH_SHA256KDF;
        } else {
            kpg = providers.keyManagement() == null ? KeyPairGenerator.getInstance("X25519")
                    : KeyPairGenerator.getInstance("X25519", providers.keyManagement());
            // RFC 8418: X25519 recipients use HKDF (dhSinglePass-stdDH-hkdf-sha256-scheme)
            kdf = CMSAlgorithm.ECDH_HKDF_SHA256;
        }
        KeyPair ephemeral = kpg.generateKeyPair();
        ASN1ObjectIdentifier wrap = algorithm == ContentEncryption.AES_128_GCM || algorithm == ContentEncryption.AES_128_CBC
                ? CMSAlgorithm.AES128_WRAP : CMSAlgorithm.AES256_WRAP;
        JceKeyAgreeRecipientInfoGenerator generator = new JceKeyAgreeRecipientInfoGenerator(
                kdf, ephemeral.getPrivate(), ephemeral.getPublic(), wrap);
        generator.addRecipient(cert);
        if (providers.keyManagement() != null) {
            generator.setProvider(providers.keyManagement());
        }
        return generator;
    }
}

package io.github.camelsmime;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Configurer;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.KeyStoreParameters;

/**
 * Every option of the component and the data format, once. Key material is given as Camel
 * {@link KeyStoreParameters}, as a keystore resource with password and alias, or as PEM resources; resources are
 * resolved with Camel's resource loader ({@code classpath:}, {@code file:} or a plain path).
 */
@UriParams
@Configurer(extended = true)
public class SmimeConfiguration implements Cloneable {

    // ---- general ----
    @UriParam(label = "common", defaultValue = "auto",
              description = "Which JCA provider does the cryptography: auto (the fastest correct provider per primitive:"
                    + " Amazon Corretto Crypto Provider when present, else the JDK for digests, AES and RSA and Bouncy"
                    + " Castle for EC and EdDSA), or the name of one provider to use for everything (for example BC,"
                    + " SunRsaSign, SunPKCS11-hsm, AmazonCorrettoCryptoProvider) for FIPS or HSM set-ups.")
    private String provider = "auto";
    @UriParam(label = "common", defaultValue = "auto", enums = "auto,mime,raw",
              description = "How the body is read on marshal: mime (a complete RFC 5322 message or a MIME entity), raw"
                    + " (any payload, wrapped as one MIME part whose type comes from the Content-Type header or the"
                    + " CamelFileName extension) or auto (mime when the body starts with a valid header block).")
    private String inputFormat = "auto";
    @UriParam(label = "common", defaultValue = "false",
              description = "Do not throw when verification, trust or decryption fails: set CamelSmimeFailureReason and"
                    + " CamelSmimeFailureMessage and leave the original message as the body.")
    private boolean reportOnly;

    // ---- signing ----
    @UriParam(label = "sign", description = "Keystore (PKCS#12 or JKS) holding the signer's private key and chain,"
            + " as Camel KeyStoreParameters (reference with #bean:name).")
    private KeyStoreParameters signerKeyStoreParameters;
    @UriParam(label = "sign", description = "Keystore resource (PKCS#12 or JKS) holding the signer's private key.")
    private String signerKeyStore;
    @UriParam(label = "sign", secret = true, description = "Password of signerKeyStore.")
    private String signerKeyStorePassword;
    @UriParam(label = "sign", description = "Alias of the signer's key entry; defaults to the only key entry.")
    private String signerAlias;
    @UriParam(label = "sign", secret = true,
              description = "Password of the signer's key entry; defaults to the keystore password.")
    private String signerKeyPassword;
    @UriParam(label = "sign", description = "PEM resource with the signer certificate followed by its chain"
            + " (alternative to a keystore).")
    private String signerCertificate;
    @UriParam(label = "sign", description = "PEM resource with the signer's PKCS#8 private key, encrypted or not.")
    private String signerPrivateKey;
    @UriParam(label = "sign", secret = true, description = "Password of an encrypted signerPrivateKey PEM.")
    private String signerPrivateKeyPassword;
    @UriParam(label = "sign",
              description = "JCA signature algorithm, for example SHA256withRSA, SHA512withRSA, SHA256withRSAandMGF1"
                    + " (RSASSA-PSS), SHA384withECDSA, Ed25519. Default: chosen from the key (SHA256withRSA for RSA,"
                    + " SHA256withECDSA for P-256, SHA384withECDSA for P-384, Ed25519 for Ed25519).")
    private String signatureAlgorithm;
    @UriParam(label = "sign", defaultValue = "true",
              description = "Detached multipart/signed (readable without S/MIME support) when true; opaque"
                    + " application/pkcs7-mime; smime-type=signed-data when false.")
    private boolean detached = true;

    // ---- encryption ----
    @UriParam(label = "encrypt", description = "Comma-separated e-mail addresses to encrypt to. Default: every To and"
            + " Cc address of the message, looked up in the recipient certificate sources.")
    private String recipients;
    @UriParam(label = "encrypt", description = "Comma-separated PEM or DER certificate resources of recipients;"
            + " encrypted to all of them.")
    private String recipientCertificates;
    @UriParam(label = "encrypt", description = "Folder of PEM/DER recipient certificates, looked up by the e-mail"
            + " addresses in the certificates (subjectAltName rfc822Name or the subject emailAddress).")
    private String recipientCertificateDir;
    @UriParam(label = "encrypt", description = "Keystore resource of recipient certificates, looked up by e-mail address.")
    private String recipientKeyStore;
    @UriParam(label = "encrypt", secret = true, description = "Password of recipientKeyStore.")
    private String recipientKeyStorePassword;
    @UriParam(label = "encrypt", defaultValue = "false",
              description = "Also encrypt to the signer's own certificate so the sender can read its sent mail.")
    private boolean encryptToSelf;
    @UriParam(label = "encrypt", defaultValue = "AES_256_GCM",
              enums = "AES_256_GCM,AES_128_GCM,CHACHA20_POLY1305,AES_256_CBC,AES_192_CBC,AES_128_CBC",
              description = "Content encryption. GCM and ChaCha20-Poly1305 give AuthEnvelopedData (RFC 5083, tamper"
                    + " evident); the CBC ones give EnvelopedData for legacy recipients.")
    private String encryptionAlgorithm = "AES_256_GCM";
    @UriParam(label = "encrypt", defaultValue = "RSA_OAEP_SHA256", enums = "RSA_OAEP_SHA256,RSA_PKCS1",
              description = "Key transport for RSA recipients. EC and X25519 recipients always use ephemeral-static"
                    + " ECDH.")
    private String keyEncryptionAlgorithm = "RSA_OAEP_SHA256";
    @UriParam(label = "encrypt", defaultValue = "false",
              description = "On marshal, compress (CompressedData, zlib) the content before signing and encrypting.")
    private boolean compress;

    // ---- decryption ----
    @UriParam(label = "decrypt", description = "Keystore with the private keys to decrypt with, as Camel"
            + " KeyStoreParameters; every key entry is tried against the message's recipients.")
    private KeyStoreParameters decryptKeyStoreParameters;
    @UriParam(label = "decrypt", description = "Keystore resource (PKCS#12 or JKS) with decryption keys.")
    private String decryptKeyStore;
    @UriParam(label = "decrypt", secret = true, description = "Password of decryptKeyStore.")
    private String decryptKeyStorePassword;
    @UriParam(label = "decrypt", secret = true,
              description = "Password of the key entries in decryptKeyStore; defaults to the keystore password.")
    private String decryptKeyPassword;
    @UriParam(label = "decrypt", description = "PEM resource with the certificate that belongs to decryptPrivateKey.")
    private String decryptCertificate;
    @UriParam(label = "decrypt", description = "PEM resource with a PKCS#8 private key to decrypt with.")
    private String decryptPrivateKey;
    @UriParam(label = "decrypt", secret = true, description = "Password of an encrypted decryptPrivateKey PEM.")
    private String decryptPrivateKeyPassword;

    // ---- verification ----
    @UriParam(label = "verify", description = "Comma-separated PEM or DER resources of trusted CA certificates.")
    private String trustAnchors;
    @UriParam(label = "verify", description = "Truststore with trusted CA certificates, as Camel KeyStoreParameters.")
    private KeyStoreParameters trustStoreParameters;
    @UriParam(label = "verify", description = "Comma-separated PEM or DER resources of intermediate CA certificates"
            + " used for path building in addition to those the message carries (never trusted by themselves).")
    private String intermediateCertificates;
    @UriParam(label = "verify", defaultValue = "false",
              description = "unwrap only: fail with SmimeSignatureException when the content is not signed.")
    private boolean requireSigned;
    @UriParam(label = "verify", defaultValue = "8",
              description = "How many S/MIME layers unwrap opens before it fails with SmimeLimitException.")
    private int maxDepth = 8;
    @UriParam(label = "verify", defaultValue = "536870912",
              description = "Largest inflated size of compressed content, in bytes (compression bomb guard).")
    private long maxInflatedSize = 512L * 1024 * 1024;
    @UriParam(label = "verify", defaultValue = "false",
              description = "On unmarshal, hand the protected content back as a decoded body plus Camel attachments"
                    + " (the first part is the body, the others attachments) instead of one MIME stream.")
    private boolean outputParts;

    public SmimeConfiguration copy() {
        try {
            return (SmimeConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    @Override
    public String toString() {
        // deliberately no field values: several of them are secrets
        return "SmimeConfiguration";
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public String getInputFormat() {
        return inputFormat;
    }

    public void setInputFormat(String inputFormat) {
        this.inputFormat = inputFormat;
    }

    public boolean isReportOnly() {
        return reportOnly;
    }

    public void setReportOnly(boolean reportOnly) {
        this.reportOnly = reportOnly;
    }

    public KeyStoreParameters getSignerKeyStoreParameters() {
        return signerKeyStoreParameters;
    }

    public void setSignerKeyStoreParameters(KeyStoreParameters signerKeyStoreParameters) {
        this.signerKeyStoreParameters = signerKeyStoreParameters;
    }

    public String getSignerKeyStore() {
        return signerKeyStore;
    }

    public void setSignerKeyStore(String signerKeyStore) {
        this.signerKeyStore = signerKeyStore;
    }

    public String getSignerKeyStorePassword() {
        return signerKeyStorePassword;
    }

    public void setSignerKeyStorePassword(String signerKeyStorePassword) {
        this.signerKeyStorePassword = signerKeyStorePassword;
    }

    public String getSignerAlias() {
        return signerAlias;
    }

    public void setSignerAlias(String signerAlias) {
        this.signerAlias = signerAlias;
    }

    public String getSignerKeyPassword() {
        return signerKeyPassword;
    }

    public void setSignerKeyPassword(String signerKeyPassword) {
        this.signerKeyPassword = signerKeyPassword;
    }

    public String getSignerCertificate() {
        return signerCertificate;
    }

    public void setSignerCertificate(String signerCertificate) {
        this.signerCertificate = signerCertificate;
    }

    public String getSignerPrivateKey() {
        return signerPrivateKey;
    }

    public void setSignerPrivateKey(String signerPrivateKey) {
        this.signerPrivateKey = signerPrivateKey;
    }

    public String getSignerPrivateKeyPassword() {
        return signerPrivateKeyPassword;
    }

    public void setSignerPrivateKeyPassword(String signerPrivateKeyPassword) {
        this.signerPrivateKeyPassword = signerPrivateKeyPassword;
    }

    public String getSignatureAlgorithm() {
        return signatureAlgorithm;
    }

    public void setSignatureAlgorithm(String signatureAlgorithm) {
        this.signatureAlgorithm = signatureAlgorithm;
    }

    public boolean isDetached() {
        return detached;
    }

    public void setDetached(boolean detached) {
        this.detached = detached;
    }

    public String getRecipients() {
        return recipients;
    }

    public void setRecipients(String recipients) {
        this.recipients = recipients;
    }

    public String getRecipientCertificates() {
        return recipientCertificates;
    }

    public void setRecipientCertificates(String recipientCertificates) {
        this.recipientCertificates = recipientCertificates;
    }

    public String getRecipientCertificateDir() {
        return recipientCertificateDir;
    }

    public void setRecipientCertificateDir(String recipientCertificateDir) {
        this.recipientCertificateDir = recipientCertificateDir;
    }

    public String getRecipientKeyStore() {
        return recipientKeyStore;
    }

    public void setRecipientKeyStore(String recipientKeyStore) {
        this.recipientKeyStore = recipientKeyStore;
    }

    public String getRecipientKeyStorePassword() {
        return recipientKeyStorePassword;
    }

    public void setRecipientKeyStorePassword(String recipientKeyStorePassword) {
        this.recipientKeyStorePassword = recipientKeyStorePassword;
    }

    public boolean isEncryptToSelf() {
        return encryptToSelf;
    }

    public void setEncryptToSelf(boolean encryptToSelf) {
        this.encryptToSelf = encryptToSelf;
    }

    public String getEncryptionAlgorithm() {
        return encryptionAlgorithm;
    }

    public void setEncryptionAlgorithm(String encryptionAlgorithm) {
        this.encryptionAlgorithm = encryptionAlgorithm;
    }

    public String getKeyEncryptionAlgorithm() {
        return keyEncryptionAlgorithm;
    }

    public void setKeyEncryptionAlgorithm(String keyEncryptionAlgorithm) {
        this.keyEncryptionAlgorithm = keyEncryptionAlgorithm;
    }

    public boolean isCompress() {
        return compress;
    }

    public void setCompress(boolean compress) {
        this.compress = compress;
    }

    public KeyStoreParameters getDecryptKeyStoreParameters() {
        return decryptKeyStoreParameters;
    }

    public void setDecryptKeyStoreParameters(KeyStoreParameters decryptKeyStoreParameters) {
        this.decryptKeyStoreParameters = decryptKeyStoreParameters;
    }

    public String getDecryptKeyStore() {
        return decryptKeyStore;
    }

    public void setDecryptKeyStore(String decryptKeyStore) {
        this.decryptKeyStore = decryptKeyStore;
    }

    public String getDecryptKeyStorePassword() {
        return decryptKeyStorePassword;
    }

    public void setDecryptKeyStorePassword(String decryptKeyStorePassword) {
        this.decryptKeyStorePassword = decryptKeyStorePassword;
    }

    public String getDecryptKeyPassword() {
        return decryptKeyPassword;
    }

    public void setDecryptKeyPassword(String decryptKeyPassword) {
        this.decryptKeyPassword = decryptKeyPassword;
    }

    public String getDecryptCertificate() {
        return decryptCertificate;
    }

    public void setDecryptCertificate(String decryptCertificate) {
        this.decryptCertificate = decryptCertificate;
    }

    public String getDecryptPrivateKey() {
        return decryptPrivateKey;
    }

    public void setDecryptPrivateKey(String decryptPrivateKey) {
        this.decryptPrivateKey = decryptPrivateKey;
    }

    public String getDecryptPrivateKeyPassword() {
        return decryptPrivateKeyPassword;
    }

    public void setDecryptPrivateKeyPassword(String decryptPrivateKeyPassword) {
        this.decryptPrivateKeyPassword = decryptPrivateKeyPassword;
    }

    public String getTrustAnchors() {
        return trustAnchors;
    }

    public void setTrustAnchors(String trustAnchors) {
        this.trustAnchors = trustAnchors;
    }

    public KeyStoreParameters getTrustStoreParameters() {
        return trustStoreParameters;
    }

    public void setTrustStoreParameters(KeyStoreParameters trustStoreParameters) {
        this.trustStoreParameters = trustStoreParameters;
    }

    public String getIntermediateCertificates() {
        return intermediateCertificates;
    }

    public void setIntermediateCertificates(String intermediateCertificates) {
        this.intermediateCertificates = intermediateCertificates;
    }

    public boolean isRequireSigned() {
        return requireSigned;
    }

    public void setRequireSigned(boolean requireSigned) {
        this.requireSigned = requireSigned;
    }

    public int getMaxDepth() {
        return maxDepth;
    }

    public void setMaxDepth(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    public long getMaxInflatedSize() {
        return maxInflatedSize;
    }

    public void setMaxInflatedSize(long maxInflatedSize) {
        this.maxInflatedSize = maxInflatedSize;
    }

    public boolean isOutputParts() {
        return outputParts;
    }

    public void setOutputParts(boolean outputParts) {
        this.outputParts = outputParts;
    }
}

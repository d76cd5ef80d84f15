package io.github.camelsmime;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

import io.github.camelsmime.encrypt.ContentEncryption;
import io.github.camelsmime.encrypt.KeyEncryption;
import io.github.camelsmime.keys.RecipientCertificateAccessor;

/** The encryption options (label encrypt): recipients, their certificates and the algorithms. */
@UriParams
public abstract class SmimeEncryptionOptions extends SmimeSigningOptions {

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
    private ContentEncryption encryptionAlgorithm = ContentEncryption.AES_256_GCM;
    @UriParam(label = "encrypt", defaultValue = "RSA_OAEP_SHA256", enums = "RSA_OAEP_SHA256,RSA_PKCS1",
              description = "Key transport for RSA recipients. EC and X25519 recipients always use ephemeral-static"
                    + " ECDH.")
    private KeyEncryption keyEncryptionAlgorithm = KeyEncryption.RSA_OAEP_SHA256;
    @UriParam(label = "encrypt", defaultValue = "false",
              description = "On marshal, compress (CompressedData, zlib) the content before signing and encrypting.")
    private boolean compress;
    @UriParam(label = "encrypt",
              description = "A bean (io.github.camelsmime.keys.RecipientCertificateAccessor) that finds the"
                    + " certificates of an e-mail address, instead of recipientCertificateDir and recipientKeyStore:"
                    + " #bean:name or #class:fully.qualified.Name. Only certificates usable now for e-mail encryption"
                    + " are used.")
    private RecipientCertificateAccessor recipientCertificateAccessor;

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

    public ContentEncryption getEncryptionAlgorithm() {
        return encryptionAlgorithm;
    }

    public void setEncryptionAlgorithm(ContentEncryption encryptionAlgorithm) {
        this.encryptionAlgorithm = encryptionAlgorithm;
    }

    public KeyEncryption getKeyEncryptionAlgorithm() {
        return keyEncryptionAlgorithm;
    }

    public void setKeyEncryptionAlgorithm(KeyEncryption keyEncryptionAlgorithm) {
        this.keyEncryptionAlgorithm = keyEncryptionAlgorithm;
    }

    public boolean isCompress() {
        return compress;
    }

    public void setCompress(boolean compress) {
        this.compress = compress;
    }

    public RecipientCertificateAccessor getRecipientCertificateAccessor() {
        return recipientCertificateAccessor;
    }

    public void setRecipientCertificateAccessor(RecipientCertificateAccessor recipientCertificateAccessor) {
        this.recipientCertificateAccessor = recipientCertificateAccessor;
    }
}

package io.github.camelsmime;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.KeyStoreParameters;

import io.github.camelsmime.keys.DecryptionKeyAccessor;

/** The decryption options (label decrypt): the recipient's private keys and what ciphertext is accepted. */
@UriParams
public abstract class SmimeDecryptionOptions extends SmimeEncryptionOptions {

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
    @UriParam(label = "decrypt", defaultValue = "false",
              description = "Accept EnvelopedData (CBC encryption, no integrity protection) whose content is not"
                    + " signed by a trusted signer inside the encryption. Off by default because unauthenticated"
                    + " ciphertext can be modified undetected (EFAIL malleability gadgets) and its errors can serve"
                    + " as a padding oracle; when off, every failure inside such content reads \"Decryption failed\"."
                    + " AuthEnvelopedData (AES-GCM, ChaCha20-Poly1305) is always accepted after its tag verifies.")
    private boolean allowUnauthenticatedEncryption;
    @UriParam(label = "decrypt",
              description = "A bean (io.github.camelsmime.keys.DecryptionKeyAccessor) that finds the private key for"
                    + " each recipient identifier of an encrypted message, instead of decryptKeyStore,"
                    + " decryptKeyStoreParameters or decryptPrivateKey: #bean:name or #class:fully.qualified.Name.")
    private DecryptionKeyAccessor decryptionKeyAccessor;

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

    public boolean isAllowUnauthenticatedEncryption() {
        return allowUnauthenticatedEncryption;
    }

    public void setAllowUnauthenticatedEncryption(boolean allowUnauthenticatedEncryption) {
        this.allowUnauthenticatedEncryption = allowUnauthenticatedEncryption;
    }

    public DecryptionKeyAccessor getDecryptionKeyAccessor() {
        return decryptionKeyAccessor;
    }

    public void setDecryptionKeyAccessor(DecryptionKeyAccessor decryptionKeyAccessor) {
        this.decryptionKeyAccessor = decryptionKeyAccessor;
    }
}

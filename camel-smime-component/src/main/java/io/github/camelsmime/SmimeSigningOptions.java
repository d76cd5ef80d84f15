package io.github.camelsmime;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.KeyStoreParameters;

import io.github.camelsmime.keys.SignerKeyAccessor;
import io.github.camelsmime.mime.MessageAssembler;

/**
 * The root of the option classes: the options every operation reads (label common) and the signer's key material
 * and signature settings (label sign). The options are split over a chain of {@code @UriParams} classes, one group
 * each, ending in {@link SmimeConfiguration}, because Camel's generator binds the options of superclasses but only
 * one level of nested {@code @UriParams} fields.
 */
@UriParams
public abstract class SmimeSigningOptions implements Cloneable {

    @UriParam(label = "common", defaultValue = "auto",
              description = "Which JCA provider does the cryptography: auto (the fastest correct provider per primitive:"
                    + " Amazon Corretto Crypto Provider when present, else the JDK for digests, AES and RSA and Bouncy"
                    + " Castle for EC and EdDSA), or the name of one provider to use for everything (for example BC,"
                    + " SunRsaSign, SunPKCS11-hsm, AmazonCorrettoCryptoProvider) for FIPS or HSM set-ups.")
    private String provider = "auto";
    @UriParam(label = "common", defaultValue = "auto", enums = "auto,mime,raw",
              description = "How the body is read on marshal: mime (a complete RFC 5322 message or a MIME entity), raw"
                    + " (any payload, wrapped as one MIME part whose type comes from the Content-Type header or the"
                    + " CamelFileName extension) or auto: a declared Content-Type other than message/rfc822 or"
                    + " multipart/* means raw; without one, mime when the body starts with a valid header block.")
    private MessageAssembler.Format inputFormat = MessageAssembler.Format.AUTO;
    @UriParam(label = "common", defaultValue = "false",
              description = "Do not throw when verification, trust or decryption fails: set CamelSmimeFailureReason and"
                    + " CamelSmimeFailureMessage and leave the original message as the body.")
    private boolean reportOnly;
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
    @UriParam(label = "sign",
              description = "A bean (io.github.camelsmime.keys.SignerKeyAccessor) that gives the signer key and chain"
                    + " for each message's From address, instead of signerKeyStore, signerKeyStoreParameters or"
                    + " signerPrivateKey: #bean:name or #class:fully.qualified.Name.")
    private SignerKeyAccessor signerKeyAccessor;

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public MessageAssembler.Format getInputFormat() {
        return inputFormat;
    }

    public void setInputFormat(MessageAssembler.Format inputFormat) {
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

    public SignerKeyAccessor getSignerKeyAccessor() {
        return signerKeyAccessor;
    }

    public void setSignerKeyAccessor(SignerKeyAccessor signerKeyAccessor) {
        this.signerKeyAccessor = signerKeyAccessor;
    }
}

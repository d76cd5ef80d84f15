package io.github.camelsmime;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Configurer;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.KeyStoreParameters;

import io.github.camelsmime.encrypt.ContentEncryption;
import io.github.camelsmime.encrypt.KeyEncryption;
import io.github.camelsmime.keys.DecryptionKeyAccessor;
import io.github.camelsmime.keys.RecipientCertificateAccessor;
import io.github.camelsmime.keys.SignerKeyAccessor;
import io.github.camelsmime.mime.MessageAssembler;
import io.github.camelsmime.mime.MimeLimits;
import io.github.camelsmime.trust.SenderBinding;
import io.github.camelsmime.verify.SignatureVerifier;

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
                    + " CamelFileName extension) or auto: a declared Content-Type other than message/rfc822 or"
                    + " multipart/* means raw; without one, mime when the body starts with a valid header block.")
    private MessageAssembler.Format inputFormat = MessageAssembler.Format.AUTO;
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
    private ContentEncryption encryptionAlgorithm = ContentEncryption.AES_256_GCM;
    @UriParam(label = "encrypt", defaultValue = "RSA_OAEP_SHA256", enums = "RSA_OAEP_SHA256,RSA_PKCS1",
              description = "Key transport for RSA recipients. EC and X25519 recipients always use ephemeral-static"
                    + " ECDH.")
    private KeyEncryption keyEncryptionAlgorithm = KeyEncryption.RSA_OAEP_SHA256;
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

    @UriParam(label = "decrypt", defaultValue = "false",
              description = "Accept EnvelopedData (CBC encryption, no integrity protection) whose content is not"
                    + " signed by a trusted signer inside the encryption. Off by default because unauthenticated"
                    + " ciphertext can be modified undetected (EFAIL malleability gadgets) and its errors can serve"
                    + " as a padding oracle; when off, every failure inside such content reads \"Decryption failed\"."
                    + " AuthEnvelopedData (AES-GCM, ChaCha20-Poly1305) is always accepted after its tag verifies.")
    private boolean allowUnauthenticatedEncryption;

    // ---- trust (certificate policy) and the opened result (verify); limits ----
    @UriParam(label = "trust", description = "Comma-separated PEM or DER resources of trusted CA certificates.")
    private String trustAnchors;
    @UriParam(label = "trust", description = "Truststore with trusted CA certificates, as Camel KeyStoreParameters.")
    private KeyStoreParameters trustStoreParameters;
    @UriParam(label = "trust", description = "Comma-separated PEM or DER resources of intermediate CA certificates"
            + " used for path building in addition to those the message carries (never trusted by themselves).")
    private String intermediateCertificates;
    @UriParam(label = "trust",
              description = "Validate certificates at this fixed time instead of now: an ISO-8601 instant such as"
                    + " 2006-09-01T10:00:00Z, or seconds since the epoch. For a trusted time source, or to check an"
                    + " archived message as of its arrival. The signer's own signingTime attribute is never used: the"
                    + " signer chooses it.")
    private String validationTime;
    @UriParam(label = "trust", defaultValue = "false",
              description = "Accept SHA-1 in message signatures and in the signatures of the certificate path."
                    + " MD5 and MD2 are never accepted.")
    private boolean allowSha1;
    @UriParam(label = "trust", defaultValue = "false", description = "Accept DSA keys and DSA signatures.")
    private boolean allowDsa;
    @UriParam(label = "trust", defaultValue = "2048",
              description = "Smallest RSA key, in bits, accepted for the signer, the certificates of its path and the"
                    + " trust anchor. The JDK's own jdk.certpath.disabledAlgorithms still refuses keys under 1024 bits.")
    private int minimumRsaKeySize = 2048;
    @UriParam(label = "trust", defaultValue = "from", enums = "from,fromOrSender,off",
              description = "What a signer must prove about the message's sender (RFC 8550 section 3): from (every"
                    + " From address must be an e-mail address of a signer certificate; the address, not the display"
                    + " name, compared case-insensitively; several From fields fail), fromOrSender (a matching Sender"
                    + " is enough, as RFC 8550 allows; the Sender is then the identity reported), or off. A message"
                    + " without From (a bare MIME entity) cannot be bound: its verdict says sender not checked.")
    private SenderBinding.Mode senderBinding = SenderBinding.Mode.FROM;
    @UriParam(label = "trust",
              description = "Comma-separated CRL files (DER or PEM) or folders of CRL files. When set, every"
                    + " certificate of the signer's path is checked against them (CRLs whose signature does not"
                    + " verify with the issuer's key are ignored).")
    private String crlFiles;
    @UriParam(label = "trust", defaultValue = "false",
              description = "Fetch CRLs from the http(s) cRLDistributionPoints of the certificates. Off by default:"
                    + " the URLs come from certificates, and no network request is made unless switched on.")
    private boolean enableCrlDistributionPoints;
    @UriParam(label = "trust", defaultValue = "false",
              description = "Ask the http(s) OCSP responders named in the certificates' authorityInfoAccess. Off by"
                    + " default, for the same reason as enableCrlDistributionPoints.")
    private boolean enableOcsp;
    @UriParam(label = "trust", defaultValue = "5000",
              description = "Deadline of one CRL download or OCSP request, in milliseconds (connect and read).")
    private int revocationTimeoutMillis = 5000;
    @UriParam(label = "trust", defaultValue = "3600",
              description = "How long a fetched CRL or OCSP answer is reused at most, in seconds (never past its"
                    + " nextUpdate). A failed fetch is remembered for one minute.")
    private int revocationCacheSeconds = 3600;
    @UriParam(label = "trust", defaultValue = "false",
              description = "Fail (check revocation-unknown) when revocation checking is configured but no source can"
                    + " say whether a certificate of the path is revoked. By default such a certificate passes and the"
                    + " signer's revocation status reads unknown.")
    private boolean requireRevocationStatus;
    @UriParam(label = "verify",
              description = "The authserv-id of the Authentication-Results header value (RFC 8601). Default: this"
                    + " host's name, or camel-smime when it is unknown.")
    private String authservId;
    @UriParam(label = "verify", defaultValue = "false",
              description = "Write the Authentication-Results header field (the CamelSmimeAuthenticationResults"
                    + " value) at the top of the opened message. Incoming Authentication-Results fields that claim an"
                    + " smime result are removed from the opened message either way.")
    private boolean addAuthenticationResults;
    @UriParam(label = "verify", defaultValue = "true",
              description = "Fail with SmimeSignatureException (check not-signed) unless the content is covered by a"
                    + " valid, trusted signature (fail closed). The default true holds for unwrap and the data"
                    + " format's unmarshal; decrypt only decrypts unless requireSigned=true is set on it; verify always"
                    + " requires a signature. requireSigned=false or reportOnly=true are the explicit ways to let"
                    + " unsigned content through unwrap.")
    private Boolean requireSigned;
    @UriParam(label = "limits", defaultValue = "8",
              description = "How many S/MIME layers unwrap opens before it fails with SmimeLimitException.")
    private int maxDepth = 8;
    @UriParam(label = "limits", defaultValue = "536870912",
              description = "Largest inflated size of compressed content, in bytes (compression bomb guard).")
    private long maxInflatedSize = 512L * 1024 * 1024;
    @UriParam(label = "verify", defaultValue = "false",
              description = "On unmarshal, hand the protected content back as a decoded body plus Camel attachments"
                    + " (the first part is the body, the others attachments) instead of one MIME stream.")
    private boolean outputParts;

    // ---- limits on hostile input (each ends in SmimeLimitException, the original kept) ----
    @UriParam(label = "common", defaultValue = "1000",
              description = "Most MIME body parts a message may have, all multiparts of all layers counted; checked"
                    + " while reading, before the message is parsed.")
    private int maxParts = MimeLimits.DEFAULT_MAX_PARTS;
    @UriParam(label = "common", defaultValue = "262144",
              description = "Largest header block (of the message or of one part) in bytes; checked while reading.")
    private int maxHeaderSize = MimeLimits.DEFAULT_MAX_HEADER_SIZE;
    @UriParam(label = "verify", defaultValue = "100",
              description = "Most certificates a SignedData may carry, and most candidate issuers one certification"
                    + " path search verifies.")
    private int maxCertificates = SignatureVerifier.DEFAULT_MAX_CERTIFICATES;

    public int getMaxParts() {
        return maxParts;
    }

    public void setMaxParts(int maxParts) {
        this.maxParts = maxParts;
    }

    public int getMaxHeaderSize() {
        return maxHeaderSize;
    }

    public void setMaxHeaderSize(int maxHeaderSize) {
        this.maxHeaderSize = maxHeaderSize;
    }

    public int getMaxCertificates() {
        return maxCertificates;
    }

    public void setMaxCertificates(int maxCertificates) {
        this.maxCertificates = maxCertificates;
    }

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

    public Boolean getRequireSigned() {
        return requireSigned;
    }

    /** Whether {@code operation} insists on a signature: as configured, else only unwrap and verify do. */
    public boolean requiresSignature(SmimeOperation operation) {
        if (operation == SmimeOperation.verify) {
            return true;
        }
        return requireSigned != null ? requireSigned : operation == SmimeOperation.unwrap;
    }

    public void setRequireSigned(Boolean requireSigned) {
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

    public String getValidationTime() {
        return validationTime;
    }

    public void setValidationTime(String validationTime) {
        this.validationTime = validationTime;
    }

    public boolean isAllowSha1() {
        return allowSha1;
    }

    public void setAllowSha1(boolean allowSha1) {
        this.allowSha1 = allowSha1;
    }

    public boolean isAllowDsa() {
        return allowDsa;
    }

    public void setAllowDsa(boolean allowDsa) {
        this.allowDsa = allowDsa;
    }

    public int getMinimumRsaKeySize() {
        return minimumRsaKeySize;
    }

    public void setMinimumRsaKeySize(int minimumRsaKeySize) {
        this.minimumRsaKeySize = minimumRsaKeySize;
    }

    public SenderBinding.Mode getSenderBinding() {
        return senderBinding;
    }

    public void setSenderBinding(SenderBinding.Mode senderBinding) {
        this.senderBinding = senderBinding;
    }

    public String getCrlFiles() {
        return crlFiles;
    }

    public void setCrlFiles(String crlFiles) {
        this.crlFiles = crlFiles;
    }

    public boolean isEnableCrlDistributionPoints() {
        return enableCrlDistributionPoints;
    }

    public void setEnableCrlDistributionPoints(boolean enableCrlDistributionPoints) {
        this.enableCrlDistributionPoints = enableCrlDistributionPoints;
    }

    public boolean isEnableOcsp() {
        return enableOcsp;
    }

    public void setEnableOcsp(boolean enableOcsp) {
        this.enableOcsp = enableOcsp;
    }

    public int getRevocationTimeoutMillis() {
        return revocationTimeoutMillis;
    }

    public void setRevocationTimeoutMillis(int revocationTimeoutMillis) {
        this.revocationTimeoutMillis = revocationTimeoutMillis;
    }

    public int getRevocationCacheSeconds() {
        return revocationCacheSeconds;
    }

    public void setRevocationCacheSeconds(int revocationCacheSeconds) {
        this.revocationCacheSeconds = revocationCacheSeconds;
    }

    public boolean isRequireRevocationStatus() {
        return requireRevocationStatus;
    }

    public void setRequireRevocationStatus(boolean requireRevocationStatus) {
        this.requireRevocationStatus = requireRevocationStatus;
    }

    public String getAuthservId() {
        return authservId;
    }

    public void setAuthservId(String authservId) {
        this.authservId = authservId;
    }

    public boolean isAddAuthenticationResults() {
        return addAuthenticationResults;
    }

    public void setAddAuthenticationResults(boolean addAuthenticationResults) {
        this.addAuthenticationResults = addAuthenticationResults;
    }

    public boolean isAllowUnauthenticatedEncryption() {
        return allowUnauthenticatedEncryption;
    }

    public void setAllowUnauthenticatedEncryption(boolean allowUnauthenticatedEncryption) {
        this.allowUnauthenticatedEncryption = allowUnauthenticatedEncryption;
    }

    // ---- key accessors (registry beans); one block, so that the option groups can take it whole ----
    @UriParam(label = "sign",
              description = "A bean (io.github.camelsmime.keys.SignerKeyAccessor) that gives the signer key and chain"
                    + " for each message's From address, instead of signerKeyStore, signerKeyStoreParameters or"
                    + " signerPrivateKey: #bean:name or #class:fully.qualified.Name.")
    private SignerKeyAccessor signerKeyAccessor;
    @UriParam(label = "decrypt",
              description = "A bean (io.github.camelsmime.keys.DecryptionKeyAccessor) that finds the private key for"
                    + " each recipient identifier of an encrypted message, instead of decryptKeyStore,"
                    + " decryptKeyStoreParameters or decryptPrivateKey: #bean:name or #class:fully.qualified.Name.")
    private DecryptionKeyAccessor decryptionKeyAccessor;
    @UriParam(label = "encrypt",
              description = "A bean (io.github.camelsmime.keys.RecipientCertificateAccessor) that finds the"
                    + " certificates of an e-mail address, instead of recipientCertificateDir and recipientKeyStore:"
                    + " #bean:name or #class:fully.qualified.Name. Only certificates usable now for e-mail encryption"
                    + " are used.")
    private RecipientCertificateAccessor recipientCertificateAccessor;

    public SignerKeyAccessor getSignerKeyAccessor() {
        return signerKeyAccessor;
    }

    public void setSignerKeyAccessor(SignerKeyAccessor signerKeyAccessor) {
        this.signerKeyAccessor = signerKeyAccessor;
    }

    public DecryptionKeyAccessor getDecryptionKeyAccessor() {
        return decryptionKeyAccessor;
    }

    public void setDecryptionKeyAccessor(DecryptionKeyAccessor decryptionKeyAccessor) {
        this.decryptionKeyAccessor = decryptionKeyAccessor;
    }

    public RecipientCertificateAccessor getRecipientCertificateAccessor() {
        return recipientCertificateAccessor;
    }

    public void setRecipientCertificateAccessor(RecipientCertificateAccessor recipientCertificateAccessor) {
        this.recipientCertificateAccessor = recipientCertificateAccessor;
    }
}

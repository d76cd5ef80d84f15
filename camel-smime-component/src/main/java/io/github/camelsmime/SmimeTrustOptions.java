package io.github.camelsmime;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.KeyStoreParameters;

import io.github.camelsmime.trust.SenderBinding;

/**
 * The certificate policy (label trust: anchors, algorithms, sender binding, revocation) and what the opened result
 * carries (label verify).
 */
@UriParams
public abstract class SmimeTrustOptions extends SmimeDecryptionOptions {

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
    @UriParam(label = "verify", defaultValue = "false",
              description = "On unmarshal, hand the protected content back as a decoded body plus Camel attachments"
                    + " (the first part is the body, the others attachments) instead of one MIME stream.")
    private boolean outputParts;

    /** Whether {@code operation} insists on a signature: as configured, else only unwrap and verify do. */
    public boolean requiresSignature(SmimeOperation operation) {
        if (operation == SmimeOperation.verify) {
            return true;
        }
        return requireSigned != null ? requireSigned : operation == SmimeOperation.unwrap;
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

    public Boolean getRequireSigned() {
        return requireSigned;
    }

    public void setRequireSigned(Boolean requireSigned) {
        this.requireSigned = requireSigned;
    }

    public boolean isOutputParts() {
        return outputParts;
    }

    public void setOutputParts(boolean outputParts) {
        this.outputParts = outputParts;
    }
}

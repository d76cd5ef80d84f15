package io.github.camelsmime.encrypt;

/**
 * How the content-encryption key reaches an RSA recipient. EC and X25519 recipients always use ephemeral-static
 * ECDH (RFC 5753 / RFC 8418) whatever is chosen here.
 */
public enum KeyEncryption {
    /** RSAES-OAEP with SHA-256 and MGF1-SHA-256 (RFC 8017, RFC 4055). */
    RSA_OAEP_SHA256,
    /** RSA PKCS#1 v1.5 key transport, for recipients that cannot do OAEP. */
    RSA_PKCS1
}

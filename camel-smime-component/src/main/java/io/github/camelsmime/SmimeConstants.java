package io.github.camelsmime;

import org.apache.camel.spi.Metadata;

/**
 * Every exchange header the component reads or writes. Headers starting with {@code CamelSmime}, and
 * {@code Authentication-Results} headers that claim an smime result, that arrive on an incoming message are removed
 * before an unmarshal operation, so a sender cannot forge a verdict.
 */
public final class SmimeConstants {

    public static final String HEADER_PREFIX = "CamelSmime";

    @Metadata(label = "producer", description = "Whether the protected content is covered by at least one signature"
            + " that lies inside every encryption layer (a signature over ciphertext alone does not count).",
              javaType = "Boolean")
    public static final String SIGNED = "CamelSmimeSigned";
    @Metadata(label = "producer", description = "Whether every signature of every signed layer verified (fail closed:"
            + " one bad signer makes it false). Absent when the message is not signed.", javaType = "Boolean")
    public static final String SIGNATURE_VALID = "CamelSmimeSignatureValid";
    @Metadata(label = "producer", description = "Whether the signers are trusted: there is at least one, every signature"
            + " verifies, every signer chains to a configured trust anchor and passed the certificate policy (validity,"
            + " key usage, revocation, algorithm strength), and the sender binding did not fail. Together with"
            + " CamelSmimeSigned it means signed and trusted.", javaType = "Boolean")
    public static final String TRUSTED = "CamelSmimeTrusted";
    @Metadata(label = "producer", description = "The signers of every signed layer, outermost layer first: subject,"
            + " e-mail addresses, issuer, serial, signing time, digest and signature algorithms, math and trust result.",
              javaType = "java.util.List<io.github.camelsmime.verify.SignerResult>")
    public static final String SIGNERS = "CamelSmimeSigners";
    @Metadata(label = "producer", description = "Whether the message was encrypted (EnvelopedData or AuthEnvelopedData).",
              javaType = "Boolean")
    public static final String ENCRYPTED = "CamelSmimeEncrypted";
    @Metadata(label = "producer", description = "Content encryption algorithm of the innermost encryption layer, for"
            + " example AES-256-GCM or AES-128-CBC.", javaType = "String")
    public static final String CONTENT_ENCRYPTION_ALGORITHM = "CamelSmimeContentEncryptionAlgorithm";
    @Metadata(label = "producer", description = "Whether a CompressedData layer was opened.", javaType = "Boolean")
    public static final String COMPRESSED = "CamelSmimeCompressed";
    @Metadata(label = "producer", description = "The S/MIME layers found, outermost first, comma separated, for example"
            + " encrypted,signed.", javaType = "String")
    public static final String LAYERS = "CamelSmimeLayers";
    @Metadata(label = "producer", description = "The complete verdict object (signers, layers, algorithms, failures); the"
            + " other headers are views of it.", javaType = "io.github.camelsmime.unwrap.Verdict")
    public static final String VERDICT = "CamelSmimeVerdict";
    @Metadata(label = "producer", description = "With reportOnly=true: the reason a check failed (a short code such as"
            + " signature-invalid, untrusted, decryption-failed, malformed, limit-exceeded).", javaType = "String")
    public static final String FAILURE_REASON = "CamelSmimeFailureReason";
    @Metadata(label = "producer", description = "With reportOnly=true: the human readable failure message.",
              javaType = "String")
    public static final String FAILURE_MESSAGE = "CamelSmimeFailureMessage";
    @Metadata(label = "producer", description = "With reportOnly=true: the code of the check that failed first, finer"
            + " than the reason: signature, not-signed, partially-signed, path, expired, not-yet-valid, revoked,"
            + " key-usage, ext-key-usage, weak-algorithm, revocation-unknown, sender-mismatch, decryption,"
            + " not-encrypted, malformed, limit-exceeded.", javaType = "String")
    public static final String FAILURE_CHECK = "CamelSmimeFailureCheck";
    @Metadata(label = "producer", description = "The sender binding: pass (the From address, or with"
            + " senderBinding=fromOrSender the Sender, is an address of a signer), fail, none (the message has no From:"
            + " the sender was not checked) or off.", javaType = "String")
    public static final String SENDER_CHECK = "CamelSmimeSenderCheck";
    @Metadata(label = "producer", description = "The address the sender binding proved (pass) or could not prove (fail).",
              javaType = "String")
    public static final String SENDER = "CamelSmimeSender";
    @Metadata(label = "producer", description = "True when the message root is not signed but a part inside it is"
            + " (CamelSmimeSigned is then false). Never a signed message.", javaType = "Boolean")
    public static final String PARTIALLY_SIGNED = "CamelSmimePartiallySigned";
    @Metadata(label = "producer", description = "The signed parts inside an unsigned root: IMAP-style part numbers with"
            + " the Content-ID when there is one, comma separated, for example 2 <sig@example.com>.",
              javaType = "String")
    public static final String SIGNED_PARTS = "CamelSmimeSignedParts";
    @Metadata(label = "producer", description = "The encrypted parts inside a root that is not itself encrypted (for"
            + " example an EFAIL-style multipart/alternative); they are not decrypted into the message.",
              javaType = "String")
    public static final String ENCRYPTED_PARTS = "CamelSmimeEncryptedParts";
    @Metadata(label = "producer", description = "The verdict as an Authentication-Results header value (RFC 8601 with"
            + " the smime method of RFC 7281), for example host; smime=pass body.smime-identifier=alice@example.com"
            + " body.smime-serial=1a2b body.smime-issuer=\"CN=CA\". Copy it to an Authentication-Results header, or"
            + " set addAuthenticationResults=true to have it written into the opened message.", javaType = "String")
    public static final String AUTHENTICATION_RESULTS = "CamelSmimeAuthenticationResults";
    @Metadata(label = "producer", description = "With outputParts=true: the file name of the part handed back as the"
            + " body, when it has one.", javaType = "String")
    public static final String FILE_NAME = "CamelSmimeFileName";

    private SmimeConstants() {
    }
}

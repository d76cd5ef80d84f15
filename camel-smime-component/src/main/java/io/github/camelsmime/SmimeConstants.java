package io.github.camelsmime;

import org.apache.camel.spi.Metadata;

/**
 * Every exchange header the component reads or writes. Headers starting with {@code CamelSmime} that arrive on an
 * incoming message are removed before an unmarshal operation, so a sender cannot forge a verdict.
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
    @Metadata(label = "producer", description = "Whether every signer chains to a configured trust anchor and passed the"
            + " certificate policy.", javaType = "Boolean")
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
    @Metadata(label = "producer", description = "With outputParts=true: the file name of the part handed back as the"
            + " body, when it has one.", javaType = "String")
    public static final String FILE_NAME = "CamelSmimeFileName";

    private SmimeConstants() {
    }
}

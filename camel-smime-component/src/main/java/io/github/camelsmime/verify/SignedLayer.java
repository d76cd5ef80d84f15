package io.github.camelsmime.verify;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The outcome of checking one signed layer: every signer's math, plus the certificates the message carried (used
 * for path building, never trusted by themselves).
 */
public record SignedLayer(boolean detached, List<SignerResult> signers, List<X509Certificate> messageCertificates) {

    public SignedLayer {
        signers = List.copyOf(signers);
        messageCertificates = List.copyOf(messageCertificates);
    }
}

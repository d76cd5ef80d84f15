package io.github.camelsmime.unwrap;

import java.util.List;

import io.github.camelsmime.SmimeCheck;
import io.github.camelsmime.trust.Finding;
import io.github.camelsmime.trust.TrustValidator;
import io.github.camelsmime.unwrap.LayerTrace.Signer;
import io.github.camelsmime.verify.SignedLayer;
import io.github.camelsmime.verify.SignerResult;

/**
 * The certificate step between verifying a signed layer and recording it in the trace: each signer gets the
 * certificate policy's result (path, validity, key usage, algorithms, revocation). This may do I/O (online
 * revocation), which is why it runs here and not in the verdict policy.
 */
final class SignerTrust {

    private final TrustValidator trust;

    SignerTrust(TrustValidator trust) {
        this.trust = trust;
    }

    List<Signer> check(SignedLayer layer) {
        return layer.signers().stream().map(s -> check(s, layer)).toList();
    }

    private Signer check(SignerResult signer, SignedLayer layer) {
        TrustValidator.Result result = signer.certificate() == null
                ? new TrustValidator.Result(false, List.of(new Finding(SmimeCheck.PATH,
                        "the signer certificate is not in the message")), TrustValidator.REVOCATION_NOT_CHECKED)
                : trust.check(signer.certificate(), signer.digestAlgorithm(), signer.signatureAlgorithm(),
                        layer.messageCertificates());
        return new Signer(signer.withTrust(result.trusted(), result.failure(), result.failedChecks(),
                result.revocation()), result.findings());
    }
}

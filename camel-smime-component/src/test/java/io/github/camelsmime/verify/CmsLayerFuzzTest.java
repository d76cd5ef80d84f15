package io.github.camelsmime.verify;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.camelsmime.FuzzKit;
import io.github.camelsmime.crypto.CmsInput;
import io.github.camelsmime.crypto.CryptoProviders;
import io.github.camelsmime.decrypt.SmimeDecompressor;
import io.github.camelsmime.decrypt.SmimeDecryptor;
import io.github.camelsmime.keys.DecryptionKeys;

/**
 * The CMS parsers on any bytes, called as the layer loop calls them (the encoding bounded by its own size): the
 * SignedData reader, opaque and detached; EnvelopedData and AuthEnvelopedData opening with keys that are recipients
 * of the generated seeds; CompressedData inflating. Each gives a result or a typed {@code SmimeException}; a runtime
 * exception of Bouncy Castle getting through, or wrapped with its bare text, is a finding.
 */
class CmsLayerFuzzTest {

    private static final CryptoProviders PROVIDERS = CryptoProviders.of("auto");
    private static final SignatureVerifier VERIFIER = new SignatureVerifier(PROVIDERS,
            List.of(FuzzKit.caCertificate()));
    private static final SmimeDecryptor DECRYPTOR = new SmimeDecryptor(PROVIDERS);
    private static final SmimeDecompressor DECOMPRESSOR = new SmimeDecompressor(1 << 20);
    private static final DecryptionKeys KEYS = new DecryptionKeys(FuzzKit.decryptionKeys());
    private static final byte[] SHOWN = "Content-Type: text/plain\r\n\r\nHello fuzz\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    static Stream<byte[]> seeds() {
        return FuzzKit.cmsSeeds();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "5m")
    @Timeout(FuzzKit.TIMEOUT_SECONDS)
    void signedData(byte[] cms) throws Exception {
        FuzzKit.expectResultOrTyped(() -> VERIFIER.verifyOpaque(bounded(cms), OutputStream.nullOutputStream()));
        FuzzKit.expectResultOrTyped(() -> VERIFIER.verifyDetached(new ByteArrayInputStream(SHOWN), cms));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "5m")
    @Timeout(FuzzKit.TIMEOUT_SECONDS)
    void envelopedData(byte[] cms) throws Exception {
        FuzzKit.expectResultOrTyped(() -> DECRYPTOR.decrypt(bounded(cms), false, KEYS,
                OutputStream.nullOutputStream(), cms.length));
        FuzzKit.expectResultOrTyped(() -> DECRYPTOR.decrypt(bounded(cms), true, KEYS,
                OutputStream.nullOutputStream(), cms.length));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "5m")
    @Timeout(FuzzKit.TIMEOUT_SECONDS)
    void compressedData(byte[] cms) throws Exception {
        FuzzKit.expectResultOrTyped(() -> {
            DECOMPRESSOR.decompress(bounded(cms), OutputStream.nullOutputStream());
            return null;
        });
    }

    private static InputStream bounded(byte[] cms) {
        return CmsInput.bounded(new ByteArrayInputStream(cms), cms.length);
    }
}

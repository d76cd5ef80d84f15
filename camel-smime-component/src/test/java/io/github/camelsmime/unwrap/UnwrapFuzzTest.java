package io.github.camelsmime.unwrap;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.camelsmime.FuzzKit;
import io.github.camelsmime.SmimeEngine;
import io.github.camelsmime.SmimeOperation;

/**
 * Whole messages through the engine's unwrap, as {@code smime:unwrap} and the data format run it, with keys that
 * decrypt the generated seeds and a CA that signed their signer: decryption, decompression, verification, trust and
 * the embedded-part scan are all reached. Every input must end in a verdict (report-only, so the verdict is built
 * even when it fails) whose content can be read back, or in a typed {@code SmimeException}.
 */
class UnwrapFuzzTest {

    private static final SmimeEngine ENGINE = FuzzKit.openingEngine();

    static Stream<byte[]> unwrap() {
        return FuzzKit.messageSeeds();
    }

    @MethodSource
    @FuzzTest(maxDuration = "5m")
    @Timeout(FuzzKit.TIMEOUT_SECONDS)
    void unwrap(byte[] message) throws Exception {
        FuzzKit.expectResultOrTyped(() -> {
            try (Unwrapper.Opened opened = ENGINE.open(SmimeOperation.unwrap, new ByteArrayInputStream(message))) {
                opened.verdict().firstFailure();
                try (InputStream in = opened.message(ENGINE.authservId() + "; smime=pass")) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                opened.entityPart().getAllHeaderLines();
            }
            return null;
        });
    }
}

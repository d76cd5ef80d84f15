package io.github.camelsmime.large;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Constant memory: a 256 MiB payload goes through {@code smime:sign-encrypt} and {@code smime:unwrap} in a JVM with a
 * 64 MiB heap ({@link LargeMessageMain}) and comes out byte-identical. The 4 GiB variant is
 * {@code src/test/scripts/large-message.sh 4G}. System property {@code camel.smime.largeMessageSize} changes the size
 * (e.g. {@code 16M} for a quick run).
 */
class LargeMessageMemoryTest {

    @Test
    void twoHundredFiftySixMebibytesPassSignEncryptAndUnwrapInSixtyFourMebibytesOfHeap() throws Exception {
        String size = System.getProperty("camel.smime.largeMessageSize", "256M");
        ForkedJvm.Result result = ForkedJvm.run("64m", entry -> true, 600, LargeMessageMain.class, size);
        assertThat(result.output()).as("forked JVM output").contains("RESULT OK");
        assertThat(result.exitCode()).as("exit code; output:\n" + result.output()).isZero();
    }
}

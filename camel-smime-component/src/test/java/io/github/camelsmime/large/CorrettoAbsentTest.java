package io.github.camelsmime.large;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Corretto provider is an optional dependency: with its jar taken off the class path the component still signs,
 * encrypts, decrypts and verifies (a forked JVM runs {@link LargeMessageMain} on a small payload), and with the
 * provider forced onto the JDK's own implementations as well.
 */
class CorrettoAbsentTest {

    private static boolean notCorretto(String entry) {
        return !entry.contains("AmazonCorrettoCryptoProvider");
    }

    @Test
    void componentWorksWithoutTheCorrettoJar() throws Exception {
        assertThat(ForkedJvm.testClassPath()).as("the test class path has the Corretto jar to remove")
                .anyMatch(e -> !notCorretto(e));
        ForkedJvm.Result result = ForkedJvm.run("256m", CorrettoAbsentTest::notCorretto, 300,
                LargeMessageMain.class, "1M");
        assertThat(result.output()).contains("corretto false").contains("RESULT OK");
        assertThat(result.exitCode()).as("exit code; output:\n" + result.output()).isZero();
    }

    @Test
    void providerAccpIsRefusedClearlyWithoutTheJar() throws Exception {
        ForkedJvm.Result result = ForkedJvm.run("256m", CorrettoAbsentTest::notCorretto, 300,
                LargeMessageMain.class, "64K", "ACCP");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("provider ACCP requested but the Amazon Corretto Crypto Provider");
    }

    @Test
    void jdkProvidersWithoutTheJar() throws Exception {
        ForkedJvm.Result result = ForkedJvm.run("256m", CorrettoAbsentTest::notCorretto, 300,
                LargeMessageMain.class, "1M", "JDK");
        assertThat(result.output()).contains("corretto false").contains("RESULT OK");
        assertThat(result.exitCode()).as("exit code; output:\n" + result.output()).isZero();
    }
}

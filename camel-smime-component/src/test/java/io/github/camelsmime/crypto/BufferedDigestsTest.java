package io.github.camelsmime.crypto;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Random;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Block-fed digests equal a plain {@code MessageDigest} over the same bytes: any content size, any write sizes, a
 * calculator reused message after message; and they start no thread.
 */
class BufferedDigestsTest {

    private static final AlgorithmIdentifier SHA256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);

    private static byte[] feed(DigestCalculator calc, byte[] data, Random r) throws Exception {
        OutputStream out = calc.getOutputStream();
        int off = 0;
        while (off < data.length) {
            int n = Math.min(data.length - off, r.nextInt(5) == 0 ? 1 : 1 + r.nextInt(150_000));
            if (n == 1) {
                out.write(data[off]);
            } else {
                out.write(data, off, n);
            }
            off += n;
        }
        out.close();
        return calc.getDigest();
    }

    @Test
    void sameDigestForAnySizeAndWritePattern() throws Exception {
        Random r = new Random(1);
        DigestCalculator calc = new BufferedDigests(new JcaDigestCalculatorProviderBuilder().build()).get(SHA256);
        for (int i = 0; i < 60; i++) {
            byte[] data = new byte[r.nextInt(4) == 0 ? r.nextInt(1000) : r.nextInt(2_000_000)];
            r.nextBytes(data);
            assertThat(feed(calc, data, r)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
        }
    }

    @Test
    void digestingLargeContentStartsNoThread() throws Exception {
        DigestCalculator calc = new BufferedDigests(new JcaDigestCalculatorProviderBuilder().build()).get(SHA256);
        feed(calc, new byte[4 << 20], new Random(2));
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("camel-smime"));
    }
}

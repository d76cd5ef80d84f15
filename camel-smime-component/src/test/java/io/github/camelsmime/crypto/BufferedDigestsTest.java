package io.github.camelsmime.crypto;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Block-fed and offloaded digests equal a plain {@code MessageDigest} over the same bytes: any content size (below and
 * above the offload threshold), any write sizes, a calculator reused message after message, workers that are free,
 * always busy (the caller digests), or absent, and many messages digesting at once on the shared workers.
 */
class BufferedDigestsTest {

    private static final AlgorithmIdentifier SHA256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);

    private static BufferedDigests digests(java.util.concurrent.Executor workers) throws Exception {
        return new BufferedDigests(new JcaDigestCalculatorProviderBuilder().build(), workers);
    }

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

    private static void check(BufferedDigests digests, Random r, int messages) throws Exception {
        DigestCalculator calc = digests.get(SHA256);
        for (int i = 0; i < messages; i++) {
            byte[] data = new byte[r.nextInt(4) == 0 ? r.nextInt(1000) : r.nextInt(2_000_000)];
            r.nextBytes(data);
            assertThat(feed(calc, data, r)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
        }
    }

    @Test
    void sameDigestWithFreeWorkers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            check(digests(pool), new Random(1), 60);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void sameDigestOnTheSharedWorkers() throws Exception {
        check(new BufferedDigests(new JcaDigestCalculatorProviderBuilder().build()), new Random(2), 60);
    }

    @Test
    void sameDigestWhenEveryWorkerIsBusyOrNoneExists() throws Exception {
        check(digests(task -> {
            throw new RejectedExecutionException("busy");
        }), new Random(3), 40);
        check(digests(null), new Random(4), 40);
        // busy now and then: the caller and the workers take turns, in order
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Random flip = new Random(5);
        try {
            check(digests(task -> {
                if (flip.nextBoolean()) {
                    throw new RejectedExecutionException("busy");
                }
                pool.execute(task);
            }), new Random(6), 60);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void manyMessagesAtOnce() throws Exception {
        BufferedDigests shared = new BufferedDigests(new JcaDigestCalculatorProviderBuilder().build());
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int seed = 100 + t;
                done.add(callers.submit(() -> {
                    check(shared, new Random(seed), 15);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            callers.shutdown();
        }
    }
}

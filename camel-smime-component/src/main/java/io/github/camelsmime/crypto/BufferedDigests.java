package io.github.camelsmime.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Digest calculators for signing and verifying that are fed in blocks, and for large content on a second core.
 * <ul>
 * <li>Bouncy Castle's CMS code and our canonicalizers write in pieces of any size; a native provider pays a call per
 * write, so input is gathered into 64 KiB blocks before it reaches {@code MessageDigest.update}.</li>
 * <li>Past {@value #OFFLOAD_AFTER} bytes, full blocks are digested by a pooled worker thread while the caller goes on
 * producing the next ones (canonicalizing, encrypting, base64-encoding, parsing): the digest of a megabyte then costs
 * the message little more than the longer of the two. Blocks are digested in order, one worker at a time per digest;
 * at most {@value #IN_FLIGHT} blocks wait, so memory stays bounded. When no worker is free (other messages use them)
 * the caller digests the block itself, as it would without workers.</li>
 * </ul>
 * The digest value is the same either way: the same bytes reach the same {@code MessageDigest} in the same order.
 */
public final class BufferedDigests implements DigestCalculatorProvider {

    static final int BLOCK = 64 * 1024;
    /** Smaller content is digested by the caller: handing blocks over would cost more than it saves. */
    static final int OFFLOAD_AFTER = 2 * BLOCK;
    static final int IN_FLIGHT = 4;
    /** How long a worker waits for the next block of the content it digests before it returns to the pool. */
    static final long LINGER_NANOS = 200_000;

    /**
     * Workers for large digests: one fewer than the cores (the caller keeps one busy), none on one core. Threads are
     * daemons and go after a minute without work; a direct hand-off queue makes a busy pool refuse work at once.
     */
    private static final Executor WORKERS = workers();

    private final DigestCalculatorProvider delegate;
    private final Executor workers;

    public BufferedDigests(DigestCalculatorProvider delegate) {
        this(delegate, WORKERS);
    }

    /** @param workers where blocks are digested; null: always by the caller */
    BufferedDigests(DigestCalculatorProvider delegate, Executor workers) {
        this.delegate = delegate;
        this.workers = workers;
    }

    @Override
    public DigestCalculator get(AlgorithmIdentifier digestAlgorithmIdentifier) throws OperatorCreationException {
        DigestCalculator calculator = delegate.get(digestAlgorithmIdentifier);
        return new DigestCalculator() {
            private BlockStream stream;

            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return calculator.getAlgorithmIdentifier();
            }

            @Override
            public OutputStream getOutputStream() {
                if (stream == null) {
                    stream = new BlockStream(calculator.getOutputStream(), workers);
                }
                return stream;
            }

            @Override
            public byte[] getDigest() {
                if (stream != null) {
                    try {
                        stream.finish();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return calculator.getDigest();
            }
        };
    }

    private static Executor workers() {
        int count = Runtime.getRuntime().availableProcessors() - 1;
        if (count < 1 || Boolean.getBoolean("camel.smime.singleThreadedDigests")) {
            return null;
        }
        AtomicInteger number = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, count, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "camel-smime-digest-" + number.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        return pool;
    }

    /**
     * Gathers writes into blocks; digests them itself, or past {@link #OFFLOAD_AFTER} bytes hands them to a worker.
     * Reused message after message by a pooled signer: {@link #finish()} leaves it ready for the next.
     */
    static final class BlockStream extends OutputStream {
        private final OutputStream digest;
        private final Executor workers;
        private byte[] block = new byte[BLOCK];
        private int fill;
        private long written;

        /** Blocks handed over and not digested yet; drained in order by one worker (or the caller) at a time. */
        private final ConcurrentLinkedQueue<Block> pending = new ConcurrentLinkedQueue<>();
        /** Empty blocks to fill next. */
        private final ConcurrentLinkedQueue<byte[]> spare = new ConcurrentLinkedQueue<>();
        private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
        private final AtomicBoolean draining = new AtomicBoolean();
        private volatile Throwable failure;
        /** True while the caller is still writing offloaded content: a worker lingers for its next block. */
        private volatile boolean producing;

        private record Block(byte[] bytes, int length) {
        }

        BlockStream(OutputStream digest, Executor workers) {
            this.digest = digest;
            this.workers = workers;
        }

        @Override
        public void write(int b) throws IOException {
            if (fill == BLOCK) {
                pass();
            }
            block[fill++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (fill == BLOCK) {
                    pass();
                }
                int n = Math.min(len, BLOCK - fill);
                System.arraycopy(b, off, block, fill, n);
                fill += n;
                off += n;
                len -= n;
            }
        }

        /** Passes on the gathered block: digested here, or handed to a worker once the content is large. */
        private void pass() throws IOException {
            if (fill == 0) {
                return;
            }
            written += fill;
            if (workers == null || written <= OFFLOAD_AFTER) {
                digest.write(block, 0, fill);
                fill = 0;
                return;
            }
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while digesting", e);
            }
            producing = true;
            pending.add(new Block(block, fill));
            byte[] next = spare.poll();
            block = next != null ? next : new byte[BLOCK];
            fill = 0;
            if (draining.compareAndSet(false, true)) {
                try {
                    workers.execute(() -> drain(true));
                } catch (RejectedExecutionException busy) {
                    // every worker is busy with other messages: this thread digests, keeping the order
                    draining.set(false);
                    drainHere();
                }
            }
            rethrow();
        }

        /**
         * Digests what is pending; gives up the drain right only when nothing is left. On a worker it waits a little
         * for the next block of the same content first: handing each block to a new task would often find the
         * worker not yet back in the pool and fall back to the caller.
         */
        private void drain(boolean onWorker) {
            long idleSince = 0;
            while (true) {
                Block b;
                while ((b = pending.poll()) != null) {
                    try {
                        if (failure == null) {
                            digest.write(b.bytes(), 0, b.length());
                        }
                    } catch (Throwable t) {
                        failure = t;
                    }
                    spare.add(b.bytes());
                    inFlight.release();
                    idleSince = 0;
                }
                if (onWorker && producing) {
                    long now = System.nanoTime();
                    if (idleSince == 0) {
                        idleSince = now;
                    }
                    if (now - idleSince < LINGER_NANOS) {
                        Thread.onSpinWait();
                        continue;
                    }
                }
                draining.set(false);
                // a block added after the queue looked empty but before the flag dropped is taken here
                if (pending.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
            }
        }

        /** The caller drains, after the worker currently draining (if any) has given up the drain right. */
        private void drainHere() {
            while (!pending.isEmpty()) {
                if (draining.compareAndSet(false, true)) {
                    drain(false);
                } else {
                    Thread.onSpinWait();
                }
            }
        }

        private void rethrow() throws IOException {
            Throwable t = failure;
            if (t != null) {
                throw t instanceof IOException io ? io : new IOException("digest failed: " + t, t);
            }
        }

        /** Everything written so far is digested when this returns; the stream can be used again after it. */
        void finish() throws IOException {
            if (written + fill > OFFLOAD_AFTER && workers != null) {
                pass();
                producing = false;
                // all blocks digested once every in-flight permit is back
                inFlight.acquireUninterruptibly(IN_FLIGHT);
                inFlight.release(IN_FLIGHT);
            } else if (fill > 0) {
                digest.write(block, 0, fill);
                fill = 0;
            }
            written = 0;
            Throwable t = failure;
            failure = null;
            if (t != null) {
                throw t instanceof IOException io ? io : new IOException("digest failed: " + t, t);
            }
        }

        @Override
        public void flush() {
            // blocks are passed on when full or at finish(); the digest only needs the bytes before getDigest()
        }

        @Override
        public void close() throws IOException {
            // Bouncy Castle closes the stream before asking for the digest: nothing to release here
        }
    }
}

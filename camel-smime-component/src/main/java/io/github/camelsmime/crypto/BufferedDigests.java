package io.github.camelsmime.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Digest calculators for signing and verifying that are fed in blocks: Bouncy Castle's CMS code and our
 * canonicalizers write in pieces of any size, and a native provider pays a call per write, so input is gathered into
 * 64 KiB blocks before it reaches {@code MessageDigest.update}. The digest value is the same: the same bytes reach the
 * same {@code MessageDigest} in the same order.
 * <p>
 * Digesting on a second core was tried and removed: a library must not own threads outside Camel's lifecycle, and it
 * did not pay off (a JMH benchmark before the removal: 1 MiB digested while the caller base64-encodes, 47 ops/s on a
 * worker vs 52 on the caller, load average 19 on 2 shared cores).
 */
public final class BufferedDigests implements DigestCalculatorProvider {

    static final int BLOCK = 64 * 1024;

    private final DigestCalculatorProvider delegate;

    public BufferedDigests(DigestCalculatorProvider delegate) {
        this.delegate = delegate;
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
                    stream = new BlockStream(calculator.getOutputStream());
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

    /**
     * Gathers writes into one block and passes it on when full. Reused message after message by a pooled signer:
     * {@link #finish()} leaves it ready for the next.
     */
    static final class BlockStream extends OutputStream {
        private final OutputStream digest;
        private final byte[] block = new byte[BLOCK];
        private int fill;

        BlockStream(OutputStream digest) {
            this.digest = digest;
        }

        @Override
        public void write(int b) throws IOException {
            if (fill == BLOCK) {
                finish();
            }
            block[fill++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len >= BLOCK) {
                finish();
                digest.write(b, off, len);
                return;
            }
            while (len > 0) {
                if (fill == BLOCK) {
                    finish();
                }
                int n = Math.min(len, BLOCK - fill);
                System.arraycopy(b, off, block, fill, n);
                fill += n;
                off += n;
                len -= n;
            }
        }

        /** Everything written so far has reached the digest when this returns. */
        void finish() throws IOException {
            if (fill > 0) {
                digest.write(block, 0, fill);
                fill = 0;
            }
        }

        @Override
        public void flush() {
            // blocks are passed on when full or at finish(); the digest only needs the bytes before getDigest()
        }

        @Override
        public void close() {
            // Bouncy Castle closes the stream before asking for the digest: nothing to release here
        }
    }
}

package io.github.camelsmime.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Digest calculators whose input is gathered into 8 KiB blocks before it reaches {@code MessageDigest.update}.
 * Bouncy Castle's S/MIME signer canonicalizes line endings one byte at a time ({@code CRLFOutputStream}), and a
 * native provider pays a call per byte; with blocks the digest runs at full speed. The digest value is unchanged.
 */
public final class BufferedDigests implements DigestCalculatorProvider {

    private static final int BLOCK = 8192;

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
                        stream.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return calculator.getDigest();
            }
        };
    }

    /** Gathers small writes; large writes go straight through. */
    private static final class BlockStream extends OutputStream {
        private final OutputStream out;
        private final byte[] buffer = new byte[BLOCK];
        private int count;

        BlockStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (count == BLOCK) {
                flush();
            }
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len >= BLOCK) {
                flush();
                out.write(b, off, len);
                return;
            }
            if (count + len > BLOCK) {
                flush();
            }
            System.arraycopy(b, off, buffer, count, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            if (count > 0) {
                out.write(buffer, 0, count);
                count = 0;
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}

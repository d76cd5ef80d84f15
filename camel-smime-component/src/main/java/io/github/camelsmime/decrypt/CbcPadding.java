package io.github.camelsmime.decrypt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.Locale;

import javax.crypto.Cipher;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.cms.jcajce.EnvelopedDataHelper;
import org.bouncycastle.jcajce.io.CipherInputStream;
import org.bouncycastle.operator.InputDecryptor;

/**
 * The PKCS#7 padding of one EnvelopedData layer with CBC content, checked by us rather than by the cipher. A cipher
 * with PKCS5Padding throws at the end of the stream when the padding is wrong, before the plaintext reaches the MIME
 * parser, while garbage with a valid padding is parsed first: the time tells the two apart (a padding oracle). So the
 * content is decrypted without padding, the padding checked without an early exit, and invalid padding is not thrown
 * here: the unstripped plaintext goes on like any other, the layer is recorded with {@link #valid()} false, and the
 * verdict policy fails it as a decryption failure once the walk has parsed it.
 */
final class CbcPadding {
    /** Zero while the content is not decrypted by an unpadded CBC cipher (AuthEnvelopedData, other ciphers). */
    private int blockSize;
    private boolean valid = true;

    /**
     * Bouncy Castle's content decryption of {@code content} (its cipher, key and parameters), with the padding left to
     * this object when the cipher is CBC with PKCS#5/#7 padding and the same provider has it without.
     */
    RecipientOperator operator(EnvelopedDataHelper contentHelper, Key key, AlgorithmIdentifier content)
            throws CMSException {
        Cipher padded = contentHelper.createContentCipher(key, content);
        Cipher unpadded = unpadded(padded, key);
        if (unpadded != null) {
            blockSize = unpadded.getBlockSize();
        }
        Cipher cipher = unpadded != null ? unpadded : padded;
        return new RecipientOperator(new InputDecryptor() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return content;
            }

            @Override
            public InputStream getInputStream(InputStream in) {
                return new CipherInputStream(in, cipher);
            }
        });
    }

    /** The same cipher, key and parameters (IV, RC2 key bits) without padding; null when that is not available. */
    private static Cipher unpadded(Cipher padded, Key key) {
        String name = padded.getAlgorithm();
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.endsWith("/CBC/PKCS5PADDING") && !upper.endsWith("/CBC/PKCS7PADDING")) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance(name.substring(0, name.indexOf('/')) + "/CBC/NoPadding",
                    padded.getProvider());
            cipher.init(Cipher.DECRYPT_MODE, key, padded.getParameters());
            return cipher.getBlockSize() > 1 && cipher.getBlockSize() < 256 ? cipher : null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    /** {@code out}, or when the padding is ours a stream that strips a valid padding from what passes to it. */
    OutputStream strip(OutputStream out) {
        return blockSize == 0 ? out : new Stripper(out, blockSize);
    }

    /** False when the padding was ours and invalid (the plaintext was passed on unstripped). */
    boolean valid() {
        return valid;
    }

    /** Holds the last block back; {@link #close()} checks it and writes it on, stripped when the padding is valid. */
    private final class Stripper extends OutputStream {
        private final OutputStream out;
        private final byte[] tail;
        private int held;

        Stripper(OutputStream out, int blockSize) {
            this.out = out;
            this.tail = new byte[blockSize];
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int n = tail.length;
            if (len >= n) {
                out.write(tail, 0, held);
                out.write(b, off, len - n);
                System.arraycopy(b, off + len - n, tail, 0, n);
                held = n;
                return;
            }
            int excess = held + len - n;
            if (excess > 0) {
                out.write(tail, 0, excess);
                System.arraycopy(tail, excess, tail, 0, held - excess);
                held -= excess;
            }
            System.arraycopy(b, off, tail, held, len);
            held += len;
        }

        /** Checks the padding in the same time whatever its value; does not close the stream below. */
        @Override
        public void close() throws IOException {
            int n = tail.length;
            int pad = tail[n - 1] & 0xff;
            int bad = held == n ? 0 : 1;
            bad |= ((pad - 1) >>> 31) | ((n - pad) >>> 31);
            for (int i = 0; i < n; i++) {
                int inPadding = ((i - (n - pad)) >>> 31) ^ 1;
                bad |= inPadding & ((((tail[i] & 0xff) ^ pad) + 0xff) >>> 8);
            }
            valid = bad == 0;
            out.write(tail, 0, valid ? n - pad : held);
        }
    }
}

package io.github.camelsmime.decrypt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Provider;
import java.util.List;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.InputAEADDecryptor;

/**
 * AES-GCM decryption of AuthEnvelopedData content on Corretto's or the JDK's {@code AES/GCM/NoPadding} (native or
 * intrinsic AES and GHASH, ten to fifty times Bouncy Castle's pure-Java GCM). Those providers release nothing before
 * the tag at the end has been checked, so they need the whole ciphertext at once: this decryptor collects it (the
 * layer is known to be at most {@link #bound()} bytes, see {@link #applies}), decrypts it in one call and only then
 * hands out plaintext; a wrong tag gives no plaintext at all. Larger layers stay on Bouncy Castle's streaming GCM.
 * <p>
 * The RFC 5084 parameters are read by Bouncy Castle ({@link GCMParameters}: a 12 to 16-byte ICV), and the tag length
 * is checked again here, so a short tag is refused whichever provider decrypts. Authenticated attributes, which
 * Bouncy Castle's parser passes as AAD only after the ciphertext, are applied before decryption.
 */
final class BufferedGcmDecryptor implements InputAEADDecryptor {

    /** Largest layer decrypted this way: 16 MiB, or a thirty-second of the heap when that is less. */
    static final long MAX_BOUND = 16L << 20;
    static final int MIN_TAG_BYTES = 12;

    private static final Set<ASN1ObjectIdentifier> GCM = Set.of(NISTObjectIdentifiers.id_aes128_GCM,
            NISTObjectIdentifiers.id_aes192_GCM, NISTObjectIdentifiers.id_aes256_GCM);

    private final AlgorithmIdentifier algorithm;
    private final Cipher cipher;
    private final int tagBytes;
    private final long bound;
    private final ByteArrayOutputStream aad = new ByteArrayOutputStream();
    private byte[] mac;

    private BufferedGcmDecryptor(AlgorithmIdentifier algorithm, Cipher cipher, int tagBytes, long bound) {
        this.algorithm = algorithm;
        this.cipher = cipher;
        this.tagBytes = tagBytes;
        this.bound = bound;
    }

    /** The size up to which a layer is decrypted in memory: what it costs is about twice that, for a moment. */
    static long bound() {
        return Math.min(MAX_BOUND, Runtime.getRuntime().maxMemory() / 32);
    }

    /** Whether AES-GCM content in a layer of at most {@code layerSize} encoded bytes is decrypted here. */
    static boolean applies(AlgorithmIdentifier contentAlgorithm, long layerSize) {
        return GCM.contains(contentAlgorithm.getAlgorithm()) && layerSize <= bound();
    }

    /**
     * A decryptor on the first of {@code providers} that accepts the key and parameters, or null when none does
     * (an unusual nonce length, say), so that Bouncy Castle decides as before.
     */
    static BufferedGcmDecryptor create(AlgorithmIdentifier algorithm, Key key, List<Provider> providers,
            long layerSize) {
        // validates the ICV length (12 to 16 bytes) as Bouncy Castle's GCM recipients do
        GCMParameters params = GCMParameters.getInstance(algorithm.getParameters());
        int tagBytes = params.getIcvLen();
        if (tagBytes < MIN_TAG_BYTES) {
            throw new IllegalArgumentException("GCM ICV length " + tagBytes + " below " + MIN_TAG_BYTES + " bytes");
        }
        SecretKeySpec aes = new SecretKeySpec(key.getEncoded(), "AES");
        for (Provider provider : providers) {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
                cipher.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(tagBytes * 8, params.getNonce()));
                return new BufferedGcmDecryptor(algorithm, cipher, tagBytes, layerSize);
            } catch (GeneralSecurityException | RuntimeException e) {
                // this provider cannot: try the next, then Bouncy Castle
            }
        }
        return null;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
    }

    @Override
    public OutputStream getAADStream() {
        return aad;
    }

    @Override
    public byte[] getMAC() {
        if (mac == null) {
            throw new IllegalStateException("input stream not fully processed");
        }
        return mac.clone();
    }

    /** {@code dataIn} is the ciphertext followed by the tag (Bouncy Castle appends the mac field). */
    @Override
    public InputStream getInputStream(InputStream dataIn) {
        return new InputStream() {
            private byte[] plain;
            private int pos;

            private void decrypt() throws IOException {
                if (plain != null) {
                    return;
                }
                // the layer is at most `bound` bytes encoded, so its ciphertext and tag are too
                byte[] data = dataIn.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, bound + 1));
                if (data.length > bound) {
                    throw new IOException("AES-GCM content larger than its layer");
                }
                if (data.length < tagBytes) {
                    throw new IOException("AES-GCM content shorter than its tag");
                }
                mac = java.util.Arrays.copyOfRange(data, data.length - tagBytes, data.length);
                try {
                    if (aad.size() > 0) {
                        cipher.updateAAD(aad.toByteArray());
                    }
                    plain = cipher.doFinal(data);
                } catch (GeneralSecurityException e) {
                    throw new IOException("AES-GCM authentication failed", e);
                }
            }

            @Override
            public int read() throws IOException {
                decrypt();
                return pos < plain.length ? plain[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                decrypt();
                if (pos >= plain.length) {
                    return len == 0 ? 0 : -1;
                }
                int n = Math.min(len, plain.length - pos);
                System.arraycopy(plain, pos, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public long transferTo(OutputStream out) throws IOException {
                decrypt();
                int n = plain.length - pos;
                out.write(plain, pos, n);
                pos = plain.length;
                return n;
            }

            @Override
            public void close() throws IOException {
                dataIn.close();
            }
        };
    }
}

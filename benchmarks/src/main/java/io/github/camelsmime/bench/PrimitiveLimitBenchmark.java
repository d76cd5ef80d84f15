package io.github.camelsmime.bench;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The primitive limit: what the raw JCA primitives under S/MIME cost with each provider, with nothing around them.
 * A message operation can not be faster than the primitives it has to run, so these are the ceilings the component is
 * measured against.
 *
 * <ul>
 *   <li>{@code rsaSign} / {@code rsaVerify}: SHA256withRSA, RSA-2048, over 128 bytes (the size of CMS signed
 *       attributes; the content digest is the SHA-256 row).</li>
 *   <li>{@code ecSign}: SHA256withECDSA, P-256, over 128 bytes.</li>
 *   <li>{@code sha256}: SHA-256 over 1 MiB.</li>
 *   <li>{@code aesGcm}: AES-256-GCM encryption of 1 MiB with a fresh IV each time.</li>
 * </ul>
 * For 1 MiB rows, MB/s = ops/s * 1.048576. {@code provider}: {@code JDK} (SunRsaSign, SunEC, SUN, SunJCE),
 * {@code BC} (Bouncy Castle 1.85, pure Java) or {@code ACCP} (Amazon Corretto Crypto Provider, AWS-LC native). A
 * provider that lacks an algorithm fails that benchmark's setup with "provider X has no ..." in the log and the report
 * shows the row as n/a.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class PrimitiveLimitBenchmark {

    public static final int SIGNED_BYTES = 128;
    public static final int BULK_BYTES = 1024 * 1024;

    @Param({"JDK", "BC", "ACCP"})
    public String provider;

    private BenchPki pki;
    private Signature rsaSigner;
    private Signature rsaVerifier;
    private Signature ecSigner;
    private MessageDigest sha256;
    private Cipher aesGcm;
    private SecretKeySpec aesKey;
    private byte[] iv;
    private long ivCounter;

    private byte[] small;
    private byte[] rsaSignature;
    private byte[] bulk;
    private byte[] bulkOut;

    @Setup(Level.Trial)
    public void setup() throws GeneralSecurityException {
        small = new byte[SIGNED_BYTES];
        new Random(1).nextBytes(small);
        bulk = new byte[BULK_BYTES];
        new Random(2).nextBytes(bulk);
        bulkOut = new byte[BULK_BYTES + 16];

        // the same keys as the message benchmarks (BenchPki); key generation is not measured
        pki = BenchPki.create();
        PrivateKey rsaPrivate = pki.signer(BenchPki.Signer.rsa2048).key();
        PublicKey rsaPublic = pki.signer(BenchPki.Signer.rsa2048).cert().getPublicKey();
        PrivateKey ecPrivate = pki.signer(BenchPki.Signer.ecp256).key();
        byte[] key = new byte[32];
        new Random(3).nextBytes(key);
        aesKey = new SecretKeySpec(key, "AES");
        iv = new byte[12];

        // Each primitive is set up lazily so that a missing algorithm fails only its own benchmark.
        rsaSigner = signature("SHA256withRSA");
        if (rsaSigner != null) {
            rsaSigner.initSign(rsaPrivate);
            rsaSigner.update(small);
            rsaSignature = rsaSigner.sign();
        }
        rsaVerifier = signature("SHA256withRSA");
        if (rsaVerifier != null) {
            rsaVerifier.initVerify(rsaPublic);
            if (rsaSignature != null) {
                rsaVerifier.update(small);
                if (!rsaVerifier.verify(rsaSignature)) {
                    throw new IllegalStateException(provider + ": own RSA signature does not verify");
                }
            }
        }
        ecSigner = signature("SHA256withECDSA");
        if (ecSigner != null) {
            ecSigner.initSign(ecPrivate);
        }
        sha256 = digest("SHA-256");
        aesGcm = cipher("AES/GCM/NoPadding");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pki.close();
    }

    @Benchmark
    public byte[] rsaSign() throws GeneralSecurityException {
        Signature s = need(rsaSigner, "Signature SHA256withRSA");
        s.update(small);
        return s.sign();
    }

    @Benchmark
    public boolean rsaVerify() throws GeneralSecurityException {
        Signature s = need(rsaVerifier, "Signature SHA256withRSA");
        s.update(small);
        if (!s.verify(rsaSignature)) {
            throw new IllegalStateException("RSA signature did not verify");
        }
        return true;
    }

    @Benchmark
    public byte[] ecSign() throws GeneralSecurityException {
        Signature s = need(ecSigner, "Signature SHA256withECDSA");
        s.update(small);
        return s.sign();
    }

    @Benchmark
    public byte[] sha256() {
        MessageDigest d = need(sha256, "MessageDigest SHA-256");
        d.update(bulk);
        return d.digest();
    }

    @Benchmark
    public int aesGcm() throws GeneralSecurityException {
        Cipher c = need(aesGcm, "Cipher AES/GCM/NoPadding");
        // GCM must never reuse an IV with the same key (the JDK refuses it): count
        long n = ++ivCounter;
        for (int i = 0; i < 8; i++) {
            iv[4 + i] = (byte) (n >>> (8 * i));
        }
        c.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(128, iv));
        return c.doFinal(bulk, 0, bulk.length, bulkOut, 0);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The provider object for a {@code provider} parameter value; JDK means: the JDK's own provider for it. */
    static Provider resolve(String name, String type, String algorithm) {
        switch (name) {
            case "BC":
                return Bc.PROVIDER;
            case "ACCP":
                AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
                accp.assertHealthy();
                return accp;
            case "JDK":
                for (String jdk : List.of("SUN", "SunRsaSign", "SunEC", "SunJCE")) {
                    Provider p = Security.getProvider(jdk);
                    if (p != null && p.getService(type, algorithm) != null) {
                        return p;
                    }
                }
                return null;
            default:
                throw new IllegalArgumentException("unknown provider " + name + " (JDK, BC or ACCP)");
        }
    }

    /** Constructed only when the BC rows run. */
    private static final class Bc {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    private Provider providerFor(String type, String algorithm) {
        Provider p = resolve(provider, type, algorithm);
        if (p == null || p.getService(type, algorithm) == null) {
            System.err.println("[primitive-limit] provider " + provider + " has no " + type + " " + algorithm
                    + "; its benchmark is skipped (n/a in the report)");
            return null;
        }
        return p;
    }

    private Signature signature(String algorithm) throws NoSuchAlgorithmException {
        Provider p = providerFor("Signature", algorithm);
        return p == null ? null : Signature.getInstance(algorithm, p);
    }

    private MessageDigest digest(String algorithm) throws NoSuchAlgorithmException {
        Provider p = providerFor("MessageDigest", algorithm);
        return p == null ? null : MessageDigest.getInstance(algorithm, p);
    }

    private Cipher cipher(String transformation) throws GeneralSecurityException {
        Provider p = providerFor("Cipher", "AES/GCM/NoPadding");
        if (p == null) {
            p = providerFor("Cipher", "AES");
        }
        return p == null ? null : Cipher.getInstance(transformation, p);
    }

    private <T> T need(T primitive, String what) {
        if (primitive == null) {
            throw new UnsupportedOperationException("provider " + provider + " has no " + what);
        }
        return primitive;
    }
}

package io.github.camelsmime;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HexFormat;

import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSCompressedDataStreamGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.ZlibCompressor;
import org.junit.jupiter.api.Test;

import io.github.camelsmime.SpoofKit.Signer;

import static io.github.camelsmime.SpoofKit.ENTITY;
import static io.github.camelsmime.SpoofKit.bytes;
import static io.github.camelsmime.SpoofKit.headers;
import static io.github.camelsmime.SpoofKit.pkcs7Entity;
import static io.github.camelsmime.SpoofKit.pki;
import static io.github.camelsmime.SpoofKit.signedData;
import static io.github.camelsmime.SpoofKit.signedEntity;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resource exhaustion: each input ends in a {@link SmimeLimitException}, quickly, without the memory its declared
 * sizes ask for.
 */
class LimitsTest extends SmimeTestSupport {

    private static final String UNWRAP = "smime:unwrap?" + trust() + "&" + decryptor("bob");
    private static final long FAST_MILLIS = 5000;

    private SmimeLimitException limitExceeded(String uri, String message) {
        long start = System.nanoTime();
        Exception e = failure(uri, message);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(e).isInstanceOf(SmimeLimitException.class);
        assertThat(((SmimeException) e).getReason()).isEqualTo("limit-exceeded");
        assertThat(millis).as("took %d ms", millis).isLessThan(FAST_MILLIS);
        return (SmimeLimitException) e;
    }

    private static String message(String smimeType, byte[] cms) {
        return headers("alice@example.com") + pkcs7Entity(smimeType, cms);
    }

    @Test
    void nestingDeeperThanTheConfiguredDepth() {
        String wire = bodyOf(send("smime:compress", bytes(MESSAGE)));
        wire = bodyOf(send("smime:compress", wire));
        wire = bodyOf(send("smime:compress", wire));
        assertThat(send("smime:unwrap?maxDepth=3&requireSigned=false", wire).getMessage().getHeader(SmimeConstants.LAYERS))
                .isEqualTo("compressed,compressed,compressed");
        assertThat(limitExceeded("smime:unwrap?maxDepth=2", wire)).hasMessageContaining("more than 2");
    }

    @Test
    void compressionBomb() throws Exception {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (OutputStream out = new CMSCompressedDataStreamGenerator().open(bomb, new ZlibCompressor())) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        }
        assertThat(bomb.size()).isLessThan(1 << 20);
        assertThat(limitExceeded("smime:unwrap?maxInflatedSize=1048576", message("compressed-data",
                bomb.toByteArray()))).hasMessageContaining("inflates beyond");
    }

    private static final String SIGNED_DATA_OID = "06092a864886f70d010702";
    private static final String ENVELOPED_DATA_OID = "06092a864886f70d010703";
    private static final byte[] FILLER = new byte[200];

    /**
     * Declared ASN.1 lengths of about 2 GiB where a parser loads an element into memory (primitives: INTEGER, OID,
     * OCTET STRING): each is refused against the bytes that can really follow, before anything is allocated.
     */
    @Test
    void oversizedAsn1Lengths() {
        // SignedData.version INTEGER claims 0x7ffffff0 bytes
        byte[] version = concat(hex("3080" + SIGNED_DATA_OID + "a0803080" + "02847ffffff0"), FILLER);
        assertThat(limitExceeded(UNWRAP, message("signed-data", version))).hasMessageContaining("length");
        // the content type OID claims 0x7ffffff0 bytes
        limitExceeded(UNWRAP, message("signed-data", concat(hex("3080" + "06847ffffff0"), FILLER)));
        // EnvelopedData.version
        byte[] enveloped = concat(hex("3080" + ENVELOPED_DATA_OID + "a0803080" + "02847ffffff0"), FILLER);
        limitExceeded("smime:decrypt?" + decryptor("bob"), message("enveloped-data", enveloped));
        // a detached signature part: its version INTEGER claims 0x7ffffff0 bytes
        byte[] signature = concat(hex("3080" + SIGNED_DATA_OID + "a0803080" + "02847ffffff0"), FILLER);
        limitExceeded("smime:verify?" + trust(), headers("alice@example.com") + signedEntity(ENTITY, signature));
    }

    /**
     * A constructed element that lies about its length (here 0x7ffffff0 and 2^31 bytes) is read as a stream, element
     * by element, never allocated: it ends as malformed input, fast.
     */
    @Test
    void lyingConstructedLengthsAreStreamedNotAllocated() {
        byte[] digestSet = concat(hex("3080" + SIGNED_DATA_OID + "a0803080020101" + "31847ffffff0"), FILLER);
        byte[] outer = concat(hex("308480000000" + SIGNED_DATA_OID), FILLER);
        for (byte[] cms : new byte[][] { digestSet, outer }) {
            long start = System.nanoTime();
            Exception e = failure(UNWRAP, message("signed-data", cms));
            assertThat(e).isInstanceOf(SmimeFormatException.class);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(FAST_MILLIS);
        }
    }

    @Test
    void tooManySigners() {
        Signer alice = pki("alice");
        Signer[] signers = new Signer[33];
        Arrays.fill(signers, alice);
        String message = headers("alice@example.com") + signedEntity(ENTITY, signedData(bytes(ENTITY), false,
                alice.chain(), null, signers));
        assertThat(limitExceeded("smime:verify?" + trust(), message)).hasMessageContaining("33 signers");
    }

    @Test
    void tooManyRecipients() throws Exception {
        CMSEnvelopedDataGenerator gen = new CMSEnvelopedDataGenerator();
        for (int i = 0; i < 1025; i++) {
            gen.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(PKI.id("bob").cert())
                    .setProvider(SpoofKit.BC));
        }
        byte[] cms = gen.generate(new CMSProcessableByteArray(bytes(ENTITY)),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_CBC).setProvider(SpoofKit.BC).build())
                .getEncoded();
        assertThat(limitExceeded("smime:decrypt?" + decryptor("bob"), message("enveloped-data", cms)))
                .hasMessageContaining("1025 recipients");
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}

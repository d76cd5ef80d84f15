package io.github.camelsmime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.apache.camel.Exchange;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.junit.jupiter.api.Test;

import static io.github.camelsmime.SpoofKit.BC;
import static io.github.camelsmime.SpoofKit.headers;
import static io.github.camelsmime.SpoofKit.pkcs7Entity;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The padding-oracle attack on unsigned AES-CBC (Vaudenay 2002, as in EFAIL's CBC gadgets): the attacker flips bytes
 * of the second-to-last ciphertext block and watches whether the padding of the last block came out valid. Every
 * modified message, and every other decryption failure, must look the same to the sender: exception type, message,
 * reason, check, and (with reportOnly) the headers.
 */
class PaddingOracleTest extends SmimeTestSupport {

    private static final String DECRYPT = "smime:decrypt?" + decryptor("bob");
    private static final String UNWRAP = "smime:unwrap?" + trust() + "&" + decryptor("bob");
    /** Not a multiple of 16, so the last block carries padding bytes of value PAD. */
    private static final String PLAINTEXT = "Content-Type: text/plain\r\n\r\nThe launch code is 0000-1111-2222.\r\n";
    private static final int PAD = 16 - PLAINTEXT.length() % 16;

    /** One genuine message for all tampering, as the attacker has one intercepted message. */
    private static byte[] intercepted;

    private static synchronized byte[] cbc() throws Exception {
        if (intercepted == null) {
            intercepted = newCbc();
        }
        return intercepted.clone();
    }

    private static byte[] newCbc() throws Exception {
        CMSEnvelopedDataGenerator gen = new CMSEnvelopedDataGenerator();
        gen.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(PKI.id("bob").cert()).setProvider(BC));
        return gen.generate(new CMSProcessableByteArray(bytes(PLAINTEXT)),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_CBC).setProvider(BC).build())
                .getEncoded();
    }

    private static byte[] gcm() throws Exception {
        CMSAuthEnvelopedDataGenerator gen = new CMSAuthEnvelopedDataGenerator();
        gen.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(PKI.id("bob").cert()).setProvider(BC));
        return gen.generate(new CMSProcessableByteArray(bytes(PLAINTEXT)),
                (org.bouncycastle.operator.OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(
                        CMSAlgorithm.AES128_GCM).setProvider(BC).build())
                .getEncoded();
    }

    private interface Tamper {
        void apply(byte[] ciphertext);
    }

    /** The EnvelopedData with its encrypted content changed in place, as a message. */
    private static String tamperedCbc(Tamper tamper) throws Exception {
        ContentInfo ci = ContentInfo.getInstance(ASN1Primitive.fromByteArray(cbc()));
        EnvelopedData ed = EnvelopedData.getInstance(ci.getContent());
        EncryptedContentInfo eci = ed.getEncryptedContentInfo();
        byte[] c = eci.getEncryptedContent().getOctets();
        tamper.apply(c);
        EnvelopedData changed = new EnvelopedData(ed.getOriginatorInfo(), ed.getRecipientInfos(),
                new EncryptedContentInfo(eci.getContentType(), eci.getContentEncryptionAlgorithm(),
                        new DEROctetString(c)), ed.getUnprotectedAttrs());
        return message("enveloped-data", new ContentInfo(ci.getContentType(), changed).getEncoded(ASN1Encoding.DER));
    }

    private static String badTag() throws Exception {
        ContentInfo ci = ContentInfo.getInstance(ASN1Primitive.fromByteArray(gcm()));
        AuthEnvelopedData aed = AuthEnvelopedData.getInstance(ci.getContent());
        byte[] mac = aed.getMac().getOctets();
        mac[0] ^= 1;
        AuthEnvelopedData changed = new AuthEnvelopedData(aed.getOriginatorInfo(), aed.getRecipientInfos(),
                aed.getAuthEncryptedContentInfo(), aed.getAuthAttrs(), new DEROctetString(mac), aed.getUnauthAttrs());
        return message("authEnveloped-data", new ContentInfo(ci.getContentType(), changed)
                .getEncoded(ASN1Encoding.DER));
    }

    private static String message(String smimeType, byte[] cms) {
        return headers("alice@example.com") + pkcs7Entity(smimeType, cms);
    }

    /** What the attacker tries: each decrypts (or not) to something different, and all must read the same. */
    private Map<String, String> attack() throws Exception {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("unmodified unsigned CBC", message("enveloped-data", cbc()));
        // the last plaintext byte becomes 0x01: a valid one-byte padding over garbage
        inputs.put("valid padding", tamperedCbc(c -> c[c.length - 17] ^= (byte) (PAD ^ 0x01)));
        // the last plaintext byte becomes 0x00 or 0x11: invalid padding
        inputs.put("invalid padding (0)", tamperedCbc(c -> c[c.length - 17] ^= (byte) PAD));
        inputs.put("invalid padding (17)", tamperedCbc(c -> c[c.length - 17] ^= (byte) (PAD ^ 0x11)));
        // the first block garbled: the header block decrypts to junk, padding intact
        inputs.put("garbled first block", tamperedCbc(c -> c[0] ^= (byte) 0xff));
        // the second block garbled: the first header line becomes junk, the rest stays a header block
        inputs.put("garbled second block", tamperedCbc(c -> c[3] ^= (byte) 0x20));
        inputs.put("bad GCM tag", badTag());
        return inputs;
    }

    /**
     * The attack proper: the last ciphertext block behind a forged block whose last byte takes all 256 values; for
     * about one of them the padding comes out valid (the byte the attacker learns), for the others it does not.
     */
    private static Map<String, String> lastByteGuesses() throws Exception {
        Map<String, String> inputs = new LinkedHashMap<>();
        for (int guess = 0; guess < 256; guess++) {
            int g = guess;
            inputs.put("guess " + g, tamperedCbc(c -> {
                byte[] forged = new byte[16];
                forged[15] = (byte) g;
                System.arraycopy(forged, 0, c, c.length - 32, 16);
            }));
        }
        return inputs;
    }

    @Test
    void everyModifiedCbcMessageFailsExactlyAlike() throws Exception {
        Map<String, String> inputs = attack();
        inputs.putAll(lastByteGuesses());
        String wrongKey = "smime:decrypt?decryptCertificate=" + PKI.path("bob.pem") + "&decryptPrivateKey="
                + PKI.path("alice.key.pem");
        for (String uri : new String[] { DECRYPT, UNWRAP }) {
            Map<String, String> seen = new LinkedHashMap<>();
            inputs.forEach((what, input) -> seen.put(what, describe(failure(uri, input))));
            seen.put("wrong key", describe(failure(wrongKey, inputs.get("unmodified unsigned CBC"))));
            assertThat(outcomes(seen).keySet()).as("%s: %s", uri, outcomes(seen))
                    .containsExactly("SmimeDecryptionException|Decryption failed|decryption-failed|decryption-failed");
        }
    }

    /** With reportOnly the headers are the oracle's channel: the same ones, with the same values, every time. */
    @Test
    void reportOnlyHeadersDoNotTellTheCasesApart() throws Exception {
        Map<String, String> seen = new LinkedHashMap<>();
        Map<String, String> inputs = attack();
        inputs.putAll(lastByteGuesses());
        for (Map.Entry<String, String> e : inputs.entrySet()) {
            Exchange reported = send(UNWRAP + "&reportOnly=true", e.getValue());
            assertThat(bodyOf(reported)).isEqualTo(e.getValue());
            Map<String, Object> headers = new TreeMap<>(reported.getMessage().getHeaders());
            seen.put(e.getKey(), headers.toString());
        }
        assertThat(outcomes(seen)).as("%s", outcomes(seen)).hasSize(1);
        assertThat(seen.values().iterator().next()).contains("decryption-failed").doesNotContain("launch code");
    }

    /**
     * Bad padding is not thrown by the cipher any more (that was faster than parsing garbage with a valid padding): the
     * junk is parsed, and the verdict must still refuse it where unauthenticated encryption is otherwise accepted.
     */
    @Test
    void invalidPaddingNeverOpensEvenWhereCbcIsAccepted() throws Exception {
        String allowed = DECRYPT + "&allowUnauthenticatedEncryption=true";
        assertThat(bodyOf(send(allowed, message("enveloped-data", cbc())))).contains("launch code");
        for (int wrong : new int[] { PAD, PAD ^ 0x11, PAD ^ 0x02 }) {
            String input = tamperedCbc(c -> c[c.length - 17] ^= (byte) wrong);
            assertThat(describe(failure(allowed, input))).as("last byte %d", PAD ^ wrong)
                    .isEqualTo("SmimeDecryptionException|Decryption failed|decryption-failed|decryption-failed");
            Exchange reported = send(allowed + "&reportOnly=true", input);
            assertThat(bodyOf(reported)).as("reportOnly, last byte %d", PAD ^ wrong).isEqualTo(input);
            assertThat(reported.getMessage().getHeaders().toString()).contains("decryption-failed");
        }
    }

    @Test
    void theNextGenuineMessageStillOpens() throws Exception {
        attack().values().forEach(input -> failure(DECRYPT, input));
        String gcm = message("authEnveloped-data", gcm());
        assertThat(bodyOf(send(DECRYPT, gcm))).contains("launch code");
    }

    /** Each distinct outcome with the first few cases that led to it. */
    private static Map<String, java.util.List<String>> outcomes(Map<String, String> seen) {
        Map<String, java.util.List<String>> result = new LinkedHashMap<>();
        seen.forEach((what, outcome) -> {
            java.util.List<String> cases = result.computeIfAbsent(outcome, o -> new java.util.ArrayList<>());
            if (cases.size() < 4) {
                cases.add(what);
            }
        });
        return result;
    }

    private static String describe(Exception e) {
        SmimeException s = e instanceof SmimeException se ? se : null;
        return e.getClass().getSimpleName() + "|" + e.getMessage() + "|" + (s == null ? "-" : s.getReason()) + "|"
                + (s == null ? "-" : s.getCheck());
    }
}

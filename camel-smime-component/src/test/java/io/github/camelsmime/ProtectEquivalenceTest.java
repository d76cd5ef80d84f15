package io.github.camelsmime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import jakarta.mail.Header;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;

import org.apache.camel.impl.DefaultCamelContext;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSCompressedData;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.ZlibCompressor;
import org.bouncycastle.cms.jcajce.ZlibExpanderProvider;
import org.bouncycastle.mail.smime.SMIMEAuthEnvelopedGenerator;
import org.bouncycastle.mail.smime.SMIMECompressedGenerator;
import org.bouncycastle.mail.smime.SMIMEEnvelopedGenerator;
import org.bouncycastle.mail.smime.SMIMESignedGenerator;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.encoders.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.camelsmime.encrypt.ContentEncryption;
import io.github.camelsmime.encrypt.KeyEncryption;
import io.github.camelsmime.mime.CrlfOutputStream;
import io.github.camelsmime.mime.MessageAssembler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-pass writer of sign, encrypt, sign-encrypt and compress (see {@code mime.Entity}) produces what Bouncy
 * Castle's S/MIME generators produced before it, for every kind of content: the same MIME structure and header lines
 * (boundaries aside), the same content part bytes, the same CMS structure and signed attributes, and the same content
 * after decryption or decompression. The reference below is the former implementation, written with the S/MIME
 * generators of bcjmail exactly as the component used them.
 */
class ProtectEquivalenceTest {

    private static final TestPki PKI = TestPki.get();
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    private static DefaultCamelContext camel;

    @BeforeAll
    static void start() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterAll
    static void stop() throws IOException {
        camel.close();
    }

    /** Inputs: name, body, file name (raw payloads), format. */
    private record Content(String name, byte[] body, String fileName, MessageAssembler.Format format) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Content> contents() {
        List<Content> list = new ArrayList<>();
        list.add(new Content("message with UTF-8 8bit text", SmimeTestSupport.MESSAGE.getBytes(StandardCharsets.UTF_8),
                null, MessageAssembler.Format.AUTO));
        list.add(new Content("7bit text with bare LF and no transfer encoding",
                "Content-Type: text/plain\r\n\r\nfirst line\nbare LF\r\nbare CR\rend\n".getBytes(StandardCharsets.US_ASCII),
                null, MessageAssembler.Format.MIME));
        byte[] binary = new byte[70_001];
        new Random(1).nextBytes(binary);
        list.add(new Content("binary payload", binary, "data.bin", MessageAssembler.Format.RAW));
        list.add(new Content("multipart/mixed with preamble and attachment", (
                "From: alice@example.com\r\nTo: bob@example.com\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"XYZ\"\r\n\r\n"
                + "This is a preamble.\r\n"
                + "--XYZ\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nbody text\r\n"
                + "--XYZ\r\nContent-Type: application/octet-stream; name=a.bin\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=a.bin\r\n\r\nAAECAwQFBgcICQ==\r\n"
                + "--XYZ--\r\n").getBytes(StandardCharsets.US_ASCII), null, MessageAssembler.Format.AUTO));
        StringBuilder text = new StringBuilder("Content-Type: text/plain; charset=us-ascii\r\n"
                + "Content-Transfer-Encoding: 7bit\r\n\r\n");
        Random random = new Random(2);
        while (text.length() < 200_000) {
            for (int i = 0; i < 70; i++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            text.append("\r\n");
        }
        list.add(new Content("200 KB of 7bit text", text.toString().getBytes(StandardCharsets.US_ASCII), null,
                MessageAssembler.Format.MIME));
        list.add(new Content("empty body", "Content-Type: text/plain\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                null, MessageAssembler.Format.MIME));
        return list;
    }

    /** Operation settings: op, detached, compress, algorithm, key encryption, signer. */
    private record Setting(SmimeOperation op, boolean detached, boolean compress, String algorithm,
            String keyEncryption, String signer) {
        @Override
        public String toString() {
            return op + (op.isProtecting() && (op == SmimeOperation.sign || op == SmimeOperation.signEncrypt)
                    ? (detached ? " detached" : " opaque") + " by " + signer : "")
                    + (compress ? " compressed" : "")
                    + (op == SmimeOperation.encrypt || op == SmimeOperation.signEncrypt
                            ? " " + algorithm + " " + keyEncryption : "");
        }
    }

    static Stream<Arguments> cases() {
        List<Setting> settings = List.of(
                new Setting(SmimeOperation.sign, true, false, null, null, "alice"),
                new Setting(SmimeOperation.sign, true, false, null, null, "carol"),
                new Setting(SmimeOperation.sign, false, false, null, null, "alice"),
                new Setting(SmimeOperation.encrypt, true, false, "AES_256_GCM", "RSA_OAEP_SHA256", null),
                new Setting(SmimeOperation.encrypt, true, false, "AES_128_CBC", "RSA_PKCS1", null),
                new Setting(SmimeOperation.encrypt, true, false, "CHACHA20_POLY1305", "RSA_OAEP_SHA256", null),
                new Setting(SmimeOperation.signEncrypt, true, false, "AES_256_GCM", "RSA_OAEP_SHA256", "alice"),
                new Setting(SmimeOperation.signEncrypt, false, true, "AES_256_CBC", "RSA_OAEP_SHA256", "carol"),
                new Setting(SmimeOperation.compress, true, false, null, null, null),
                new Setting(SmimeOperation.signEncrypt, true, true, "AES_256_GCM", "RSA_OAEP_SHA256", "alice"));
        List<Arguments> args = new ArrayList<>();
        for (Content c : contents()) {
            for (Setting s : settings) {
                args.add(Arguments.of(c, s));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("cases")
    void sameAsBouncyCastleGenerators(Content content, Setting setting) throws Exception {
        SmimeConfiguration cfg = new SmimeConfiguration();
        if (setting.signer() != null) {
            cfg.setSignerKeyStore("file:" + PKI.path(setting.signer() + ".p12"));
            cfg.setSignerKeyStorePassword(TestPki.PASSWORD);
            cfg.setSignerAlias(setting.signer());
        }
        cfg.setDetached(setting.detached());
        cfg.setCompress(setting.compress());
        if (setting.algorithm() != null) {
            cfg.setRecipientCertificates("file:" + PKI.path("bob.pem"));
            cfg.setEncryptionAlgorithm(ContentEncryption.parse(setting.algorithm()));
            cfg.setKeyEncryptionAlgorithm(KeyEncryption.valueOf(setting.keyEncryption()));
        }
        SmimeEngine engine = new SmimeEngine(camel, cfg);
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        engine.protect(setting.op(), input(content), ours);

        byte[] reference = reference(content, setting, staticAttributesOf(ours.toByteArray()));
        compareMessages(reference, ours.toByteArray());
    }

    private static MessageAssembler.Input input(Content c) {
        return new MessageAssembler.Input(new ByteArrayInputStream(c.body()), null, null, c.fileName(),
                Map.of("To", "bob@example.com"), List.of(), c.format());
    }

    // ---- the former implementation --------------------------------------------------------------------------

    private static byte[] reference(Content content, Setting s, AttributeTable staticAttributes) throws Exception {
        try (MessageAssembler.Assembled message = MessageAssembler.assemble(input(content))) {
            MimeBodyPart entity = message.content();
            boolean signs = s.op() == SmimeOperation.sign || s.op() == SmimeOperation.signEncrypt;
            boolean encrypts = s.op() == SmimeOperation.encrypt || s.op() == SmimeOperation.signEncrypt;
            if (signs) {
                TestPki.Identity id = PKI.id(s.signer());
                String alg = id.key().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
                SMIMESignedGenerator gen = new SMIMESignedGenerator(SMIMESignedGenerator.RFC5751_MICALGS);
                gen.setContentTransferEncoding("base64");
                gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                        new JcaDigestCalculatorProviderBuilder().build())
                        .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(staticAttributes))
                        .build(new JcaContentSignerBuilder(alg).build(id.key()), id.cert()));
                gen.addCertificates(new JcaCertStore(id.chain()));
                if (s.detached()) {
                    MimeMultipart signed = gen.generate(entity);
                    MimeBodyPart part = new MimeBodyPart();
                    part.setContent(signed);
                    part.setHeader("Content-Type", signed.getContentType());
                    entity = part;
                } else {
                    entity = gen.generateEncapsulated(entity);
                }
            }
            if (s.op() == SmimeOperation.compress || s.compress()) {
                entity = new SMIMECompressedGenerator().generate(entity, new ZlibCompressor());
            }
            if (encrypts) {
                ContentEncryption alg = ContentEncryption.parse(s.algorithm());
                SMIMEEnvelopedGenerator gen = alg.isAuthenticated() ? new SMIMEAuthEnvelopedGenerator()
                        : new SMIMEEnvelopedGenerator();
                gen.addRecipientInfoGenerator(s.keyEncryption().equals("RSA_PKCS1")
                        ? new JceKeyTransRecipientInfoGenerator(PKI.id("bob").cert())
                        : new JceKeyTransRecipientInfoGenerator(PKI.id("bob").cert(),
                                new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(
                                        PKCSObjectIdentifiers.id_RSAES_OAEP, new OAEPParameterSpec("SHA-256", "MGF1",
                                                MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT))));
                JceCMSContentEncryptorBuilder encryptor = new JceCMSContentEncryptorBuilder(alg.oid());
                if (alg == ContentEncryption.CHACHA20_POLY1305) {
                    encryptor.setProvider(BC);
                }
                entity = gen.generate(entity, encryptor.build());
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CrlfOutputStream out = new CrlfOutputStream(bytes);
            for (Header h : message.outerHeaders()) {
                out.write((h.getName() + ": " + h.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write(("Date: " + new MailDateFormat().format(new Date()) + "\r\nMessage-ID: <" + UUID.randomUUID()
                    + "@camel-smime>\r\nMIME-Version: 1.0\r\n").getBytes(StandardCharsets.UTF_8));
            entity.writeTo(out);
            out.finish();
            return bytes.toByteArray();
        }
    }

    /** The SMIMECapabilities and signingCertificateV2 attributes of the first signature found in a message. */
    private static AttributeTable staticAttributesOf(byte[] message) throws Exception {
        SignerInformation si = firstSigner(part(message));
        AttributeTable all = si == null ? new AttributeTable(new org.bouncycastle.asn1.ASN1EncodableVector())
                : si.getSignedAttributes();
        org.bouncycastle.asn1.ASN1EncodableVector v = new org.bouncycastle.asn1.ASN1EncodableVector();
        for (ASN1ObjectIdentifier oid : new ASN1ObjectIdentifier[] { PKCSObjectIdentifiers.pkcs_9_at_smimeCapabilities,
            PKCSObjectIdentifiers.id_aa_signingCertificateV2 }) {
            if (all.get(oid) != null) {
                v.add(all.get(oid));
            }
        }
        return new AttributeTable(v);
    }

    private static SignerInformation firstSigner(MimeBodyPart part) throws Exception {
        ContentType type = new ContentType(part.getContentType());
        if (type.match("multipart/signed")) {
            MimeMultipart mm = new MimeMultipart(new ByteArrayDataSource(rawBody(part), part.getContentType()));
            return new CMSSignedData(base64Body((MimeBodyPart) mm.getBodyPart(1))).getSignerInfos().iterator().next();
        }
        if (type.match("application/pkcs7-mime")) {
            ContentInfo info = ContentInfo.getInstance(base64Body(part));
            if (info.getContentType().equals(PKCSObjectIdentifiers.signedData)) {
                return new CMSSignedData(info).getSignerInfos().iterator().next();
            }
            byte[] inner = open(info);
            return inner == null ? null : firstSigner(new MimeBodyPart(new ByteArrayInputStream(inner)));
        }
        return null;
    }

    // ---- comparison -------------------------------------------------------------------------------------------

    private static void compareMessages(byte[] reference, byte[] ours) throws Exception {
        MimeBodyPart a = part(reference);
        MimeBodyPart b = part(ours);
        assertThat(names(b)).isEqualTo(names(a));
        compare(a, b, "message", false);
    }

    /**
     * @param signedDetached inside a detached signature, where our content part is the canonical form of the former
     *                       one: Bouncy Castle digested the canonical form but, inside encryption, sent the content as
     *                       it was (a bare LF stayed bare); we send exactly the bytes we digest
     */
    private static void compare(MimeBodyPart a, MimeBodyPart b, String where, boolean signedDetached)
            throws Exception {
        assertThat(headerLines(b)).as(where + " headers").isEqualTo(headerLines(a));
        ContentType type = new ContentType(a.getContentType());
        if (type.match("multipart/signed")) {
            MimeMultipart ma = new MimeMultipart(new ByteArrayDataSource(rawBody(a), a.getContentType()));
            MimeMultipart mb = new MimeMultipart(new ByteArrayDataSource(rawBody(b), b.getContentType()));
            assertThat(mb.getCount()).isEqualTo(2);
            MimeBodyPart contentA = (MimeBodyPart) ma.getBodyPart(0);
            MimeBodyPart contentB = (MimeBodyPart) mb.getBodyPart(0);
            MimeBodyPart sigA = (MimeBodyPart) ma.getBodyPart(1);
            MimeBodyPart sigB = (MimeBodyPart) mb.getBodyPart(1);
            assertThat(headerLines(sigB)).as(where + " signature part headers").isEqualTo(headerLines(sigA));
            // what a verifier digests: the content part as transmitted, canonical
            byte[] signedA = canonical(entityBytes(contentA));
            byte[] signedB = entityBytes(contentB);
            assertThat(signedB).as(where + " content part is canonical").isEqualTo(canonical(signedB));
            CMSSignedData sa = new CMSSignedData(new CMSProcessableByteArray(signedA), base64Body(sigA));
            CMSSignedData sb = new CMSSignedData(new CMSProcessableByteArray(signedB), base64Body(sigB));
            if (java.util.Arrays.equals(signedA, signedB)) {
                compare(contentA, contentB, where + " > signed content", true);
                compareSignedData(sa, sb, where);
            } else {
                // Inside encryption, Bouncy Castle's makeContentBodyPart on the signed multipart made Jakarta Mail
                // re-serialize a multipart content without its preamble (in both the digest and the output); we send
                // the content part as it came, as a signature without encryption always did. Both verify.
                String boundary = new ContentType(contentB.getContentType()).getParameter("boundary");
                assertThat(boundary).as(where + ": differs only for a multipart content").isNotNull();
                byte[] bodyB = rawBody(contentB);
                int first = new String(bodyB, StandardCharsets.ISO_8859_1).indexOf("--" + boundary);
                assertThat(java.util.Arrays.copyOfRange(bodyB, first, bodyB.length)).as(where + ": all but preamble")
                        .isEqualTo(rawBody(contentA));
                assertThat(verifies(sa)).as(where + ": the former signature").isTrue();
                assertThat(verifies(sb)).as(where + ": our signature").isTrue();
            }
            return;
        }
        if (type.match("application/pkcs7-mime")) {
            ContentInfo ia = ContentInfo.getInstance(base64Body(a));
            ContentInfo ib = ContentInfo.getInstance(base64Body(b));
            assertThat(ib.getContentType()).as(where + " CMS type").isEqualTo(ia.getContentType());
            if (ia.getContentType().equals(PKCSObjectIdentifiers.signedData)) {
                compareSignedData(new CMSSignedData(ia), new CMSSignedData(ib), where);
            } else if (!ia.getContentType().equals(PKCSObjectIdentifiers.id_ct_compressedData)) {
                compareRecipients(ia, ib, where);
            }
            compare(new MimeBodyPart(new ByteArrayInputStream(open(ia))),
                    new MimeBodyPart(new ByteArrayInputStream(open(ib))), where + " > " + ia.getContentType(),
                    signedDetached);
            return;
        }
        byte[] expected = signedDetached ? canonical(rawBody(a)) : rawBody(a);
        assertThat(rawBody(b)).as(where + " body").isEqualTo(expected);
    }

    private static byte[] canonical(byte[] bytes) throws IOException {
        ByteArrayOutputStream canonical = new ByteArrayOutputStream();
        CrlfOutputStream crlf = new CrlfOutputStream(canonical);
        crlf.write(bytes);
        crlf.finish();
        return canonical.toByteArray();
    }

    private static boolean verifies(CMSSignedData sd) throws Exception {
        SignerInformation si = sd.getSignerInfos().iterator().next();
        X509CertificateHolder cert = (X509CertificateHolder) sd.getCertificates().getMatches(si.getSID()).iterator().next();
        try {
            return si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert));
        } catch (org.bouncycastle.cms.CMSSignerDigestMismatchException e) {
            return false;
        }
    }

    private static void compareSignedData(CMSSignedData a, CMSSignedData b, String where) throws Exception {
        assertThat(b.getDigestAlgorithmIDs()).isEqualTo(a.getDigestAlgorithmIDs());
        assertThat(certificates(b)).as(where + " certificates").isEqualTo(certificates(a));
        SignerInformation sa = a.getSignerInfos().iterator().next();
        SignerInformation sb = b.getSignerInfos().iterator().next();
        assertThat(sb.getSID()).isEqualTo(sa.getSID());
        assertThat(sb.getDigestAlgorithmID()).isEqualTo(sa.getDigestAlgorithmID());
        assertThat(sb.getEncryptionAlgOID()).isEqualTo(sa.getEncryptionAlgOID());
        AttributeTable ta = sa.getSignedAttributes();
        AttributeTable tb = sb.getSignedAttributes();
        assertThat(oids(tb)).as(where + " signed attributes").isEqualTo(oids(ta));
        for (ASN1ObjectIdentifier oid : oids(ta)) {
            if (oid.equals(CMSAttributes.signingTime)) {
                Instant ts = Time.getInstance(tb.get(oid).getAttrValues().getObjectAt(0)).getDate().toInstant();
                assertThat(Duration.between(ts, Instant.now()).abs()).isLessThan(Duration.ofMinutes(2));
                assertThat(tb.get(oid).getAttrValues().getObjectAt(0).toASN1Primitive().getClass())
                        .isEqualTo(ta.get(oid).getAttrValues().getObjectAt(0).toASN1Primitive().getClass());
            } else if (!oid.equals(CMSAttributes.messageDigest) || a.getSignedContent() != null) {
                assertThat(tb.get(oid)).as(where + " attribute " + oid).isEqualTo(ta.get(oid));
            }
        }
        assertThat(verifies(b)).as(where + " signature").isTrue();
    }

    private static void compareRecipients(ContentInfo a, ContentInfo b, String where) throws Exception {
        boolean auth = a.getContentType().equals(PKCSObjectIdentifiers.id_ct_authEnvelopedData);
        List<RecipientInformation> ra = new ArrayList<>(auth ? new CMSAuthEnvelopedData(a).getRecipientInfos()
                .getRecipients() : new CMSEnvelopedData(a).getRecipientInfos().getRecipients());
        List<RecipientInformation> rb = new ArrayList<>(auth ? new CMSAuthEnvelopedData(b).getRecipientInfos()
                .getRecipients() : new CMSEnvelopedData(b).getRecipientInfos().getRecipients());
        assertThat(rb).hasSameSizeAs(ra);
        assertThat(rb.get(0).getRID()).isEqualTo(ra.get(0).getRID());
        assertThat(rb.get(0).getKeyEncryptionAlgorithm()).as(where + " key encryption")
                .isEqualTo(ra.get(0).getKeyEncryptionAlgorithm());
        ASN1Sequence ea = encryptedContentAlgorithm(a);
        ASN1Sequence eb = encryptedContentAlgorithm(b);
        assertThat(eb.getObjectAt(0)).as(where + " content encryption").isEqualTo(ea.getObjectAt(0));
        assertThat(parameterShape(eb)).isEqualTo(parameterShape(ea));
    }

    private static ASN1Sequence encryptedContentAlgorithm(ContentInfo info) {
        ASN1Sequence data = ASN1Sequence.getInstance(info.getContent());
        for (ASN1Encodable e : data) {
            if (e instanceof ASN1Sequence seq && seq.size() >= 2 && seq.getObjectAt(1) instanceof ASN1Sequence alg
                    && alg.getObjectAt(0) instanceof ASN1ObjectIdentifier) {
                return alg;
            }
        }
        throw new AssertionError("no EncryptedContentInfo");
    }

    /** The parameters' ASN.1 types and the lengths of octet strings (IV, nonce), not their random values. */
    private static String parameterShape(ASN1Sequence alg) {
        if (alg.size() < 2) {
            return "none";
        }
        ASN1Encodable p = alg.getObjectAt(1);
        if (p instanceof ASN1OctetString os) {
            return "octets " + os.getOctets().length;
        }
        StringBuilder sb = new StringBuilder();
        for (ASN1Encodable e : ASN1Sequence.getInstance(p)) {
            sb.append(e instanceof ASN1OctetString os ? "octets " + os.getOctets().length : e.toString()).append(' ');
        }
        return sb.toString();
    }

    /** The content of an enveloped, authenticated-enveloped, compressed or signed ContentInfo. */
    private static byte[] open(ContentInfo info) throws Exception {
        ASN1ObjectIdentifier type = info.getContentType();
        TestPki.Identity bob = PKI.id("bob");
        if (type.equals(PKCSObjectIdentifiers.id_ct_authEnvelopedData)) {
            RecipientInformation r = new CMSAuthEnvelopedData(info).getRecipientInfos().getRecipients().iterator().next();
            return r.getContent(new JceKeyTransAuthEnvelopedRecipient(bob.key()).setProvider(BC));
        }
        if (type.equals(PKCSObjectIdentifiers.envelopedData)) {
            RecipientInformation r = new CMSEnvelopedData(info).getRecipientInfos().getRecipients().iterator().next();
            assertThat(r).isInstanceOf(KeyTransRecipientInformation.class);
            return r.getContent(new JceKeyTransEnvelopedRecipient(bob.key()).setProvider(BC));
        }
        if (type.equals(PKCSObjectIdentifiers.id_ct_compressedData)) {
            return new CMSCompressedData(info).getContent(new ZlibExpanderProvider());
        }
        if (type.equals(PKCSObjectIdentifiers.signedData)) {
            return (byte[]) new CMSSignedData(info).getSignedContent().getContent();
        }
        return null;
    }

    private static List<String> certificates(CMSSignedData sd) throws IOException {
        List<String> list = new ArrayList<>();
        for (Object o : sd.getCertificates().getMatches(null)) {
            list.add(java.util.HexFormat.of().formatHex(((X509CertificateHolder) o).getEncoded()));
        }
        Collections.sort(list);
        return list;
    }

    private static List<ASN1ObjectIdentifier> oids(AttributeTable t) {
        List<ASN1ObjectIdentifier> list = new ArrayList<>();
        for (Attribute a : t.toASN1Structure().getAttributes()) {
            list.add(a.getAttrType());
        }
        return list;
    }

    private static MimeBodyPart part(byte[] bytes) throws Exception {
        return new MimeBodyPart(new ByteArrayInputStream(bytes));
    }

    /** Header names of the message in order, without the values that differ per message. */
    private static List<String> names(MimeBodyPart part) throws Exception {
        List<String> names = new ArrayList<>();
        for (Header h : Collections.list(part.getAllHeaders())) {
            names.add(h.getName());
        }
        return names;
    }

    /** Header lines, with multipart boundaries, Date and Message-ID replaced by placeholders. */
    private static List<String> headerLines(MimeBodyPart part) throws Exception {
        List<String> lines = new ArrayList<>();
        String boundary = null;
        String[] ct = part.getHeader("Content-Type");
        if (ct != null) {
            boundary = new ContentType(ct[0]).getParameter("boundary");
        }
        for (String line : Collections.list(part.getAllHeaderLines())) {
            String l = boundary != null ? line.replace(boundary, "BOUNDARY") : line;
            if (l.startsWith("Date:") || l.startsWith("Message-ID:")) {
                l = l.substring(0, l.indexOf(':'));
            }
            lines.add(l);
        }
        return lines;
    }

    private static byte[] rawBody(MimeBodyPart part) throws Exception {
        try (InputStream in = part.getRawInputStream()) {
            return in.readAllBytes();
        }
    }

    private static byte[] base64Body(MimeBodyPart part) throws Exception {
        return Base64.decode(rawBody(part));
    }

    /** Header lines and body of a part as it was transmitted. */
    private static byte[] entityBytes(MimeBodyPart part) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : Collections.list(part.getAllHeaderLines())) {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.write(rawBody(part));
        return out.toByteArray();
    }

    private record ByteArrayDataSource(byte[] bytes, String type) implements jakarta.activation.DataSource {
        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public java.io.OutputStream getOutputStream() throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public String getContentType() {
            return type;
        }

        @Override
        public String getName() {
            return "body";
        }
    }
}

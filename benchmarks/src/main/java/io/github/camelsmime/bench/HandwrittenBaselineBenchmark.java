package io.github.camelsmime.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.Security;
import java.util.Arrays;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.mail.smime.SMIMEAuthEnveloped;
import org.bouncycastle.mail.smime.SMIMEAuthEnvelopedGenerator;
import org.bouncycastle.mail.smime.SMIMESigned;
import org.bouncycastle.mail.smime.SMIMESignedGenerator;
import org.bouncycastle.mail.smime.SMIMEUtil;
import org.bouncycastle.util.Store;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The hand-written baseline: the straightforward bcjmail code an integration developer writes today from the Bouncy
 * Castle examples, default BC provider, everything in memory. Bytes in, bytes out, like the Camel route:
 *
 * <ul>
 *   <li>{@code sign}: parse the MIME entity into a {@code MimeBodyPart}, {@code SMIMESignedGenerator} with a
 *       {@code JcaSimpleSignerInfoGeneratorBuilder().setProvider("BC")} signer and the certificate chain, put the
 *       multipart/signed into a {@code MimeMessage} and write it to a {@code ByteArrayOutputStream}.</li>
 *   <li>{@code verify}: parse the message, {@code new SMIMESigned(multipart)}, verify every signer with
 *       {@code JcaSimpleSignerInfoVerifierBuilder().setProvider("BC")} against the certificate the message carries
 *       (math only: no path validation, no trust anchor, no KeyUsage check) and write the content out.</li>
 *   <li>{@code signEncrypt}: sign as above, then {@code SMIMEAuthEnvelopedGenerator} AES-256-GCM to the recipient with
 *       {@code JceKeyTransRecipientInfoGenerator} (provider BC), written out.</li>
 *   <li>{@code unwrap}: {@code SMIMEAuthEnveloped} decrypt with the recipient key, then verify as above and write
 *       the content out.</li>
 * </ul>
 * Inputs for verify and unwrap are made once in setup by this same code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class HandwrittenBaselineBenchmark {

    @Param({"4k", "1m"})
    public String size;

    @Param({"rsa2048", "ecp256"})
    public String signer;

    private BenchPki pki;
    private BenchPki.Identity signerId;
    private Session session;
    private Store<X509CertificateHolder> certs;
    private byte[] input;
    private byte[] signed;
    private byte[] signedEncrypted;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) throws Exception {
        if (Security.getProvider("BC") == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        pki = BenchPki.create();
        signerId = pki.signer(signer);
        session = Session.getInstance(new Properties());
        certs = new JcaCertStore(Arrays.asList(signerId.chain()));
        input = Payloads.entity(size);

        // Only the round trip of the measured method (each method runs in its own fork): sign and verify need a
        // signed message, signEncrypt and unwrap an encrypted one; either way the round trip must give the input back.
        byte[] out;
        if (RoundTrip.signedPath(params)) {
            signed = sign();
            out = verify();
        } else {
            signedEncrypted = signEncrypt();
            out = unwrap();
        }
        if (!RoundTrip.sameEntity(out, input)) {
            throw new IllegalStateException("baseline round trip does not give the input back");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pki.close();
    }

    @Benchmark
    public byte[] sign() throws Exception {
        MimeBodyPart content = new MimeBodyPart(new ByteArrayInputStream(input));
        MimeMultipart multipart = signer().generate(content);
        MimeMessage message = new MimeMessage(session);
        message.setContent(multipart, multipart.getContentType());
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    @Benchmark
    public byte[] verify() throws Exception {
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(signed));
        SMIMESigned smime = new SMIMESigned((MimeMultipart) message.getContent());
        verifySigners(smime);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        smime.getContent().writeTo(out);
        return out.toByteArray();
    }

    @Benchmark
    public byte[] signEncrypt() throws Exception {
        MimeBodyPart content = new MimeBodyPart(new ByteArrayInputStream(input));
        MimeMultipart multipart = signer().generate(content);
        MimeBodyPart signedPart = new MimeBodyPart();
        signedPart.setContent(multipart);

        SMIMEAuthEnvelopedGenerator generator = new SMIMEAuthEnvelopedGenerator();
        generator.addRecipientInfoGenerator(
                new JceKeyTransRecipientInfoGenerator(pki.recipient().cert()).setProvider("BC"));
        MimeBodyPart encrypted = generator.generate(signedPart,
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM).setProvider("BC").build());

        MimeMessage message = new MimeMessage(session);
        message.setContent(encrypted.getContent(), encrypted.getContentType());
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    @Benchmark
    public byte[] unwrap() throws Exception {
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(signedEncrypted));
        SMIMEAuthEnveloped enveloped = new SMIMEAuthEnveloped(message);
        RecipientInformation recipient = enveloped.getRecipientInfos()
                .get(new JceKeyTransRecipientId(pki.recipient().cert()));
        if (recipient == null) {
            throw new IllegalStateException("message is not for our recipient");
        }
        byte[] decrypted = recipient.getContent(
                new JceKeyTransEnvelopedRecipient(pki.recipient().key()).setProvider("BC"));
        MimeBodyPart signedPart = SMIMEUtil.toMimeBodyPart(decrypted);
        SMIMESigned smime = new SMIMESigned((MimeMultipart) signedPart.getContent());
        verifySigners(smime);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        smime.getContent().writeTo(out);
        return out.toByteArray();
    }

    // ---------------------------------------------------------------------------------------------------------

    private SMIMESignedGenerator signer() throws Exception {
        SMIMESignedGenerator generator = new SMIMESignedGenerator();
        generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().setProvider("BC")
                .build(BenchPki.Signer.valueOf(signer).signatureAlgorithm(), signerId.key(), signerId.cert()));
        generator.addCertificates(certs);
        return generator;
    }

    @SuppressWarnings("unchecked")
    private static void verifySigners(SMIMESigned smime) throws Exception {
        Store<X509CertificateHolder> certificates = smime.getCertificates();
        Collection<SignerInformation> signers = smime.getSignerInfos().getSigners();
        if (signers.isEmpty()) {
            throw new IllegalStateException("no signer");
        }
        for (SignerInformation si : signers) {
            Collection<X509CertificateHolder> matches = certificates.getMatches(si.getSID());
            X509CertificateHolder cert = matches.iterator().next();
            if (!si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider("BC").build(cert))) {
                throw new IllegalStateException("signature does not verify");
            }
        }
    }
}

package io.github.camelsmime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;

import org.apache.camel.impl.DefaultCamelContext;

import io.github.camelsmime.encrypt.ContentEncryption;
import io.github.camelsmime.encrypt.KeyEncryption;
import io.github.camelsmime.keys.DecryptionKey;
import io.github.camelsmime.keys.KeyLoader;
import io.github.camelsmime.mime.MessageAssembler;
import io.github.camelsmime.mime.Mime;
import io.github.camelsmime.trust.SenderBinding;

/**
 * What the fuzz tests share: a fixed PKI checked in under {@code src/test/resources/io/github/camelsmime/fuzz/} (so an
 * input found once reaches the same decryption and verification paths in every later run), the seed messages (the
 * interop corpus when {@code smime.corpus.dir} is set, plus messages made here with that PKI), and the oracle: an
 * input may give a result or a typed {@link SmimeException}, and nothing else.
 */
public final class FuzzKit {

    public static final String PASSWORD = "fuzz";
    /**
     * Per input, in regression runs: long enough for the first input, which also pays for installing Jazzer's agent
     * on a busy machine; fuzz.sh gives libFuzzer a much shorter hang limit.
     */
    public static final int TIMEOUT_SECONDS = 60;
    /** Inside the validity of the fuzz PKI, so that trust decisions do not change with the day the test runs. */
    public static final String VALIDATION_TIME = "2030-01-01T00:00:00Z";
    /** Corpus files larger than this are left out of the seeds: the fuzzer mutates small inputs faster. */
    private static final long MAX_SEED = 256 * 1024;

    private static byte[][] generated;

    private FuzzKit() {
    }

    /** The classpath resource of the fuzz PKI, for the component's key options. */
    public static String pki(String name) {
        return "classpath:io/github/camelsmime/fuzz/" + name;
    }

    /** An engine that opens with the fuzz PKI: its keys decrypt, its CA is the trust anchor; verdicts only. */
    public static SmimeEngine openingEngine() {
        SmimeConfiguration cfg = new SmimeConfiguration();
        cfg.setDecryptKeyStore(pki("fuzz.p12"));
        cfg.setDecryptKeyStorePassword(PASSWORD);
        cfg.setTrustAnchors(pki("ca.pem"));
        cfg.setValidationTime(VALIDATION_TIME);
        cfg.setSenderBinding(SenderBinding.Mode.OFF);
        cfg.setReportOnly(true);
        cfg.setRequireSigned(true);
        return new SmimeEngine(new DefaultCamelContext(), cfg);
    }

    public static List<DecryptionKey> decryptionKeys() {
        try (InputStream in = FuzzKit.class.getResourceAsStream("fuzz/fuzz.p12")) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            return KeyLoader.decryptionKeysFrom(ks, PASSWORD, "fuzz.p12");
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the fuzz PKI", e);
        }
    }

    public static X509Certificate caCertificate() {
        try (InputStream in = FuzzKit.class.getResourceAsStream("fuzz/ca.pem")) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the fuzz CA", e);
        }
    }

    // ---- the oracle ----

    /**
     * Runs {@code action} on a fuzzed input. A result passes, and so does a {@link SmimeException} that says what
     * was wrong; any other throwable (a ClassCastException, an OutOfMemoryError, ...) and a typed exception that
     * merely carries the text of an unexpected one fail the input.
     */
    public static void expectResultOrTyped(Callable<?> action) throws Exception {
        try {
            action.call();
        } catch (SmimeException e) {
            requireOwnMessage(e);
        }
    }

    /**
     * Fails when a typed exception was made without understanding the failure: one with no message, one from the
     * layer loop's catch-all for unexpected runtime exceptions, or one whose message repeats the text of a runtime
     * exception that names Java rather than the input (a class cast, a null pointer, an index) anywhere in its
     * causes, or of any runtime exception it wraps directly. What Bouncy Castle reports as an IOException in its own
     * words ("invalid OID contents") may be passed on, and so may the input's own text (a header value quoted back).
     */
    public static void requireOwnMessage(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank() || message.startsWith("Malformed S/MIME structure")) {
            throw new AssertionError("untyped failure: " + e, e);
        }
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            boolean javaText = c instanceof ClassCastException || c instanceof NullPointerException
                    || c instanceof IndexOutOfBoundsException || c instanceof ArithmeticException
                    || c instanceof NegativeArraySizeException || c instanceof ArrayStoreException;
            boolean wrappedDirectly = c == e.getCause() && c instanceof RuntimeException
                    && !(c instanceof SmimeException) && !(c instanceof Mime.MimeFormatException);
            if ((javaText || wrappedDirectly) && c.getMessage() != null && c.getMessage().length() >= 8
                    && message.contains(c.getMessage())) {
                throw new AssertionError("a " + e.getClass().getSimpleName() + " passes on the text of a "
                        + c.getClass().getName() + ": " + message, e);
            }
        }
    }

    // ---- seeds ----

    /** Whole messages: the corpus files (when configured) and the generated messages. */
    public static Stream<byte[]> messageSeeds() {
        return Stream.concat(corpusFiles().stream(), Stream.of(generated()));
    }

    /** The CMS bodies of the seed messages: the pkcs7-mime body, or the signature part of a multipart/signed. */
    public static Stream<byte[]> cmsSeeds() {
        List<byte[]> result = new ArrayList<>();
        messageSeeds().forEach(m -> collectCms(m, result));
        return result.stream();
    }

    private static void collectCms(byte[] message, List<byte[]> into) {
        try {
            MimeBodyPart part = Mime.parsePart(new ByteArrayInputStream(message));
            ContentType type = Mime.contentType(part);
            if (type.match("multipart/signed")) {
                MimeMultipart multipart = new MimeMultipart(part.getDataHandler().getDataSource());
                if (multipart.getCount() == 2) {
                    into.add(Mime.decodedBody((MimeBodyPart) multipart.getBodyPart(1)).readAllBytes());
                }
            } else if (type.getBaseType().toLowerCase(java.util.Locale.ROOT).contains("pkcs7-mime")) {
                into.add(Mime.decodedBody(part).readAllBytes());
            }
        } catch (Exception | Error e) {
            // not every corpus file is a message: a seed is only a starting point
        }
    }

    private static List<byte[]> corpusFiles() {
        String configured = System.getProperty("smime.corpus.dir", "");
        if (configured.isBlank() || !Files.isDirectory(Path.of(configured))) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(Path.of(configured))) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().matches(".*\\.(p12|key|pri|md|tsv|crl|cer|crt|pem)"))
                    .filter(f -> f.toFile().length() <= MAX_SEED)
                    .sorted()
                    .map(FuzzKit::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Messages of every layer kind the component writes, made with the fuzz PKI. */
    private static synchronized byte[][] generated() {
        if (generated == null) {
            List<byte[]> result = new ArrayList<>();
            result.add(protect(SmimeOperation.sign, "fuzz.pem", true, false, "AES_256_GCM"));
            result.add(protect(SmimeOperation.sign, "fuzz.pem", false, false, "AES_256_GCM"));
            result.add(protect(SmimeOperation.encrypt, "fuzz.pem", true, false, "AES_256_GCM"));
            result.add(protect(SmimeOperation.encrypt, "fuzz-ec.pem", true, false, "AES_128_GCM"));
            result.add(protect(SmimeOperation.encrypt, "fuzz.pem", true, false, "AES_128_CBC"));
            result.add(protect(SmimeOperation.signEncrypt, "fuzz.pem", true, false, "AES_256_CBC"));
            result.add(protect(SmimeOperation.signEncrypt, "fuzz-ec.pem", false, true, "AES_256_GCM"));
            result.add(protect(SmimeOperation.compress, "fuzz.pem", true, true, "AES_256_GCM"));
            generated = result.toArray(new byte[0][]);
        }
        return generated;
    }

    private static byte[] protect(SmimeOperation op, String recipient, boolean detached, boolean compress,
            String algorithm) {
        SmimeConfiguration cfg = new SmimeConfiguration();
        cfg.setSignerKeyStore(pki("fuzz.p12"));
        cfg.setSignerKeyStorePassword(PASSWORD);
        cfg.setSignerAlias("fuzz");
        cfg.setRecipientCertificates(pki(recipient));
        cfg.setDetached(detached);
        cfg.setCompress(compress);
        cfg.setEncryptionAlgorithm(ContentEncryption.valueOf(algorithm));
        cfg.setKeyEncryptionAlgorithm(algorithm.endsWith("CBC") ? KeyEncryption.RSA_PKCS1
                : KeyEncryption.RSA_OAEP_SHA256);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] body = "Hello fuzz\r\nline two\r\n".getBytes(StandardCharsets.UTF_8);
            new SmimeEngine(new DefaultCamelContext(), cfg).protect(op, new MessageAssembler.Input(
                    new ByteArrayInputStream(body), null, "text/plain", "hello.txt",
                    Map.of("From", "fuzz@example.com", "To", "fuzz@example.com", "Subject", "fuzz"), List.of(),
                    MessageAssembler.Format.RAW), out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the " + op + " seed", e);
        }
    }
}

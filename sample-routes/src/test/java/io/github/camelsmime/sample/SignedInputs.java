package io.github.camelsmime.sample;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Inputs for the hostile-input tests: a multipart entity with attachments whose names collide (the same name twice,
 * names that differ only in unsafe characters, a part without a name, a nested alternative) and signatures made by
 * the openssl CLI with the demo PKI's Alice.
 */
final class SignedInputs {

    /** The document part of {@link #mixedEntity()}. */
    static final String MAIN_TEXT = "Please find the documents attached.";

    /** The attachment contents of {@link #mixedEntity()}, in order. */
    static final List<String> ATTACHMENTS = List.of("first data.bin", "second data.bin", "colon", "question mark",
            "no name at all", "<p>html alternative</p>");

    private SignedInputs() {
    }

    /**
     * multipart/mixed: a text document, then data.bin twice, "a:b.txt" and "a?b.txt" (the same safe name), a part
     * without a name, and a nested multipart/alternative whose HTML part is the last leaf.
     */
    static byte[] mixedEntity() {
        String b = "outer-boundary-42";
        String nested = "inner-boundary-43";
        StringBuilder s = new StringBuilder();
        s.append("Content-Type: multipart/mixed; boundary=\"").append(b).append("\"\r\n\r\n");
        s.append("--").append(b).append("\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n").append(MAIN_TEXT)
                .append("\r\n");
        s.append(part(b, "application/octet-stream", "data.bin", ATTACHMENTS.get(0)));
        s.append(part(b, "application/octet-stream", "data.bin", ATTACHMENTS.get(1)));
        s.append(part(b, "text/plain", "a:b.txt", ATTACHMENTS.get(2)));
        s.append(part(b, "text/plain", "a?b.txt", ATTACHMENTS.get(3)));
        s.append("--").append(b).append("\r\nContent-Type: application/octet-stream\r\n\r\n")
                .append(ATTACHMENTS.get(4)).append("\r\n");
        s.append("--").append(b).append("\r\nContent-Type: multipart/alternative; boundary=\"").append(nested)
                .append("\"\r\n\r\n");
        s.append("--").append(nested).append("\r\nContent-Type: text/html\r\n\r\n").append(ATTACHMENTS.get(5))
                .append("\r\n--").append(nested).append("--\r\n");
        s.append("--").append(b).append("--\r\n");
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String part(String boundary, String type, String name, String content) {
        return "--" + boundary + "\r\nContent-Type: " + type + "\r\nContent-Disposition: attachment; filename=\""
                + name + "\"\r\n\r\n" + content + "\r\n";
    }

    /** The entity signed by Alice with openssl (multipart/signed); extra args such as -from/-to/-subject. */
    static byte[] signByAlice(GatewayHarness gateway, Path work, byte[] entity, String... extra) throws Exception {
        Path key = gateway.pki("alice.key");
        if (!Files.exists(key)) {
            key = Openssl.key(gateway.pki("alice.p12"), "changeit");
        }
        Path in = Files.createTempFile(work, "entity", ".mime");
        Path out = Files.createTempFile(work, "signed", ".eml");
        Files.write(in, entity);
        List<String> args = new ArrayList<>(List.of("cms", "-sign", "-binary", "-in", in.toString(), "-signer",
                gateway.pki("alice.pem").toString(), "-inkey", key.toString(), "-out", out.toString()));
        args.addAll(List.of(extra));
        Openssl.run(work, args.toArray(String[]::new));
        return Files.readAllBytes(out);
    }

    /** Every regular file in {@code dir} by name, with its content as text. */
    static Map<String, String> filesIn(Path dir) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (var list = Files.list(dir)) {
            for (Path f : list.toList()) {
                files.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    /** An unsigned multipart/mixed message of {@code parts} one-line parts (the part-count attack). */
    static byte[] manyParts(int parts) {
        StringBuilder s = new StringBuilder("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
        for (int i = 0; i < parts; i++) {
            s.append("--b\r\nContent-Type: text/plain\r\n\r\npart ").append(i).append("\r\n");
        }
        return s.append("--b--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A PEM file of {@code count} self-signed CA certificates that chain to nothing (the junk-certificate attack);
     * one key pair for all keeps generating them fast.
     */
    static Path junkCaCertificates(Path dir, int count) throws Exception {
        java.security.KeyPairGenerator kpg = java.security.KeyPairGenerator.getInstance("EC");
        kpg.initialize(256);
        java.security.KeyPair kp = kpg.generateKeyPair();
        org.bouncycastle.operator.ContentSigner signer =
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate());
        java.util.Date from = new java.util.Date(System.currentTimeMillis() - 86_400_000L);
        java.util.Date to = new java.util.Date(System.currentTimeMillis() + 86_400_000L * 30);
        StringBuilder pem = new StringBuilder();
        java.util.Base64.Encoder b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < count; i++) {
            org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500Name("CN=Junk CA " + i);
            var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name,
                    java.math.BigInteger.valueOf(i + 1L), from, to, name, kp.getPublic())
                    .addExtension(org.bouncycastle.asn1.x509.Extension.basicConstraints, true,
                            new org.bouncycastle.asn1.x509.BasicConstraints(true));
            byte[] der = builder.build(signer).getEncoded();
            pem.append("-----BEGIN CERTIFICATE-----\n").append(b64.encodeToString(der))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        Path file = dir.resolve("junk-" + count + ".pem");
        Files.writeString(file, pem);
        return file;
    }
}

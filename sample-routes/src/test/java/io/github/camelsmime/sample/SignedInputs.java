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
}

package io.github.camelsmime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decrypted content never rests on disk in clear: a message larger than the spool threshold is decrypted by
 * {@code smime:unwrap} behind a file consumer; while the exchange is in flight the spool folder (the
 * {@code spoolDirectory} option) holds owner-only files without the plaintext, and when it completes they are gone.
 */
class SpoolAtRestTest extends SmimeTestSupport {

    private static final String MARKER = "PLAINTEXT-MARKER-4711";

    private final Path root = newFolder();
    private final Path inbox = root.resolve("inbox");
    private final Path spoolDir = root.resolve("spool");
    /** The spool folder as the processor saw it while the exchange was in flight: file name -> permissions. */
    private final List<String> seen = new ArrayList<>();
    private final List<String> plaintextFound = new ArrayList<>();

    private static Path newFolder() {
        try {
            return Files.createTempDirectory("spool-at-rest");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void removeFolder() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:protect").to("smime:sign-encrypt?" + signer("alice") + "&" + recipient("bob"));
                from("file:" + inbox + "?noop=true&initialDelay=0&delay=50")
                        .to("smime:unwrap?" + decryptor("bob") + "&" + trust() + "&spoolThreshold=4096&spoolDirectory="
                                + spoolDir)
                        .process(this::inspectSpool)
                        .to("mock:opened");
            }

            private void inspectSpool(Exchange exchange) throws IOException {
                try (Stream<Path> files = Files.list(spoolDir)) {
                    for (Path f : files.toList()) {
                        seen.add(f.getFileName() + " " + PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(f)));
                        if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(MARKER)) {
                            plaintextFound.add(f.getFileName().toString());
                        }
                    }
                }
                // the route reads the decrypted body to its end, as a producer writing it out would
                exchange.getMessage().setBody(exchange.getMessage().getBody(String.class));
            }
        };
    }

    @Test
    void decryptedContentSpillsToDiskEncryptedAndOwnerOnly() throws Exception {
        StringBuilder text = new StringBuilder();
        while (text.length() < 200_000) {
            text.append(MARKER).append(" line ").append(text.length()).append("\r\n");
        }
        String message = messageFrom("alice").replace("Hello Bob,", text.toString());
        byte[] protectedMessage = send("direct:protect", bytes(message)).getMessage().getBody(byte[].class);
        assertThat(new String(protectedMessage, StandardCharsets.ISO_8859_1)).doesNotContain(MARKER);

        MockEndpoint opened = getMockEndpoint("mock:opened");
        opened.expectedMessageCount(1);
        NotifyBuilder done = new NotifyBuilder(context).whenDone(1).create();
        Files.createDirectories(inbox);
        Files.write(inbox.resolve("big.eml"), protectedMessage);
        opened.assertIsSatisfied(20_000);

        assertThat(opened.getExchanges().get(0).getMessage().getBody(String.class)).contains(MARKER);
        assertThat(seen).as("spool files while in flight").isNotEmpty()
                .allSatisfy(s -> assertThat(s).endsWith(" rw-------"));
        assertThat(plaintextFound).as("spool files holding the plaintext").isEmpty();
        assertThat(done.matches(20, TimeUnit.SECONDS)).isTrue();
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            try (Stream<Path> files = Files.list(spoolDir)) {
                assertThat(files.toList()).as("spool files after the exchange").isEmpty();
            }
        });
    }
}

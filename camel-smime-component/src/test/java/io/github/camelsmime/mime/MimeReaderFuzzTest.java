package io.github.camelsmime.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.SharedInputStream;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.camelsmime.FuzzKit;
import io.github.camelsmime.SmimeException;

/**
 * The component's MIME reading entry points on any bytes. {@code entity}: what the layer walk does with each layer
 * (the part-count and header-size check, then parse over a spool, content type, transfer encoding, the decoded and
 * the canonical body). {@code message}: what
 * marshal does with a MIME input (sniffing, splitting outer headers from the entity, 7-bit safety, writing the
 * entity). Allowed outcomes: a result, or the typed failures of these entry points (MimeFormatException,
 * SmimeException, IOException, MessagingException) with a message of their own.
 */
class MimeReaderFuzzTest {

    static Stream<byte[]> seeds() {
        return FuzzKit.messageSeeds();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "5m")
    @Timeout(FuzzKit.TIMEOUT_SECONDS)
    void entity(byte[] input) throws Exception {
        typed(() -> {
            MimeLimits.defaults().check(new ByteArrayInputStream(input));
            try (Spool spool = Spool.Settings.DEFAULT.of(new ByteArrayInputStream(input))) {
                SharedInputStream shared = (SharedInputStream) spool.open();
                MimeBodyPart part = Mime.parsePart(shared.newStream(0, -1));
                Mime.contentType(part);
                Mime.transferEncoding(part);
                try (InputStream decoded = Mime.decodedBody(part)) {
                    decoded.transferTo(OutputStream.nullOutputStream());
                }
                try (InputStream canonical = new CanonicalInputStream(Mime.rawBody(part))) {
                    canonical.transferTo(OutputStream.nullOutputStream());
                }
                InputSniffer.looksLikeMime(new ByteArrayInputStream(input));
            }
        });
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "5m")
    @Timeout(FuzzKit.TIMEOUT_SECONDS)
    void message(byte[] input) throws Exception {
        typed(() -> {
            MessageAssembler.Input in = new MessageAssembler.Input(new ByteArrayInputStream(input), null, null,
                    "fuzz.txt", Map.of("To", "fuzz@example.com"), List.of(), MessageAssembler.Format.AUTO);
            try (MessageAssembler.Assembled assembled = MessageAssembler.assemble(in, MimeLimits.defaults(),
                    Spool.Settings.DEFAULT)) {
                assembled.outerHeaders().forEach(h -> h.getValue());
                Entities.content(assembled.content()).writeTo(OutputStream.nullOutputStream());
            }
        });
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void typed(Action action) throws Exception {
        try {
            action.run();
        } catch (Mime.MimeFormatException | SmimeException | IOException | MessagingException e) {
            FuzzKit.requireOwnMessage(e);
        }
    }
}

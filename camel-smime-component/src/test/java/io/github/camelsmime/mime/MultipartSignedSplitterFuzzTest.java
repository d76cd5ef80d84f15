package io.github.camelsmime.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.camelsmime.FuzzKit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The multipart/signed splitter on any bytes: either the two parts' byte ranges, in order and inside the body, or an
 * IOException saying the body is not a two-part multipart/signed. The boundary is taken from the input's first
 * delimiter-like line, so whole messages (the corpus, the generated seeds) are meaningful inputs as they are.
 */
class MultipartSignedSplitterFuzzTest {

    static Stream<byte[]> split() {
        return FuzzKit.messageSeeds();
    }

    @MethodSource
    @FuzzTest(maxDuration = "2m")
    //@Timeout(FuzzKit.TIMEOUT_SECONDS)
    void split(byte[] body) {
        String boundary = boundaryOf(body);
        MultipartSignedSplitter.Ranges r;
        try {
            r = MultipartSignedSplitter.split(new ByteArrayInputStream(body), boundary);
        } catch (IOException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(r.contentStart()).isBetween(0L, r.contentEnd());
        assertThat(r.contentEnd()).isLessThanOrEqualTo(r.signatureStart());
        assertThat(r.signatureStart()).isLessThanOrEqualTo(r.signatureEnd());
        assertThat(r.signatureEnd()).isLessThanOrEqualTo(body.length);
    }

    /** The text after "--" on the first line that starts with it, without trailing blanks; "b" when there is none. */
    private static String boundaryOf(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (String line : text.split("\r?\n", 200)) {
            if (line.startsWith("--") && line.length() > 2) {
                String b = line.substring(2).stripTrailing();
                return b.isEmpty() ? "b" : b;
            }
        }
        return "b";
    }
}

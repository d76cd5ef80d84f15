package io.github.camelsmime.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.github.camelsmime.SmimeLimitException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming structure pass counts parts as Jakarta Mail would find them, and reads no further than it must. */
class MimeLimitsTest {

    private static final String NESTED = "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
            + "preamble\r\n"
            + "--outer\r\nContent-Type: text/plain\r\n\r\none\r\n"
            + "--outer \t\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n"
            + "--inner\r\nContent-Type: text/plain\r\n\r\ntwo\r\n"
            + "--inner\r\nContent-Type: text/html\r\n\r\n<p>three</p>\r\n"
            + "--inner--\r\n"
            + "--outer\r\nContent-Type: message/rfc822\r\n\r\n"
            + "Subject: embedded\r\nContent-Type: multipart/mixed; boundary=deep\r\n\r\n"
            + "--deep\r\n\r\nfour\r\n--deep--\r\n"
            + "--outer--\r\nepilogue\r\n--outer\r\n";

    private static InputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void countsThePartsOfEveryLevel() throws IOException {
        // outer: 3 parts; inner: 2; the embedded message's multipart: 1; the line after the close is epilogue
        new MimeLimits(6, 1000).check(in(NESTED));
        assertThatThrownBy(() -> new MimeLimits(5, 1000).check(in(NESTED)))
                .isInstanceOf(SmimeLimitException.class).hasMessageContaining("more than 5 MIME parts");
    }

    @Test
    void aLineThatOnlyStartsLikeADelimiterIsContent() throws IOException {
        String message = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n--bx\r\n--b-\r\n-- b\r\n--b--\r\n";
        new MimeLimits(1, 1000).check(in(message));
    }

    @Test
    void headerBlocksAreMeasuredOneByOne() {
        String part = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nX-Long: " + "x".repeat(500)
                + "\r\n\r\nbody\r\n--b--\r\n";
        assertThatCode(() -> new MimeLimits(10, 600).check(in(part))).doesNotThrowAnyException();
        assertThatThrownBy(() -> new MimeLimits(10, 400).check(in(part)))
                .isInstanceOf(SmimeLimitException.class).hasMessageContaining("400 bytes");
    }

    /** A leaf body outside any multipart cannot change the structure: the pass stops at its first line. */
    @Test
    void aLeafBodyIsNotRead() throws IOException {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("read past the header block");
            }
        };
        InputStream message = new SequenceInputStream(in("Content-Type: application/pkcs7-mime\r\n\r\nMIAGCSqG\n"),
                endless);
        new MimeLimits(1, 1000).check(message);
    }
}

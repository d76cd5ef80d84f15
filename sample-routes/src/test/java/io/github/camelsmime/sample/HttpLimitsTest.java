package io.github.camelsmime.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resource limits of the HTTP API under hostile input: a huge chunked upload is cut off at the body limit, idle
 * connections are closed (the junk-certificate flood is in {@link HttpCertificateFloodTest}: a 1 s idle timeout would
 * cut a slow verification short).
 */
class HttpLimitsTest {

    private static final int LIMIT = 4 * 1024 * 1024;
    private static final long FIVE_GIB = 5L << 30;

    @RegisterExtension
    static final HttpApi api = new HttpApi(Map.of("http.max.body.size", String.valueOf(LIMIT),
                "http.idle.timeout", "1"));

    /** Reads one response head (status line and headers) byte by byte, so nothing after it is consumed. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** A raw connection with an authorized text/plain POST to sign: its head, the header given, then {@code start}. */
    private static Socket postHead(String lengthHeader, String start) throws IOException {
        return rawPost("Authorization: Bearer " + GatewayHarness.TOKEN + "\r\n" + lengthHeader, start);
    }

    /** A raw connection with a text/plain POST to sign: its head with {@code headers}, then {@code start}. */
    private static Socket rawPost(String headers, String start) throws IOException {
        Socket socket = new Socket("127.0.0.1", api.gateway().httpPort());
        socket.setSoTimeout(60_000);
        socket.getOutputStream().write(("POST /smime/sign HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                + headers + "\r\n\r\n" + start).getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    @Test
    void aHugeChunkedUploadIsCutOffAtTheLimit() throws Exception {
        try (Socket socket = postHead("Transfer-Encoding: chunked", "")) {
            OutputStream out = socket.getOutputStream();
            AtomicLong sent = new AtomicLong();
            // 5 GiB announced as a stream of 64 KiB chunks; past 1 GiB the server obviously still reads: give up
            CompletableFuture<IOException> writer = CompletableFuture.supplyAsync(() -> {
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) 'a');
                byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    while (sent.get() < FIVE_GIB && sent.get() < (1L << 30)) {
                        out.write(size);
                        out.write(chunk);
                        out.write('\r');
                        out.write('\n');
                        sent.addAndGet(chunk.length);
                    }
                    return null;
                } catch (IOException e) {
                    return e;
                }
            });
            String head = readHead(socket.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/problem+json");
            IOException stopped = writer.get(120, TimeUnit.SECONDS);
            assertThat(stopped).as("the server closed the connection; sent " + sent.get()).isNotNull();
            assertThat(sent.get()).isLessThan(LIMIT + 64L * 1024 * 1024);
        }
    }

    @Test
    void noBodyIsReadWithoutTheToken() throws Exception {
        try (Socket socket = rawPost("Content-Length: 104857600", "the first of 100 MiB")) {
            String head = readHead(socket.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 401").containsIgnoringCase("content-type: application/problem+json")
                    .containsIgnoringCase("www-authenticate: Bearer");
            byte[] more = new byte[64 * 1024];
            long sent = 0;
            try {
                while (sent < (1L << 30)) {
                    socket.getOutputStream().write(more);
                    sent += more.length;
                }
            } catch (IOException closed) {
                // the server closed the connection instead of reading the upload
            }
            assertThat(sent).isLessThan(64L * 1024 * 1024);
        }
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        for (String partial : new String[] {"", "POST /smime/sign HTTP/1.1\r\nHost: 127.0.0.1\r\n"}) {
            try (Socket socket = new Socket("127.0.0.1", api.gateway().httpPort())) {
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                int read;
                try {
                    read = socket.getInputStream().read();
                } catch (java.net.SocketException reset) {
                    read = -1;
                }
                assertThat(read).as("closed after '" + partial.trim() + "'").isEqualTo(-1);
            }
        }
    }

    @Test
    void aSlowUploadIsClosedWhenItStalls() throws Exception {
        try (Socket socket = postHead("Content-Length: 1000", "only a few bytes")) {
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).doesNotContain("HTTP/1.1 200");
        }
    }
}

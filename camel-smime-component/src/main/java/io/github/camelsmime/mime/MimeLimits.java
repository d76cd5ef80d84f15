package io.github.camelsmime.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.ParseException;

import io.github.camelsmime.SmimeLimitException;

/**
 * Limits on the MIME structure of an entity, checked in one streaming pass over its bytes before Jakarta Mail parses
 * anything: Jakarta Mail loads a header block whole, and a multipart with all its parts at once (a 5 MB message of
 * 100,000 empty parts takes gigabytes). The pass keeps one header block of at most {@code maxHeaderSize} bytes and
 * the first bytes of a body line (enough to recognise a boundary), and stops at the first limit exceeded.
 *
 * @param maxParts      body parts of all multiparts of the entity together
 * @param maxHeaderSize bytes of one header block (the message's, or a part's)
 */
public record MimeLimits(int maxParts, int maxHeaderSize) {

    public static final int DEFAULT_MAX_PARTS = 1000;
    public static final int DEFAULT_MAX_HEADER_SIZE = 256 * 1024;

    public static MimeLimits defaults() {
        return new MimeLimits(DEFAULT_MAX_PARTS, DEFAULT_MAX_HEADER_SIZE);
    }

    /** Reads the entity as far as its structure goes; throws {@link SmimeLimitException} at a limit. */
    public void check(InputStream entity) throws IOException {
        try (InputStream in = entity) {
            new Scan().run(in);
        }
    }

    /** The state of one pass: where in the structure the current line is. */
    private final class Scan {
        /** "--" + boundary of each open multipart, outermost first. */
        private final List<byte[]> delimiters = new ArrayList<>();
        private final ByteArrayOutputStream header = new ByteArrayOutputStream();
        private boolean inHeaders = true;
        /** A multipart without a boundary parameter: Jakarta Mail takes its first "--" line as the boundary. */
        private boolean awaitingBoundary;
        private int parts;
        private byte[] head = new byte[80];
        private int headLength;
        private long lineLength;

        void run(InputStream in) throws IOException {
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                int i = 0;
                while (i < n) {
                    int lf = i;
                    while (lf < n && buf[lf] != '\n') {
                        lf++;
                    }
                    int end = lf < n ? lf + 1 : n;
                    append(buf, i, end - i);
                    if (lf < n && !endOfLine()) {
                        return;
                    }
                    i = end;
                }
            }
            if (lineLength > 0) {
                endOfLine();
            }
        }

        private void append(byte[] b, int off, int len) {
            int take = Math.min(len, head.length - headLength);
            System.arraycopy(b, off, head, headLength, take);
            headLength += take;
            lineLength += len;
            if (inHeaders) {
                if (header.size() + len > maxHeaderSize) {
                    throw new SmimeLimitException("A header block is larger than " + maxHeaderSize + " bytes"
                            + " (maxHeaderSize)");
                }
                header.write(b, off, len);
            }
        }

        /** Handles the line just read; false when nothing further can change the structure. */
        private boolean endOfLine() throws IOException {
            try {
                if (awaitingBoundary && headLength >= 2 && head[0] == '-' && head[1] == '-') {
                    firstDelimiter();
                } else if (!delimiter() && inHeaders && isBlank()) {
                    endOfHeaders();
                }
                // a leaf body outside any multipart holds no more structure: the rest is not read
                return inHeaders || awaitingBoundary || !delimiters.isEmpty();
            } finally {
                headLength = 0;
                lineLength = 0;
            }
        }

        private boolean isBlank() {
            return lineLength == 1 || lineLength == 2 && head[0] == '\r';
        }

        /** A delimiter line of an open multipart: a new part, or the end of that multipart (and those inside it). */
        private boolean delimiter() {
            if (headLength < 2 || head[0] != '-' || head[1] != '-') {
                return false;
            }
            for (int level = delimiters.size() - 1; level >= 0; level--) {
                byte[] d = delimiters.get(level);
                if (!startsWith(d)) {
                    continue;
                }
                boolean close = lineLength >= d.length + 2 && headLength >= d.length + 2
                        && head[d.length] == '-' && head[d.length + 1] == '-';
                if (!close && !onlyWhitespaceAfter(d.length)) {
                    continue;
                }
                delimiters.subList(close ? level : level + 1, delimiters.size()).clear();
                if (close) {
                    header.reset();
                    inHeaders = false;
                } else {
                    newPart();
                }
                return true;
            }
            return false;
        }

        private void firstDelimiter() {
            int length = headLength;
            while (length > 2 && (head[length - 1] == '\n' || head[length - 1] == '\r' || head[length - 1] == ' '
                    || head[length - 1] == '\t')) {
                length--;
            }
            // a line longer than the head is cut: a shorter delimiter matches more lines, never fewer
            delimiters.add(java.util.Arrays.copyOf(head, length));
            awaitingBoundary = false;
            newPart();
        }

        private void newPart() {
            header.reset();
            inHeaders = true;
            if (++parts > maxParts) {
                throw new SmimeLimitException("The message has more than " + maxParts + " MIME parts (maxParts)");
            }
        }

        private boolean startsWith(byte[] d) {
            if (headLength < d.length) {
                return false;
            }
            for (int i = 0; i < d.length; i++) {
                if (head[i] != d[i]) {
                    return false;
                }
            }
            return true;
        }

        private boolean onlyWhitespaceAfter(int from) {
            if (lineLength > headLength) {
                return false;
            }
            for (int i = from; i < headLength; i++) {
                byte b = head[i];
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    return false;
                }
            }
            return true;
        }

        /** A multipart opens a level; an embedded message/rfc822 starts with a header block of its own. */
        private void endOfHeaders() throws IOException {
            ContentType type = contentType(header.toByteArray());
            header.reset();
            String boundary = type == null ? null : type.getParameter("boundary");
            boolean multipart = type != null && type.match("multipart/*");
            if (multipart && (boundary == null || boundary.isEmpty())) {
                awaitingBoundary = true;
                head = head.length < 1000 ? new byte[1000] : head;
                inHeaders = false;
            } else if (multipart) {
                byte[] d = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
                delimiters.add(d);
                if (head.length < d.length + 4) {
                    head = new byte[d.length + 4];
                }
                inHeaders = false;
            } else {
                inHeaders = type != null && type.match("message/rfc822");
            }
        }

        private ContentType contentType(byte[] block) {
            try {
                String value = new InternetHeaders(new ByteArrayInputStream(block), true)
                        .getHeader("Content-Type", null);
                return value == null ? null : new ContentType(value);
            } catch (ParseException e) {
                return null;
            } catch (MessagingException e) {
                return null;
            }
        }
    }
}

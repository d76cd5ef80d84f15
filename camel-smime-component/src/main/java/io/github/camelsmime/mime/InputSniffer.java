package io.github.camelsmime.mime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a body is a MIME entity (a header block, then a blank line) or an arbitrary payload. Only header
 * names that messages and MIME entities really carry count, so a text file that happens to start with
 * {@code key: value} lines is not mistaken for a message.
 */
public final class InputSniffer {

    static final int WINDOW = 64 * 1024;
    private static final Set<String> MESSAGE_HEADERS = Set.of("content-type", "mime-version", "from", "to", "cc",
            "subject", "date", "message-id", "content-transfer-encoding", "content-disposition", "received",
            "return-path", "sender", "reply-to", "content-id", "content-description");

    private InputSniffer() {
    }

    public static boolean looksLikeMime(InputStream in) throws IOException {
        byte[] head = in.readNBytes(WINDOW);
        return looksLikeMime(head, head.length < WINDOW);
    }

    static boolean looksLikeMime(byte[] head, boolean complete) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int pos = 0;
        boolean sawKnownHeader = false;
        boolean sawHeader = false;
        while (pos < text.length()) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) {
                // header block not finished inside the window: only a complete, header-only input counts
                return complete && sawKnownHeader && isHeaderLine(text.substring(pos), sawHeader);
            }
            String line = text.substring(pos, eol);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            pos = eol + 1;
            if (line.isEmpty()) {
                return sawKnownHeader;
            }
            if (!isHeaderLine(line, sawHeader)) {
                return false;
            }
            if (line.charAt(0) != ' ' && line.charAt(0) != '\t') {
                sawHeader = true;
                String name = line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                sawKnownHeader |= MESSAGE_HEADERS.contains(name);
            }
        }
        return complete && sawKnownHeader;
    }

    private static boolean isHeaderLine(String line, boolean continuationAllowed) {
        if (line.isEmpty()) {
            return false;
        }
        char first = line.charAt(0);
        if (first == ' ' || first == '\t') {
            return continuationAllowed;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = line.charAt(i);
            if (c < 33 || c > 126) {
                return false;
            }
        }
        return true;
    }
}

package io.github.camelsmime.mime;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;

/** Content type of a payload from its file name, for payloads that arrive without one. */
public final class MediaTypes {

    private static final Map<String, String> EXTRA = Map.ofEntries(
            Map.entry("pdf", "application/pdf"),
            Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml"),
            Map.entry("csv", "text/csv"),
            Map.entry("txt", "text/plain"),
            Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"),
            Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("edi", "application/edi-x12"));

    private MediaTypes() {
    }

    public static String forFileName(String fileName) {
        if (fileName == null) {
            return "application/octet-stream";
        }
        int dot = fileName.lastIndexOf('.');
        if (dot >= 0) {
            String known = EXTRA.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (known != null) {
                return known;
            }
        }
        String guessed = URLConnection.guessContentTypeFromName(fileName);
        // message/* may not be base64-encoded (RFC 2046), and a wrapped payload always is when binary
        return guessed != null && !guessed.startsWith("message/") ? guessed : "application/octet-stream";
    }
}

package io.github.camelsmime.sample.support;

import org.apache.camel.Exchange;

/** The name under which an exchange's results are written (exchange property, else the consumed file's name). */
public final class GatewayNames {

    /** Exchange property: the output base name. */
    public static final String NAME = "GatewayName";
    /** Exchange property: the original bytes of a message (mail, JMS) for the rejected folder or queue. */
    public static final String ORIGINAL = "GatewayOriginal";
    /** Longest safe name; longer names are cut (and kept apart from each other by {@link ResultFolder}). */
    static final int MAX_LENGTH = 120;

    private GatewayNames() {
    }

    public static String of(Exchange exchange) {
        String name = exchange.getProperty(NAME, String.class);
        if (name == null) {
            name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        }
        if (name == null) {
            name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        }
        return safe(name, "message-" + exchange.getExchangeId());
    }

    /**
     * A file name that is safe in any folder: the last path segment (after {@code /} or {@code \}), letters, digits,
     * dot, dash and underscore (anything else becomes {@code _}), at most 120 characters, never hidden, never empty.
     */
    public static String safe(String name, String fallback) {
        if (name == null) {
            return fallback;
        }
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        StringBuilder out = new StringBuilder();
        for (char c : base.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '-' || c == '_' ? c : '_');
        }
        String s = out.toString().replaceAll("^[._]+", "");
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH);
        }
        return s.isEmpty() ? fallback : s;
    }
}

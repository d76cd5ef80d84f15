package io.github.camelsmime.sample.support;

import org.apache.camel.Exchange;

/** The name under which an exchange's results are written (exchange property, else the consumed file's name). */
public final class GatewayNames {

    /** Exchange property: the output base name. */
    public static final String NAME = "GatewayName";
    /** Exchange property: the original bytes of a message (mail, JMS) for the rejected folder or queue. */
    public static final String ORIGINAL = "GatewayOriginal";

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
        return AtomicFiles.safeName(name, "message-" + exchange.getExchangeId());
    }
}

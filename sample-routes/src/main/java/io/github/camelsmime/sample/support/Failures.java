package io.github.camelsmime.sample.support;

import java.time.Instant;

import io.github.camelsmime.SmimeException;
import org.apache.camel.Exchange;

/** Short reason codes and reason texts for rejected messages. */
public final class Failures {

    private Failures() {
    }

    public static Throwable caught(Exchange exchange) {
        Throwable t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return t != null ? t : exchange.getException();
    }

    /** The component's reason code (signature-invalid, untrusted, ...), else a code for the failure class. */
    public static String reason(Throwable t) {
        SmimeException smime = smime(t);
        if (smime != null) {
            return smime.getReason();
        }
        if (t instanceof BadRequestException) {
            return "bad-request";
        }
        return t == null ? "unknown" : "error";
    }

    /** The first SmimeException in the cause chain. */
    public static SmimeException smime(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SmimeException e) {
                return e;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /** A one-line message: the S/MIME failure's message if there is one, else the exception's. */
    public static String message(Throwable t) {
        SmimeException smime = smime(t);
        Throwable shown = smime != null ? smime : t;
        if (shown == null) {
            return "";
        }
        String msg = shown.getMessage();
        return (msg == null ? shown.getClass().getSimpleName() : msg).replace('\r', ' ').replace('\n', ' ');
    }

    /** The content of a NAME.reason.txt file. */
    public static String reasonText(Exchange exchange, String name) {
        Throwable t = caught(exchange);
        SmimeException smime = smime(t);
        Throwable shown = smime != null ? smime : t;
        return "reason: " + reason(t) + "\n"
                + "message: " + message(t) + "\n"
                + "exception: " + (shown == null ? "" : shown.getClass().getName()) + "\n"
                + "route: " + exchange.getFromRouteId() + "\n"
                + "name: " + name + "\n"
                + "time: " + Instant.now() + "\n";
    }
}

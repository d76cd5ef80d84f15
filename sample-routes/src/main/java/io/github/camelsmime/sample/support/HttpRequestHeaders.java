package io.github.camelsmime.sample.support;

import java.util.List;
import java.util.Locale;

import io.vertx.core.http.HttpServerRequest;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * First step of every HTTP route: platform-http turns request headers, query parameters and form fields alike into
 * Camel headers, so a parameter could pose as the bearer token, the body's media type or a header that steers the
 * component. This replaces all of them by the few the route uses, each taken from where it may come from:
 * {@code Authorization} and {@code Content-Type} from the request headers only, and the message fields the route
 * allows ({@code from}, {@code to}, {@code cc}, {@code subject}) from the query string (or a request header of that
 * name), at most once each and as one line of text: a value with a line break or another control character is
 * refused with {@link BadRequestException}, so it can never add header lines to the message.
 */
public final class HttpRequestHeaders implements Processor {

    /** The message fields sign and encrypt take from the request. */
    public static final List<String> MESSAGE_FIELDS = List.of("From", "To", "Cc", "Subject");

    private final List<String> fields;

    /** @param fields the message fields this route takes from the request (none for verify and decrypt) */
    public HttpRequestHeaders(List<String> fields) {
        this.fields = List.copyOf(fields);
    }

    @Override
    public void process(Exchange exchange) {
        HttpServerRequest request = exchange.getMessage(HttpMessage.class).getRequest();
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        List<String> authorization = request.headers().getAll("Authorization");
        if (authorization.size() == 1) {
            message.setHeader("Authorization", authorization.get(0));
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType != null) {
            message.setHeader(Exchange.CONTENT_TYPE, contentType);
        }
        for (String field : fields) {
            String value = single(field, request);
            if (value != null) {
                message.setHeader(field, checked(field, value));
            }
        }
    }

    private static String single(String field, HttpServerRequest request) {
        String name = field.toLowerCase(Locale.ROOT);
        List<String> values = new java.util.ArrayList<>(request.params().getAll(name));
        values.addAll(request.headers().getAll(name));
        if (values.size() > 1) {
            throw new BadRequestException(name + " is given more than once; put several addresses in one value,"
                    + " comma separated");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    private static String checked(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029') {
                throw new BadRequestException(field.toLowerCase(Locale.ROOT)
                        + " must be one line of text: it contains a line break or another control character");
            }
        }
        if (!field.equals("Subject")) {
            try {
                InternetAddress.parseHeader(value, true);
            } catch (AddressException e) {
                throw new BadRequestException(field.toLowerCase(Locale.ROOT) + " is not a list of e-mail addresses");
            }
        }
        return value;
    }
}

package io.github.camelsmime.sample.support;

/** Input the gateway cannot work with (empty, not a message): answered with 400 over HTTP. */
public class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message);
    }
}

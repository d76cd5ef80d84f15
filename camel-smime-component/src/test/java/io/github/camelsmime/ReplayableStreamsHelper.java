package io.github.camelsmime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.activation.DataHandler;

/** Reads an attachment's data in tests. */
final class ReplayableStreamsHelper {

    private ReplayableStreamsHelper() {
    }

    static byte[] read(DataHandler handler) {
        try (InputStream in = handler.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

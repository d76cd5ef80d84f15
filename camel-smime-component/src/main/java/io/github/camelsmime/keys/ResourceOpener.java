package io.github.camelsmime.keys;

import java.io.IOException;
import java.io.InputStream;

/** Opens a configured resource (a path, {@code file:} or {@code classpath:} URI); the Camel faces supply it. */
@FunctionalInterface
public interface ResourceOpener {
    InputStream open(String resource) throws IOException;
}

package io.github.camelsmime.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;

import jakarta.mail.util.StreamProvider;

/**
 * Lets Jakarta Mail find its {@link StreamProvider} without a class-path scan, for the current thread and only while
 * the component works on a message.
 * <p>
 * Jakarta Mail 2.1 looks the provider up with a {@code ServiceLoader} over the thread's context class loader every
 * time a body part or multipart is created or a stream encoded (a scan of every jar on the class path: in an A/B run
 * of the benchmarks it made a 4 KiB signature 3.7 times slower). Instead of the JVM-wide system property that would
 * short-cut the lookup for everybody, {@link #enter()} puts a class loader in front for this thread that answers that
 * one service file from memory, naming the provider the scan found once; it delegates everything else to the loader
 * of the component, and {@link #close()} restores the previous context class loader. The {@code ServiceLoader} still
 * runs (it parses the answer and instantiates the provider), so this saves less than the property: creating a body
 * part took 180-460 us inside the scope, 850-1000 us without it and 8 us with the property (a plain loop at load
 * average 13; {@code HandwrittenCodeBenchmark.bodyPart_*} showed no clear difference at load 15).
 */
public final class StreamProviderScope implements AutoCloseable {

    private static final String SERVICE_FILE = "META-INF/services/" + StreamProvider.class.getName();
    /** Null when no provider could be found (then Jakarta Mail keeps looking it up itself). */
    private static final ClassLoader LOOKUP = lookup();

    private final Thread thread;
    private final ClassLoader previous;

    private StreamProviderScope(Thread thread, ClassLoader previous) {
        this.thread = thread;
        this.previous = previous;
    }

    /** Starts the scope on the current thread; use in try-with-resources. */
    public static StreamProviderScope enter() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        if (LOOKUP != null) {
            thread.setContextClassLoader(LOOKUP);
        }
        return new StreamProviderScope(thread, previous);
    }

    @Override
    public void close() {
        thread.setContextClassLoader(previous);
    }

    private static ClassLoader lookup() {
        String provider;
        try {
            provider = StreamProvider.provider().getClass().getName();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
        byte[] content = (provider + "\n").getBytes(StandardCharsets.UTF_8);
        URL url;
        try {
            url = new URL("camel-smime", null, -1, "/" + SERVICE_FILE, new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL u) {
                    return new URLConnection(u) {
                        @Override
                        public void connect() {
                            connected = true;
                        }

                        @Override
                        public InputStream getInputStream() {
                            return new ByteArrayInputStream(content);
                        }
                    };
                }
            });
        } catch (IOException e) {
            return null;
        }
        return new ClassLoader("camel-smime-stream-provider", StreamProviderScope.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return SERVICE_FILE.equals(name) ? Collections.enumeration(java.util.List.of(url))
                        : super.getResources(name);
            }
        };
    }
}

package io.github.camelsmime.mime;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.util.StreamProvider;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component finds Jakarta Mail's stream provider without touching anything JVM-wide: no system property is set,
 * the thread's context class loader is back to what it was after the scope, and inside it Jakarta Mail gets the
 * provider its own lookup finds and works as usual.
 */
class StreamProviderScopeTest {

    @Test
    void noSystemPropertyAndTheContextClassLoaderIsRestored() throws Exception {
        ClassLoader mine = new URLClassLoader(new URL[0], getClass().getClassLoader());
        Thread.currentThread().setContextClassLoader(mine);
        try {
            try (StreamProviderScope scope = StreamProviderScope.enter()) {
                assertThat(Thread.currentThread().getContextClassLoader()).isNotSameAs(mine);
                assertThat(StreamProvider.provider().getClass()).isEqualTo(outsideProvider(mine));
                MimeBodyPart part = new MimeBodyPart();
                part.setText("grüße", "UTF-8");
                part.setHeader("Content-Transfer-Encoding", "base64");
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                part.writeTo(out);
                assertThat(out.toString(StandardCharsets.US_ASCII)).contains("Z3LDvMOfZQ==");
            }
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(mine);
            assertThat(System.getProperty(StreamProvider.class.getName())).isNull();
        } finally {
            Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
        }
    }

    private static Class<?> outsideProvider(ClassLoader loader) {
        ClassLoader inside = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            return StreamProvider.provider().getClass();
        } finally {
            Thread.currentThread().setContextClassLoader(inside);
        }
    }
}

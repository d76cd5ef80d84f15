package io.github.camelsmime;

import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * KeyStoreParameters whose password is a property placeholder: the key entries are read with the resolved password
 * (as Camel resolves the store password), and a key that cannot be read is named by the alias that was tried.
 */
class KeyStoreParametersPasswordTest extends SmimeTestSupport {

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.setProperty("keys.password", TestPki.PASSWORD);
        return p;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("aliceKeys", parameters("alice.p12", "{{keys.password}}"));
        context.getRegistry().bind("bobKeys", parameters("bob.p12", "{{keys.password}}"));
        return context;
    }

    private static KeyStoreParameters parameters(String file, String password) {
        KeyStoreParameters ksp = new KeyStoreParameters();
        ksp.setResource("file:" + PKI.path(file));
        ksp.setPassword(password);
        return ksp;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:protect")
                        .to("smime:sign-encrypt?signerKeyStoreParameters=#aliceKeys&" + recipient("bob"))
                        .to("smime:unwrap?decryptKeyStoreParameters=#bobKeys&" + trust());
            }
        };
    }

    @Test
    void placeholderPasswordSignsAndDecryptsThroughARoute() {
        Exchange out = send("direct:protect", bytes(MESSAGE));
        assertThat(out.getMessage().getHeader(SmimeConstants.LAYERS)).isEqualTo("encrypted,signed");
        assertThat(out.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(out.getMessage().getHeader(SmimeConstants.SIGNERS, String.class)).contains("alice");
        assertThat(textOf(bodyOf(out))).isEqualTo(textOf(MESSAGE));
    }

    @Test
    void unreadableKeyNamesTheAliasTriedAndNoPassword() {
        context.getRegistry().bind("wrongKeyPassword", parameters("alice.p12", "{{keys.password}}"));
        Throwable e = catchThrowable(() -> template.requestBody(
                "smime:sign?signerKeyStoreParameters=#wrongKeyPassword&signerKeyPassword=not-it", bytes(MESSAGE)));
        assertThat(e).hasStackTraceContaining("Cannot read key 'alice'");
        assertThat(e).hasStackTraceContaining("alice.p12");
        assertThat(stackTrace(e)).doesNotContain("not-it").doesNotContain(TestPki.PASSWORD);
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}

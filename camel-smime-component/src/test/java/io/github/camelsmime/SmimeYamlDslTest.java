package io.github.camelsmime;

import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The data format and the endpoint from the YAML DSL, with key options from property placeholders. */
class SmimeYamlDslTest extends SmimeTestSupport {

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.setProperty("test.anchors", PKI.path("ca.pem"));
        p.setProperty("signer.password", TestPki.PASSWORD);
        p.setProperty("test.alice.p12", PKI.path("alice.p12"));
        p.setProperty("test.bob.p12", PKI.path("bob.p12"));
        p.setProperty("test.bob.pem", PKI.path("bob.pem"));
        return p;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        SmimeDataFormat signer = new SmimeDataFormat();
        signer.getConfiguration().setSignerKeyStore(PKI.path("alice.p12"));
        signer.getConfiguration().setSignerKeyStorePassword("{{signer.password}}");
        context.getRegistry().bind("yamlSigner", signer);
        return context;
    }

    @Test
    void yamlRouteSignsAndVerifies() throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(
                PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/smime-yaml-route.yaml"));
        Exchange out = send("direct:yaml-sign", bytes(MESSAGE));
        assertThat(out.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(textOf(bodyOf(out))).isEqualTo(textOf(MESSAGE));
    }

    @Test
    void yamlBeanDataFormatSignsAndEncrypts() throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(
                PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/smime-yaml-beans.yaml"));
        Exchange out = send("direct:yaml-beans", bytes(MESSAGE));
        assertThat(out.getMessage().getHeader(SmimeConstants.LAYERS)).isEqualTo("encrypted,signed");
        assertThat(out.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(textOf(bodyOf(out))).isEqualTo(textOf(MESSAGE));
    }
}

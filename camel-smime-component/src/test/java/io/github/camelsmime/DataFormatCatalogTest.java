package io.github.camelsmime;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.camel.CatalogCamelContext;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asked for the smime data format, Camel's catalog answers with the data format's own metadata (kind dataformat, the
 * options marshal and unmarshal take), not with the component's; the data format docs list no endpoint-only option.
 */
class DataFormatCatalogTest extends SmimeTestSupport {

    @Test
    void catalogReturnsTheDataFormatsOwnJson() throws Exception {
        CatalogCamelContext catalog = (CatalogCamelContext) context;
        JsonObject dataFormat = (JsonObject) Jsoner.deserialize(catalog.getDataFormatParameterJsonSchema("smime"));
        JsonObject model = (JsonObject) dataFormat.get("dataformat");
        assertThat(model).as("a dataformat document").isNotNull();
        assertThat(model.getString("kind")).isEqualTo("dataformat");
        assertThat(model.getString("name")).isEqualTo("smime");
        JsonObject options = (JsonObject) dataFormat.get("properties");
        assertThat(options).containsKeys("signerKeyStore", "recipientCertificates", "trustAnchors", "requireSigned",
                "outputParts").doesNotContainKeys("operation", "lazyStartProducer");

        JsonObject component = (JsonObject) Jsoner.deserialize(catalog.getComponentParameterJsonSchema("smime"));
        assertThat(((JsonObject) component.get("component")).getString("kind")).isEqualTo("component");
        // the same option set, once: every component option but the endpoint's own
        JsonObject endpointOptions = (JsonObject) component.get("properties");
        for (String name : endpointOptions.keySet()) {
            if (!name.equals("operation") && !name.equals("lazyStartProducer")) {
                assertThat(options).as("data format option " + name).containsKey(name);
            }
        }
    }

    @Test
    void dataFormatIsListedInItsPropertiesFile() throws Exception {
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/services/org/apache/camel/dataformat.properties")) {
            assertThat(in).as("dataformat.properties").isNotNull();
            p.load(in);
        }
        assertThat(p.getProperty("dataFormats")).isEqualTo("smime");
        assertThat(p.getProperty("artifactId")).isEqualTo("camel-smime");
    }

    @Test
    void dataFormatDocsListNoEndpointOnlyOption() throws Exception {
        String docs = Files.readString(Path.of("src/main/docs/smime-dataformat.adoc"));
        assertThat(docs).doesNotContain("*operation*").doesNotContain("*lazyStartProducer*");
    }
}

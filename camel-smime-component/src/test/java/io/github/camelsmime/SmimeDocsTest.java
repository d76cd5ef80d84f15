package io.github.camelsmime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every option and header Camel's metadata knows is documented (src/main/docs/update-tables.py writes the tables). */
class SmimeDocsTest {

    @Test
    void everyOptionAndHeaderIsInTheComponentDocs() throws Exception {
        String json = Files.readString(Path.of("src/generated/resources/META-INF/io/github/camelsmime/smime.json"));
        String component = Files.readString(Path.of("src/main/docs/smime-component.adoc"));
        String dataFormat = Files.readString(Path.of("src/main/docs/smime-dataformat.adoc"));
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\"(\\w+)\": \\{ \"index\"").matcher(json);
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).contains("signerKeyStore", "CamelSmimeSigned");
        for (String name : names) {
            if (name.equals("configuration") || name.equals("lazyStartProducer") || name.equals("autowiredEnabled")) {
                continue;
            }
            assertThat(component).as("smime-component.adoc documents " + name).contains("*" + name + "*");
            if (!name.startsWith("Camel") && !name.equals("operation")) {
                assertThat(dataFormat).as("smime-dataformat.adoc documents " + name).contains("*" + name + "*");
            }
        }
    }
}

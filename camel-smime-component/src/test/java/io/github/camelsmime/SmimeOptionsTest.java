package io.github.camelsmime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.Test;

import io.github.camelsmime.encrypt.ContentEncryption;
import io.github.camelsmime.encrypt.KeyEncryption;
import io.github.camelsmime.mime.MessageAssembler;
import io.github.camelsmime.trust.SenderBinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Options keep their public names but are typed and checked when the endpoint is created, not per message: the
 * operation and every enum are parsed once; unknown options and values are refused by Camel's URI binding; the data
 * format binds every option by the same name through its configurer.
 */
class SmimeOptionsTest extends SmimeTestSupport {

    @Test
    void enumOptionsAreTypedFromTheUri() {
        SmimeEndpoint endpoint = context.getEndpoint("smime:sign-encrypt?encryptionAlgorithm=AES_128_CBC"
                + "&keyEncryptionAlgorithm=RSA_PKCS1&senderBinding=fromOrSender&inputFormat=raw", SmimeEndpoint.class);
        assertThat(endpoint.getOperation()).isEqualTo(SmimeOperation.signEncrypt);
        SmimeConfiguration cfg = endpoint.getConfiguration();
        assertThat(cfg.getEncryptionAlgorithm()).isEqualTo(ContentEncryption.AES_128_CBC);
        assertThat(cfg.getKeyEncryptionAlgorithm()).isEqualTo(KeyEncryption.RSA_PKCS1);
        assertThat(cfg.getSenderBinding()).isEqualTo(SenderBinding.Mode.FROM_OR_SENDER);
        assertThat(cfg.getInputFormat()).isEqualTo(MessageAssembler.Format.RAW);
    }

    @Test
    void badOperationsOptionsAndValuesAreRefusedWhenTheEndpointIsCreated() {
        assertThatThrownBy(() -> context.getEndpoint("smime:frobnicate"))
                .isInstanceOf(ResolveEndpointFailedException.class).hasMessageContaining("frobnicate");
        assertThatThrownBy(() -> context.getEndpoint("smime:sign?signerAliass=alice"))
                .isInstanceOf(ResolveEndpointFailedException.class).hasMessageContaining("signerAliass");
        assertThatThrownBy(() -> context.getEndpoint("smime:encrypt?encryptionAlgorithm=DES"))
                .isInstanceOf(ResolveEndpointFailedException.class).hasMessageContaining("DES");
        assertThatThrownBy(() -> context.getEndpoint("smime:unwrap?senderBinding=sometimes"))
                .isInstanceOf(ResolveEndpointFailedException.class).hasMessageContaining("sometimes");
    }

    @Test
    void dataFormatBindsEveryOptionByName() throws Exception {
        SmimeDataFormat dataFormat = new SmimeDataFormat();
        PropertyBindingSupport.build().withCamelContext(context).withTarget(dataFormat)
                .withProperties(new java.util.HashMap<>(Map.of("encryptionAlgorithm", "CHACHA20_POLY1305",
                        "senderBinding", "off", "maxDepth", "3", "requireSigned", "false")))
                .withConfigurer(new SmimeDataFormatConfigurer()).bind();
        SmimeConfiguration cfg = dataFormat.getConfiguration();
        assertThat(cfg.getEncryptionAlgorithm()).isEqualTo(ContentEncryption.CHACHA20_POLY1305);
        assertThat(cfg.getSenderBinding()).isEqualTo(SenderBinding.Mode.OFF);
        assertThat(cfg.getMaxDepth()).isEqualTo(3);
        assertThat(cfg.getRequireSigned()).isFalse();

        PropertyConfigurer configurer = PluginHelper.getConfigurerResolver(context)
                .resolvePropertyConfigurer("smime-dataformat", context);
        assertThat(configurer).isInstanceOf(SmimeDataFormatConfigurer.class);
        for (String option : endpointOptions()) {
            if (!option.equals("operation") && !option.equals("lazyStartProducer")) {
                assertThat(((PropertyConfigurerGetter) configurer).getOptionType(option, false))
                        .as("data format option " + option).isNotNull();
            }
        }
    }

    private static List<String> endpointOptions() throws Exception {
        String json = Files.readString(Path.of("src/generated/resources/META-INF/io/github/camelsmime/smime.json"));
        String properties = json.substring(json.indexOf("\"properties\""));
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\"(\\w+)\": \\{ \"index\"").matcher(properties);
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).hasSizeGreaterThan(40);
        return names;
    }
}

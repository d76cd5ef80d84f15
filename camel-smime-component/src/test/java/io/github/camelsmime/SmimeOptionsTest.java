package io.github.camelsmime;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.camel.CatalogCamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
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
                .withProperties(new HashMap<>(Map.of("encryptionAlgorithm", "CHACHA20_POLY1305",
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

    @Test
    void componentDefaultsOfEveryOptionGroupReachTheEndpointAsACopy() {
        // one option of each class of the option chain (signing, encryption, decryption, trust, limits, spool)
        SmimeConfiguration defaults = context.getComponent("smime", SmimeComponent.class).getConfiguration();
        defaults.setSignerAlias("alice");
        defaults.setEncryptionAlgorithm(ContentEncryption.AES_128_GCM);
        defaults.setAllowUnauthenticatedEncryption(true);
        defaults.setSenderBinding(SenderBinding.Mode.OFF);
        defaults.setMaxParts(7);
        defaults.setSpoolDirectory("spool");

        SmimeConfiguration cfg = context.getEndpoint("smime:unwrap?maxParts=9&senderBinding=from", SmimeEndpoint.class)
                .getConfiguration();
        assertThat(cfg).isNotSameAs(defaults);
        assertThat(cfg.getSignerAlias()).isEqualTo("alice");
        assertThat(cfg.getEncryptionAlgorithm()).isEqualTo(ContentEncryption.AES_128_GCM);
        assertThat(cfg.isAllowUnauthenticatedEncryption()).isTrue();
        assertThat(cfg.getSpoolDirectory()).isEqualTo("spool");
        assertThat(cfg.getMaxParts()).isEqualTo(9);
        assertThat(cfg.getSenderBinding()).isEqualTo(SenderBinding.Mode.FROM);
        // the endpoint's own values do not leak back into the component's defaults
        assertThat(defaults.getMaxParts()).isEqualTo(7);
        assertThat(defaults.getSenderBinding()).isEqualTo(SenderBinding.Mode.OFF);
    }

    /** Every endpoint option, as Camel's catalog lists them. */
    private Set<String> endpointOptions() throws Exception {
        String json = ((CatalogCamelContext) context).getComponentParameterJsonSchema("smime");
        Set<String> names = ((JsonObject) ((JsonObject) Jsoner.deserialize(json)).get("properties")).keySet();
        assertThat(names).hasSizeGreaterThan(40);
        return names;
    }
}

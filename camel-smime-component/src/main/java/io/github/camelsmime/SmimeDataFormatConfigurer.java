package io.github.camelsmime;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ExtendedPropertyConfigurerGetter;
import org.apache.camel.spi.PropertyConfigurer;

/**
 * Binds data format options ({@code dataformat:smime:marshal?signerAlias=...}, YAML properties) without reflection.
 * Camel's generator writes configurers for components but not for third-party data formats, so this one hands every
 * option to the configurer generated for {@link SmimeConfiguration}: the option list exists once.
 */
public class SmimeDataFormatConfigurer implements PropertyConfigurer, ExtendedPropertyConfigurerGetter {

    private static final ExtendedPropertyConfigurerGetter DELEGATE = generated();

    private static ExtendedPropertyConfigurerGetter generated() {
        try {
            // written by camel-package-maven-plugin next to SmimeConfiguration (@Configurer)
            return (ExtendedPropertyConfigurerGetter) Class.forName(SmimeConfiguration.class.getName() + "Configurer")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Generated configurer for SmimeConfiguration is missing", e);
        }
    }

    @Override
    public boolean configure(CamelContext camelContext, Object target, String name, Object value, boolean ignoreCase) {
        SmimeDataFormat dataFormat = (SmimeDataFormat) target;
        if (name.equalsIgnoreCase("configuration") && value instanceof SmimeConfiguration cfg) {
            dataFormat.setConfiguration(cfg);
            return true;
        }
        return ((PropertyConfigurer) DELEGATE).configure(camelContext, dataFormat.getConfiguration(), name, value,
                ignoreCase);
    }

    @Override
    public Class<?> getOptionType(String name, boolean ignoreCase) {
        return DELEGATE.getOptionType(name, ignoreCase);
    }

    @Override
    public Object getOptionValue(Object target, String name, boolean ignoreCase) {
        return DELEGATE.getOptionValue(((SmimeDataFormat) target).getConfiguration(), name, ignoreCase);
    }

    @Override
    public Map<String, Object> getAllOptions(Object target) {
        return DELEGATE.getAllOptions(((SmimeDataFormat) target).getConfiguration());
    }
}

package io.github.camelsmime;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.support.PluginHelper;

/**
 * Binds data format options ({@code dataformat:smime:marshal?signerAlias=...}, YAML properties) without reflection.
 * Camel's generator writes configurers for components but not for third-party data formats, so this one hands every
 * option to the configurer generated for {@link SmimeConfiguration}: the option list exists once.
 */
public class SmimeDataFormatConfigurer implements PropertyConfigurer, PropertyConfigurerGetter {

    private volatile PropertyConfigurer delegate;

    private PropertyConfigurer delegate(CamelContext context) {
        PropertyConfigurer d = delegate;
        if (d == null) {
            d = PluginHelper.getConfigurerResolver(context)
                    .resolvePropertyConfigurer(SmimeConfiguration.class.getName(), context);
            if (d == null) {
                throw new IllegalStateException("Generated configurer for SmimeConfiguration not found");
            }
            delegate = d;
        }
        return d;
    }

    @Override
    public boolean configure(CamelContext camelContext, Object target, String name, Object value, boolean ignoreCase) {
        SmimeDataFormat dataFormat = (SmimeDataFormat) target;
        if (name.equalsIgnoreCase("configuration") && value instanceof SmimeConfiguration cfg) {
            dataFormat.setConfiguration(cfg);
            return true;
        }
        return delegate(camelContext).configure(camelContext, dataFormat.getConfiguration(), name, value, ignoreCase);
    }

    @Override
    public Class<?> getOptionType(String name, boolean ignoreCase) {
        PropertyConfigurer d = delegate;
        return d instanceof PropertyConfigurerGetter getter ? getter.getOptionType(name, ignoreCase) : null;
    }

    @Override
    public Object getOptionValue(Object target, String name, boolean ignoreCase) {
        PropertyConfigurer d = delegate;
        return d instanceof PropertyConfigurerGetter getter
                ? getter.getOptionValue(((SmimeDataFormat) target).getConfiguration(), name, ignoreCase) : null;
    }
}

package io.github.camelsmime;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/** The {@code smime:} component; options set here are the defaults of every endpoint. */
@Component("smime")
public class SmimeComponent extends DefaultComponent {

    @Metadata(description = "Shared configuration: defaults for every smime endpoint")
    private SmimeConfiguration configuration = new SmimeConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SmimeEndpoint endpoint = new SmimeEndpoint(uri, this, configuration.copy());
        // parsed once, here: the producer runs the enum
        endpoint.setOperation(SmimeOperation.fromUri(remaining));
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public SmimeConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SmimeConfiguration configuration) {
        this.configuration = configuration;
    }
}

package io.github.camelsmime;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** Runs the endpoint's operation on each exchange. */
public class SmimeProducer extends DefaultProducer {

    private final SmimeEndpoint endpoint;
    private SmimeExchangeProcessor processor;

    public SmimeProducer(SmimeEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        SmimeEngine engine = new SmimeEngine(getEndpoint().getCamelContext(), endpoint.getConfiguration());
        processor = new SmimeExchangeProcessor(engine, endpoint.getConfiguration(), endpoint.getOperation());
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        processor.process(exchange);
    }
}

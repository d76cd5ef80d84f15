package io.github.camelsmime;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** Runs the endpoint's operation on each exchange. */
public class SmimeProducer extends DefaultProducer {

    private final SmimeEndpoint endpoint;
    private SmimeEngine engine;

    public SmimeProducer(SmimeEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        engine = new SmimeEngine(getEndpoint().getCamelContext(), endpoint.getConfiguration());
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SmimeOperation op = endpoint.operation();
        ExchangeBinding.plainMessage(exchange);
        Object body = ExchangeBinding.replayableBody(exchange, engine.spools());
        Object result = op.isProtecting()
                ? SmimeProcessing.protect(engine, endpoint.getConfiguration(), op, exchange, body)
                : SmimeProcessing.open(engine, endpoint.getConfiguration(), op, exchange, body);
        exchange.getMessage().setBody(result);
    }
}

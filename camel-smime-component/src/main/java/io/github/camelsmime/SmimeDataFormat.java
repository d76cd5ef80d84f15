package io.github.camelsmime;

import java.io.InputStream;
import java.io.OutputStream;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.spi.annotations.Dataformat;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The {@code smime} data format. Marshal signs, encrypts, signs-then-encrypts or compresses, chosen by what is
 * configured (a signer, recipients, compress); unmarshal opens every S/MIME layer it finds (like {@code unwrap}).
 * Options are those of {@link SmimeConfiguration}.
 */
@Dataformat("smime")
public class SmimeDataFormat extends ServiceSupport implements DataFormat, DataFormatName, CamelContextAware {

    private CamelContext camelContext;
    private SmimeConfiguration configuration = new SmimeConfiguration();
    private volatile SmimeEngine engine;

    public SmimeDataFormat() {
    }

    public SmimeDataFormat(SmimeConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public String getDataFormatName() {
        return "smime";
    }

    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        SmimeEngine e = engine();
        SmimeProcessing.protect(e, configuration, e.defaultMarshalOperation(), exchange, graph, stream);
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        return unmarshal(exchange, (Object) stream);
    }

    /**
     * Takes the body as it is (a mail from camel-mail keeps its headers, which its InputStream conversion would
     * drop). Camel's unmarshal processor writes the result on the message it held before calling: the message is
     * never swapped under it; when the verdict needs a plain message, that message is the result.
     */
    @Override
    public Object unmarshal(Exchange exchange, Object body) throws Exception {
        Message current = exchange.getMessage();
        Message target = ExchangeBinding.target(exchange);
        Object result = SmimeProcessing.open(engine(), configuration, SmimeOperation.unwrap, exchange, target, body);
        if (target == current) {
            return result;
        }
        target.setBody(result);
        return target;
    }

    /**
     * Keys are resolved on first use: the dataformat: endpoint and the YAML DSL start a data format before binding its
     * options, so resolving them in doStart would see none.
     */
    private SmimeEngine engine() {
        SmimeEngine e = engine;
        if (e == null) {
            synchronized (this) {
                e = engine;
                if (e == null) {
                    e = new SmimeEngine(camelContext, configuration);
                    engine = e;
                }
            }
        }
        return e;
    }

    @Override
    protected void doStop() {
        engine = null;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public SmimeConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SmimeConfiguration configuration) {
        this.configuration = configuration;
    }
}

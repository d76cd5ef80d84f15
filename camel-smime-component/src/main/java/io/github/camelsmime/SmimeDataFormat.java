package io.github.camelsmime;

import java.io.InputStream;
import java.io.OutputStream;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The {@code smime} data format. Marshal signs, encrypts, signs-then-encrypts or compresses, chosen by what is
 * configured (a signer, recipients, compress); unmarshal opens every S/MIME layer it finds (like {@code unwrap}).
 * Options are those of {@link SmimeConfiguration}. Camel creates it by name as
 * {@link io.github.camelsmime.dataformat.NamedSmimeDataFormat}.
 */
public class SmimeDataFormat extends ServiceSupport implements DataFormat, DataFormatName, CamelContextAware {

    private CamelContext camelContext;
    private SmimeConfiguration configuration = new SmimeConfiguration();
    private volatile SmimeEngine engine;
    private volatile SmimeExchangeProcessor marshaller;
    private volatile SmimeExchangeProcessor unmarshaller;

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
        marshaller().marshal(exchange, graph, stream);
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        return unmarshaller().unmarshal(exchange, stream);
    }

    /** Takes the body as it is: a mail from camel-mail keeps its headers, which its InputStream conversion drops. */
    @Override
    public Object unmarshal(Exchange exchange, Object body) throws Exception {
        return unmarshaller().unmarshal(exchange, body);
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

    /** Marshal's operation follows from what is configured (a signer, recipients, compress): decided once. */
    private SmimeExchangeProcessor marshaller() {
        SmimeExchangeProcessor m = marshaller;
        if (m == null) {
            SmimeEngine e = engine();
            m = new SmimeExchangeProcessor(e, configuration, e.defaultMarshalOperation());
            marshaller = m;
        }
        return m;
    }

    private SmimeExchangeProcessor unmarshaller() {
        SmimeExchangeProcessor u = unmarshaller;
        if (u == null) {
            u = new SmimeExchangeProcessor(engine(), configuration, SmimeOperation.unwrap);
            unmarshaller = u;
        }
        return u;
    }

    @Override
    protected synchronized void doStop() {
        engine = null;
        marshaller = null;
        unmarshaller = null;
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

package io.github.camelsmime;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * S/MIME (RFC 8551): sign, encrypt, sign-encrypt and compress messages, or verify, decrypt and unwrap them, with
 * certificate trust per RFC 8550.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "smime", title = "S/MIME", syntax = "smime:operation",
             producerOnly = true, remote = false, category = { Category.SECURITY, Category.MAIL },
             headersClass = SmimeConstants.class)
public class SmimeEndpoint extends DefaultEndpoint {

    @UriPath(enums = "sign,encrypt,sign-encrypt,compress,verify,decrypt,unwrap",
             description = "What to do: sign, encrypt, sign-encrypt, compress (protect a message) or verify, decrypt,"
                    + " unwrap (open one; unwrap opens every layer in whatever order it arrives)")
    @Metadata(required = true)
    private SmimeOperation operation;
    @UriParam
    private SmimeConfiguration configuration;

    public SmimeEndpoint(String uri, SmimeComponent component, SmimeConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new SmimeProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("The smime endpoint is a producer only: use it in to(...)");
    }

    public SmimeOperation getOperation() {
        return operation;
    }

    public void setOperation(SmimeOperation operation) {
        this.operation = operation;
    }

    public SmimeConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SmimeConfiguration configuration) {
        this.configuration = configuration;
    }
}

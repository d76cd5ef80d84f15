package io.github.camelsmime.bench;

import java.io.InputStream;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Our component through a real Camel route: {@code direct:OP -> smime:OP?... -> drain}, driven by a
 * {@link ProducerTemplate} with the same input bytes as the baseline. The last step reads the output body to its end
 * inside the route (the component spools large output to a temporary file that lives only as long as the exchange) and
 * hands back the byte count, which goes to the Blackhole.
 *
 * <ul>
 *   <li>{@code sign}: {@code smime:sign} with the signer's PKCS#12 (detached multipart/signed).</li>
 *   <li>{@code verify}: {@code smime:verify} with {@code trustAnchors} = the CA: signature math plus full PKIX path
 *       validation and the certificate policy (more than the baseline does).</li>
 *   <li>{@code signEncrypt}: {@code smime:sign-encrypt} to the RSA recipient, AES-256-GCM (the default).</li>
 *   <li>{@code unwrap}: {@code smime:unwrap} with the recipient's PKCS#12 and the CA as trust anchor.</li>
 * </ul>
 * Inputs for verify and unwrap are made once in setup through the sign and signEncrypt routes. The component chooses
 * its providers itself ({@code provider=auto}); the module has Corretto on the class path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class CamelSmimeBenchmark {

    @Param({"4k", "1m"})
    public String size;

    @Param({"rsa2048", "ecp256"})
    public String signer;

    private BenchPki pki;
    private CamelContext camel;
    private ProducerTemplate template;
    private byte[] input;
    private byte[] signed;
    private byte[] signedEncrypted;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) throws Exception {
        pki = BenchPki.create();
        camel = new DefaultCamelContext();
        camel.addRoutes(routes(pki, BenchPki.Signer.valueOf(signer)));
        camel.start();
        template = camel.createProducerTemplate();
        input = Payloads.entity(size);

        // Only the round trip of the measured method (each method runs in its own fork), through the routes; it
        // must give the input back.
        byte[] out;
        if (RoundTrip.signedPath(params)) {
            signed = call("direct:sign", input);
            out = call("direct:verify", signed);
        } else {
            signedEncrypted = call("direct:signEncrypt", input);
            out = call("direct:unwrap", signedEncrypted);
        }
        if (!RoundTrip.sameEntity(out, input)) {
            throw new IllegalStateException("camel-smime round trip does not give the input back");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        camel.close();
        pki.close();
    }

    /** Header that makes the drain step keep the output bytes (setup only) instead of counting them. */
    static final String COLLECT = "benchCollect";

    /** Reads the route's output body to its end: body becomes the byte count, or the bytes with {@link #COLLECT}. */
    static final Processor DRAIN = exchange -> {
        Object body = exchange.getMessage().getBody();
        if (exchange.getMessage().getHeader(COLLECT, false, Boolean.class)) {
            exchange.getMessage().setBody(RoundTrip.bytes(exchange));
            return;
        }
        if (body instanceof byte[] bytes) {
            exchange.getMessage().setBody((long) bytes.length);
            return;
        }
        try (InputStream in = exchange.getContext().getTypeConverter().mandatoryConvertTo(InputStream.class,
                exchange, body)) {
            exchange.getMessage().setBody(Payloads.drain(in));
        }
    };

    /** The four routes; public so the smoke check and the docs show the exact URIs. */
    public static RouteBuilder routes(BenchPki pki, BenchPki.Signer signer) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:sign").to("smime:sign?" + pki.signerOptions(signer)).process(DRAIN);
                from("direct:verify").to("smime:verify?" + pki.trustOptions()).process(DRAIN);
                from("direct:signEncrypt").to("smime:sign-encrypt?" + pki.signerOptions(signer) + "&"
                        + pki.recipientOptions() + "&encryptionAlgorithm=AES_256_GCM").process(DRAIN);
                from("direct:unwrap").to("smime:unwrap?" + pki.decryptOptions() + "&" + pki.trustOptions()
                        + "&requireSigned=true").process(DRAIN);
            }
        };
    }

    @Benchmark
    public void sign(Blackhole bh) throws Exception {
        run("direct:sign", input, bh);
    }

    @Benchmark
    public void verify(Blackhole bh) throws Exception {
        run("direct:verify", signed, bh);
    }

    @Benchmark
    public void signEncrypt(Blackhole bh) throws Exception {
        run("direct:signEncrypt", input, bh);
    }

    @Benchmark
    public void unwrap(Blackhole bh) throws Exception {
        run("direct:unwrap", signedEncrypted, bh);
    }

    // ---------------------------------------------------------------------------------------------------------

    private void run(String endpoint, byte[] body, Blackhole bh) throws Exception {
        Exchange exchange = template.request(endpoint, e -> e.getIn().setBody(body));
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        bh.consume(exchange.getMessage().getBody());
    }

    private byte[] call(String endpoint, byte[] body) throws Exception {
        Exchange exchange = template.request(endpoint, e -> {
            e.getIn().setBody(body);
            e.getIn().setHeader(COLLECT, true);
        });
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        return exchange.getMessage().getBody(byte[].class);
    }
}

package io.github.camelsmime.large;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import io.github.camelsmime.TestPki;
import io.github.camelsmime.crypto.CryptoProviders;

/**
 * Pushes a generated payload of any size through {@code smime:sign-encrypt} and {@code smime:unwrap} in one Camel
 * route and checks that what comes out is what went in (SHA-256 of both streams). Nothing holds the payload: it is
 * generated while it is read. Run in a small heap to prove constant memory:
 * <pre>java -Xmx64m -cp TEST_CLASS_PATH io.github.camelsmime.large.LargeMessageMain SIZE [provider]</pre>
 * SIZE is bytes or a number with K, M or G. Prints one line per fact and {@code RESULT OK} or {@code RESULT FAIL};
 * the exit code is 0 only when the digests match.
 */
public final class LargeMessageMain {

    private LargeMessageMain() {
    }

    public static void main(String[] args) throws Exception {
        long size = parseSize(args.length > 0 ? args[0] : "256M");
        String provider = args.length > 1 ? args[1] : "auto";
        long started = System.nanoTime();
        TestPki pki = TestPki.get();
        System.out.println("size " + size + " bytes, provider " + provider + ", corretto "
                + CryptoProviders.correttoAvailable() + ", max heap " + Runtime.getRuntime().maxMemory() / 1048576
                + " MiB");
        String signer = "signerKeyStore=" + pki.path("alice.p12") + "&signerKeyStorePassword=" + TestPki.PASSWORD
                + "&signerAlias=alice&provider=" + provider;
        String recipient = "recipientCertificates=" + pki.path("bob.pem");
        String decryptor = "decryptKeyStore=" + pki.path("bob.p12") + "&decryptKeyStorePassword="
                + TestPki.PASSWORD + "&trustAnchors=" + pki.path("ca.pem") + "&provider=" + provider;
        int exit;
        try (CamelContext camel = new DefaultCamelContext()) {
            // Camel's own stream caching keeps a stream body in memory unless spooling is enabled; the smime
            // endpoints make their bodies re-readable themselves (spooling to disk), so it is off here. A route that
            // keeps it on should set streamCachingSpoolEnabled=true for large messages.
            camel.setStreamCaching(Boolean.getBoolean("large.streamCaching"));
            camel.getStreamCachingStrategy().setSpoolEnabled(true);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:roundTrip")
                            .to("smime:sign-encrypt?" + signer + "&" + recipient)
                            .process(e -> report("protected", e))
                            .to("smime:unwrap?" + decryptor + "&requireSigned=true&outputParts=true")
                            .process(LargeMessageMain::digestBody);
                }
            });
            camel.start();
            GeneratedPayload payload = new GeneratedPayload(size);
            Exchange result = camel.createProducerTemplate().request("direct:roundTrip", e -> {
                e.getMessage().setBody(payload);
                e.getMessage().setHeader(Exchange.FILE_NAME, "payload.bin");
            });
            if (result.getException() != null) {
                result.getException().printStackTrace(System.out);
                System.out.println("RESULT FAIL");
                System.exit(2);
            }
            String in = HexFormat.of().formatHex(payload.digest());
            String out = result.getMessage().getHeader("LargeMessageDigest", String.class);
            long outLength = result.getMessage().getHeader("LargeMessageLength", Long.class);
            System.out.println("layers " + result.getMessage().getHeader("CamelSmimeLayers") + ", trusted "
                    + result.getMessage().getHeader("CamelSmimeTrusted"));
            System.out.println("in  sha256 " + in + " (" + payload.produced() + " bytes)");
            System.out.println("out sha256 " + out + " (" + outLength + " bytes)");
            System.out.printf("seconds %.1f, peak heap %d MiB%n", (System.nanoTime() - started) / 1e9,
                    peakHeap() / 1048576);
            boolean ok = in.equals(out) && outLength == size && payload.produced() == size;
            System.out.println(ok ? "RESULT OK" : "RESULT FAIL");
            exit = ok ? 0 : 1;
        }
        System.exit(exit);
    }

    private static void report(String step, Exchange e) {
        Object body = e.getMessage().getBody();
        long length = body instanceof org.apache.camel.StreamCache c ? c.length() : -1;
        System.out.println(step + " " + length + " bytes");
    }

    private static void digestBody(Exchange e) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long length = 0;
        byte[] buf = new byte[65536];
        try (InputStream in = e.getMessage().getMandatoryBody(InputStream.class)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
                length += n;
            }
        } catch (org.apache.camel.InvalidPayloadException ex) {
            throw new IOException(ex);
        }
        e.getMessage().setHeader("LargeMessageDigest", HexFormat.of().formatHex(sha.digest()));
        e.getMessage().setHeader("LargeMessageLength", length);
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    static long parseSize(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K")) {
            unit = 1L << 10;
        } else if (t.endsWith("M")) {
            unit = 1L << 20;
        } else if (t.endsWith("G")) {
            unit = 1L << 30;
        }
        if (unit != 1) {
            t = t.substring(0, t.length() - 1);
        }
        return Long.parseLong(t) * unit;
    }

    /** Deterministic pseudo-random bytes (xorshift64*), digested while they are read; never held whole. */
    static final class GeneratedPayload extends InputStream {
        private final long size;
        private final MessageDigest sha;
        private long produced;
        private long state = 0x9E3779B97F4A7C15L;

        GeneratedPayload(long size) throws NoSuchAlgorithmException {
            this.size = size;
            this.sha = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (produced >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - produced);
            for (int i = 0; i < n; i++) {
                if ((produced + i) % 8 == 0) {
                    state ^= state >>> 12;
                    state ^= state << 25;
                    state ^= state >>> 27;
                }
                b[off + i] = (byte) ((state * 0x2545F4914F6CDD1DL) >>> (8 * ((produced + i) % 8)));
            }
            sha.update(b, off, n);
            produced += n;
            return n;
        }

        long produced() {
            return produced;
        }

        byte[] digest() {
            return sha.digest();
        }
    }
}

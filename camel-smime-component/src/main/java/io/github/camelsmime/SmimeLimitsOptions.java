package io.github.camelsmime;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

import io.github.camelsmime.mime.MimeLimits;
import io.github.camelsmime.verify.SignatureVerifier;

/** The limits on hostile input (label limits); each ends in {@link SmimeLimitException}, the original kept. */
@UriParams
public abstract class SmimeLimitsOptions extends SmimeTrustOptions {

    @UriParam(label = "limits", defaultValue = "8",
              description = "How many S/MIME layers unwrap opens before it fails with SmimeLimitException.")
    private int maxDepth = 8;
    @UriParam(label = "limits", defaultValue = "536870912",
              description = "Largest inflated size of compressed content, in bytes (compression bomb guard).")
    private long maxInflatedSize = 512L * 1024 * 1024;
    @UriParam(label = "limits", defaultValue = "1000",
              description = "Most MIME body parts a message may have, all multiparts of all layers counted; checked"
                    + " while reading, before the message is parsed.")
    private int maxParts = MimeLimits.DEFAULT_MAX_PARTS;
    @UriParam(label = "limits", defaultValue = "262144",
              description = "Largest header block (of the message or of one part) in bytes; checked while reading.")
    private int maxHeaderSize = MimeLimits.DEFAULT_MAX_HEADER_SIZE;
    @UriParam(label = "limits", defaultValue = "100",
              description = "Most certificates a SignedData may carry, and most candidate issuers one certification"
                    + " path search verifies.")
    private int maxCertificates = SignatureVerifier.DEFAULT_MAX_CERTIFICATES;

    public int getMaxDepth() {
        return maxDepth;
    }

    public void setMaxDepth(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    public long getMaxInflatedSize() {
        return maxInflatedSize;
    }

    public void setMaxInflatedSize(long maxInflatedSize) {
        this.maxInflatedSize = maxInflatedSize;
    }

    public int getMaxParts() {
        return maxParts;
    }

    public void setMaxParts(int maxParts) {
        this.maxParts = maxParts;
    }

    public int getMaxHeaderSize() {
        return maxHeaderSize;
    }

    public void setMaxHeaderSize(int maxHeaderSize) {
        this.maxHeaderSize = maxHeaderSize;
    }

    public int getMaxCertificates() {
        return maxCertificates;
    }

    public void setMaxCertificates(int maxCertificates) {
        this.maxCertificates = maxCertificates;
    }
}

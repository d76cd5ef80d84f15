package io.github.camelsmime.decrypt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.github.camelsmime.crypto.CmsInput;
import io.github.camelsmime.SmimeException;
import io.github.camelsmime.SmimeLimitException;
import org.bouncycastle.cms.CMSCompressedDataParser;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.jcajce.ZlibExpanderProvider;

/** Inflates CompressedData (RFC 3274) with a hard limit on the inflated size: a compression bomb stops early. */
public final class SmimeDecompressor {

    private final long maxInflatedSize;

    public SmimeDecompressor(long maxInflatedSize) {
        this.maxInflatedSize = maxInflatedSize;
    }

    public void decompress(InputStream cms, OutputStream out) {
        try {
            CMSCompressedDataParser parser = new CMSCompressedDataParser(cms);
            // one byte over the limit is enough to know it is exceeded
            CMSTypedStream content = parser.getContent(new ZlibExpanderProvider(maxInflatedSize + 1));
            long total = 0;
            byte[] buf = new byte[65536];
            try (InputStream in = content.getContentStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    total += n;
                    if (total > maxInflatedSize) {
                        throw new SmimeLimitException("Compressed content inflates beyond the limit of "
                                + maxInflatedSize + " bytes");
                    }
                    out.write(buf, 0, n);
                }
            }
        } catch (SmimeException e) {
            throw e;
        } catch (CMSException | RuntimeException e) {
            throw CmsInput.unreadable("Unreadable compressed data", e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("limit") && !CmsInput.isLengthOverflow(e)) {
                throw new SmimeLimitException("Compressed content inflates beyond the limit of " + maxInflatedSize
                        + " bytes", e);
            }
            throw CmsInput.unreadable("Corrupt compressed data", e);
        }
    }
}

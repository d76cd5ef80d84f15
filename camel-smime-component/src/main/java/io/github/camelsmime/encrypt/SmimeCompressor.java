package io.github.camelsmime.encrypt;

import java.io.OutputStream;

import io.github.camelsmime.mime.Base64Streams;
import io.github.camelsmime.mime.Entities;
import io.github.camelsmime.mime.Entity;
import org.bouncycastle.cms.CMSCompressedDataStreamGenerator;
import org.bouncycastle.cms.jcajce.ZlibCompressor;

/**
 * CompressedData with zlib (RFC 3274), as {@code application/pkcs7-mime; smime-type=compressed-data} with the
 * headers Bouncy Castle's S/MIME generator writes; Bouncy Castle's CMS stream generator compresses while the inner
 * entity is written.
 */
public final class SmimeCompressor {

    private static final String COMPRESSED_TYPE =
            "application/pkcs7-mime; name=\"smime.p7z\"; smime-type=compressed-data";

    public Entity compress(Entity inner) {
        return out -> {
            Entities.writeBase64PartHeaders(out, COMPRESSED_TYPE, "attachment; filename=\"smime.p7z\"",
                    "S/MIME Compressed Message");
            OutputStream base64 = Base64Streams.encoder(out);
            OutputStream plain = new CMSCompressedDataStreamGenerator().open(base64, new ZlibCompressor());
            inner.writeTo(plain);
            plain.close();
            base64.close();
        };
    }
}

package io.github.camelsmime.encrypt;

import jakarta.mail.internet.MimeBodyPart;

import org.bouncycastle.cms.jcajce.ZlibCompressor;
import org.bouncycastle.mail.smime.SMIMECompressedGenerator;
import org.bouncycastle.mail.smime.SMIMEException;

/** CompressedData with zlib (RFC 3274), as {@code application/pkcs7-mime; smime-type=compressed-data}. */
public final class SmimeCompressor {

    public MimeBodyPart compress(MimeBodyPart content) throws SMIMEException {
        return new SMIMECompressedGenerator().generate(content, new ZlibCompressor());
    }
}

package io.github.camelsmime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.Converter;

import io.github.camelsmime.mime.Mime;

/**
 * Lets an S/MIME result go straight to camel-mail: its smtp producer sends a {@code MimeMessage} body as it is, so
 * {@code .convertBodyTo(MimeMessage.class)} before {@code to("smtp:...")} keeps every byte that was signed.
 */
@Converter(generateLoader = true)
public final class SmimeConverters {

    private SmimeConverters() {
    }

    /** The URI spelling of an operation ({@code sign-encrypt}), which Camel's enum conversion does not accept. */
    @Converter
    public static SmimeOperation toOperation(String text) {
        return SmimeOperation.fromUri(text);
    }

    @Converter
    public static MimeMessage toMimeMessage(ReplayableStream stream) throws MessagingException {
        stream.reset();
        // over the spool's own SharedInputStream the message keeps its body as a window; over a plain stream
        // Jakarta Mail would read the whole content into memory
        java.io.InputStream shared = stream.sharedStream();
        return new WrittenMessage(shared != null ? shared : stream);
    }

    /**
     * A message exactly as the component wrote it. A mail transport calls saveChanges() before sending, which would
     * otherwise replace the Message-ID and revisit the headers of the (signed) parts; nothing needs updating here.
     */
    static final class WrittenMessage extends MimeMessage {
        WrittenMessage(java.io.InputStream in) throws MessagingException {
            super(Mime.SESSION, in);
        }

        @Override
        protected void updateHeaders() {
            // complete as written: Date, Message-ID and MIME-Version were set by the component
        }
    }
}

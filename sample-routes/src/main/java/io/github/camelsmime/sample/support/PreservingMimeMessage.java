package io.github.camelsmime.sample.support;

import java.io.InputStream;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A message parsed from bytes that is sent exactly as parsed. {@code Transport.send} calls {@code saveChanges()},
 * whose default {@code updateHeaders()} walks into the multipart and may add or change part headers, which would
 * break a detached signature. This one only adds a Message-ID (and MIME-Version) when they are missing.
 */
public class PreservingMimeMessage extends MimeMessage {

    public PreservingMimeMessage(Session session, InputStream in) throws MessagingException {
        super(session, in);
    }

    @Override
    protected void updateHeaders() throws MessagingException {
        if (getHeader("MIME-Version") == null) {
            setHeader("MIME-Version", "1.0");
        }
        if (getHeader("Message-ID") == null) {
            updateMessageID();
        }
    }
}

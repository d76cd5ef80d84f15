package io.github.camelsmime.mime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jakarta.activation.DataSource;

/** A read-only activation DataSource over a spool, so a payload part streams from memory or disk. */
public final class SpoolDataSource implements DataSource {
    private final Spool spool;
    private final String contentType;
    private final String name;

    public SpoolDataSource(Spool spool, String contentType, String name) {
        this.spool = spool;
        this.contentType = contentType;
        this.name = name;
    }

    @Override
    public InputStream getInputStream() {
        return spool.open();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        throw new IOException("read-only data source");
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public String getName() {
        return name;
    }
}

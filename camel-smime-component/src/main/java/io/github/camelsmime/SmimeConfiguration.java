package io.github.camelsmime;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Configurer;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.KeyStoreParameters;

/**
 * Every option of the component and the data format, once: the groups come from the superclasses (signing,
 * encryption, decryption, trust, limits), the spool options are here. Key material is given as Camel
 * {@link KeyStoreParameters}, as a keystore resource with password and alias, or as PEM resources; resources are
 * resolved with Camel's resource loader ({@code classpath:}, {@code file:} or a plain path).
 */
@UriParams
@Configurer(extended = true)
public class SmimeConfiguration extends SmimeLimitsOptions {

    @UriParam(label = "advanced", defaultValue = "2097152",
              description = "Bodies up to this many bytes stay in memory; larger ones go to a temporary file in"
                    + " spoolDirectory, encrypted with a key held only in memory (as Camel's stream caching"
                    + " spoolThreshold).")
    private long spoolThreshold = io.github.camelsmime.mime.Spool.DEFAULT_THRESHOLD;
    @UriParam(label = "advanced",
              description = "Folder for spool files (owner-only, encrypted, deleted when the exchange is done with"
                    + " them); default: the JVM's temporary folder (java.io.tmpdir).")
    private String spoolDirectory;

    public SmimeConfiguration copy() {
        try {
            return (SmimeConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    @Override
    public String toString() {
        // deliberately no field values: several of them are secrets
        return "SmimeConfiguration";
    }

    public long getSpoolThreshold() {
        return spoolThreshold;
    }

    public void setSpoolThreshold(long spoolThreshold) {
        this.spoolThreshold = spoolThreshold;
    }

    public String getSpoolDirectory() {
        return spoolDirectory;
    }

    public void setSpoolDirectory(String spoolDirectory) {
        this.spoolDirectory = spoolDirectory;
    }

    /** The spool options as one value for the engine. */
    public io.github.camelsmime.mime.Spool.Settings spoolSettings() {
        return new io.github.camelsmime.mime.Spool.Settings(spoolThreshold,
                spoolDirectory == null || spoolDirectory.isBlank() ? null : java.nio.file.Path.of(spoolDirectory));
    }
}

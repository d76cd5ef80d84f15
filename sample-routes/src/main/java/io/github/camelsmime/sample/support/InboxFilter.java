package io.github.camelsmime.sample.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inboxes' file filter ({@code filter=#class:...InboxFilter}). Camel's file component reads a backslash in a
 * name as a folder separator, so it could never open a file named {@code a\b.eml}: such a file would stay in the
 * inbox for good, neither processed nor rejected. The filter renames it in place to {@code a_b.eml} (or
 * {@code a_b-2.eml}, ... when that exists; the content is not touched) and the next poll takes it like any other file.
 */
public class InboxFilter implements GenericFileFilter<File> {

    private static final Logger LOG = LoggerFactory.getLogger(InboxFilter.class);

    @Override
    public boolean accept(GenericFile<File> file) {
        File original = file.getFile();
        if (original == null || original.getName().indexOf('\\') < 0) {
            return true;
        }
        Path source = original.toPath();
        for (String name : ResultFolder.candidates(original.getName().replace('\\', '_'))) {
            try {
                Path renamed = Files.move(source, source.resolveSibling(name));
                LOG.info("RENAMED {} -> {} (a backslash in a file name reads as a folder separator)",
                        GatewayNames.safe(original.getName().replace('\\', '_'), "file"), renamed.getFileName());
                return false;
            } catch (FileAlreadyExistsException taken) {
                // next number
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot rename " + source + " to a name without a backslash", e);
            }
        }
        return false;
    }
}

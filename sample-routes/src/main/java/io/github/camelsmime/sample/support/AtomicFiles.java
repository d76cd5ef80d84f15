package io.github.camelsmime.sample.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;

/**
 * Writes a file under a hidden temporary name in the target folder and then makes it visible, so a reader of the
 * folder (and a Camel file consumer, which skips dot files) never sees half a file. Results are created, never
 * replaced: the temporary file is hard-linked to its name, which fails when the name exists (rename would replace it
 * silently).
 */
public final class AtomicFiles {

    /** Writes the content of a new file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path file) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Replaces {@code target} (for files the gateway owns, such as the demo's documents; never for results). */
    public static void write(Path target, byte[] content) throws IOException {
        Path tmp = temp(target.toAbsolutePath().getParent(), target.getFileName().toString());
        try {
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Creates {@code target}; fails with {@link FileAlreadyExistsException} when it exists. */
    public static Path create(Path target, byte[] content) throws IOException {
        return create(target, tmp -> Files.write(tmp, content));
    }

    /** Creates {@code target} from the stream; fails with {@link FileAlreadyExistsException} when it exists. */
    public static Path create(Path target, InputStream content) throws IOException {
        return create(target, tmp -> Files.copy(content, tmp, StandardCopyOption.REPLACE_EXISTING));
    }

    /** A byte-for-byte copy of {@code source} (attributes not copied) as the new file {@code target}. */
    public static Path copy(Path source, Path target) throws IOException {
        return create(target, tmp -> Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING));
    }

    public static Path create(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        return create(abs.getParent(), List.of(abs.getFileName().toString()), content);
    }

    /**
     * Writes the content once and gives it the first of {@code names} that is free in {@code dir}; fails with
     * {@link FileAlreadyExistsException} when none is.
     */
    public static Path create(Path dir, Iterable<String> names, Content content) throws IOException {
        Files.createDirectories(dir);
        String first = names.iterator().next();
        Path tmp = temp(dir, first);
        try {
            content.writeTo(tmp);
            for (String name : names) {
                Path target = dir.resolve(name);
                if (!Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS) && link(target, tmp)) {
                    return target;
                }
            }
            throw new FileAlreadyExistsException(dir.resolve(first).toString(), null, "no free name");
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** True when {@code target} now names the temporary file; false when the name was taken meanwhile. */
    private static boolean link(Path target, Path tmp) throws IOException {
        try {
            Files.createLink(target, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // no hard links here (some network and FAT file systems): a move without REPLACE_EXISTING still refuses
            // an existing name, only the check and the move are two steps
            try {
                Files.move(tmp, target);
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
        }
    }

    private static Path temp(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        String shortName = name.length() > 60 ? name.substring(0, 60) : name;
        return dir.resolve("." + shortName + "." + UUID.randomUUID() + ".tmp");
    }
}

package io.github.camelsmime.sample.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A folder of results in which no write replaces another: a result is a name and its sidecars ({@code NAME}, plus
 * {@code NAME.verdict.json} and {@code NAME.attachments/} or {@code NAME.reason.txt}). A result claims the first free
 * name of {@code NAME}, {@code NAME-2}, {@code NAME-3}, ... (the number goes before the extension) by creating its
 * sidecar, so two inputs whose safe names are equal (names cut at 120 characters, names that differ only in unsafe
 * characters, the same name twice) get two results. A name that ends in a sidecar suffix gets {@code _} appended: no
 * content can pass for another result's verdict or reason.
 */
public final class ResultFolder {

    public static final String VERDICT = ".verdict.json";
    public static final String REASON = ".reason.txt";
    public static final String ATTACHMENTS = ".attachments";
    private static final List<String> SIDECARS = List.of(VERDICT, REASON, ATTACHMENTS);
    private static final int MAX_NUMBER = 100_000;

    private final Path dir;

    public ResultFolder(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    public Path dir() {
        return dir;
    }

    public Path resolve(String name) {
        return dir.resolve(name);
    }

    /**
     * Claims a free name for a result by creating its sidecar {@code NAME + sidecar} with the given text (which may
     * mention the name); a name is free when neither {@code NAME + contentSuffix} nor any sidecar of it exists.
     */
    public String claim(String wanted, String contentSuffix, String sidecar, Function<String, String> text)
            throws IOException {
        for (String name : candidates(wanted)) {
            if (taken(name, contentSuffix)) {
                continue;
            }
            try {
                AtomicFiles.create(dir.resolve(name + sidecar), text.apply(name).getBytes(StandardCharsets.UTF_8));
                return name;
            } catch (FileAlreadyExistsException raced) {
                // another writer took it between the check and the link: next number
            }
        }
        throw new FileAlreadyExistsException(dir.resolve(wanted).toString(), null, "no free result name");
    }

    private boolean taken(String name, String contentSuffix) {
        if (Files.exists(dir.resolve(name + contentSuffix), LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        for (String s : SIDECARS) {
            if (Files.exists(dir.resolve(name + s), LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }

    /** {@code name}, then {@code name-2}, {@code name-3}, ... with the number before the extension. */
    public static Iterable<String> candidates(String wanted) {
        String base = unreserved(wanted);
        int dot = base.lastIndexOf('.');
        String stem = dot > 0 ? base.substring(0, dot) : base;
        String ext = dot > 0 ? base.substring(dot) : "";
        return () -> new Iterator<>() {
            private int n = 1;

            @Override
            public boolean hasNext() {
                return n <= MAX_NUMBER;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int i = n++;
                return i == 1 ? base : stem + "-" + i + ext;
            }
        };
    }

    /** The name, with {@code _} appended when it ends in a sidecar suffix. */
    static String unreserved(String name) {
        for (String s : SIDECARS) {
            if (name.endsWith(s)) {
                return name + "_";
            }
        }
        return name;
    }
}

package io.github.camelsmime.sample.support;

import java.nio.file.Path;

import io.github.camelsmime.sample.GatewaySettings;

/**
 * The file consumer options shared by every inbox. A file is taken only when complete: by default when it has not
 * been modified for {@code gateway.readlock.min.age} milliseconds (Camel's {@code readLock=changed} with
 * {@code readLockMinAge}); with {@code gateway.done.file} set (for example {@code ${file:name}.done}) only once that
 * done file exists as well. Files whose name starts with a dot are never taken, so writing to {@code .name} and
 * renaming is always safe. The inbox file is deleted only after the route has written its result (delete happens
 * when the exchange completes). A file whose name holds a backslash is first renamed ({@link InboxFilter}).
 */
public final class FileUris {

    public static final String READLOCK_MIN_AGE = "gateway.readlock.min.age";
    public static final String READLOCK_INTERVAL = "gateway.readlock.interval";
    public static final String READLOCK_TIMEOUT = "gateway.readlock.timeout";
    public static final String DONE_FILE = "gateway.done.file";
    public static final String POLL_DELAY = "gateway.poll.delay";

    private FileUris() {
    }

    /** An inbox: complete files only, deleted after their result is written. */
    public static String inbox(GatewaySettings s, Path dir) {
        return inbox(s, dir, "delete=true");
    }

    /** An inbox whose consumed files are handled by {@code disposal} (for example {@code move=...}). */
    public static String inbox(GatewaySettings s, Path dir, String disposal) {
        StringBuilder uri = new StringBuilder("file:").append(dir.toAbsolutePath().normalize())
                .append("?readLock=changed")
                .append("&readLockMinAge=").append(s.getLong(READLOCK_MIN_AGE, 1000))
                .append("&readLockCheckInterval=").append(s.getLong(READLOCK_INTERVAL, 250))
                .append("&readLockTimeout=").append(s.getLong(READLOCK_TIMEOUT, 20000))
                .append("&readLockMinLength=0")
                .append("&readLockLoggingLevel=OFF")
                .append("&delay=").append(s.getLong(POLL_DELAY, 500))
                .append("&initialDelay=500")
                .append("&autoCreate=true")
                .append("&filter=#class:").append(InboxFilter.class.getName())
                .append("&").append(disposal);
        s.find(DONE_FILE).ifPresent(done -> uri.append("&doneFileName=RAW(").append(done).append(")"));
        return uri.toString();
    }
}

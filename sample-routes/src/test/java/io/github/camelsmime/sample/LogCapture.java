package io.github.camelsmime.sample;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Collects every log event of the test JVM (all loggers, as configured) while it is open. */
final class LogCapture implements AutoCloseable {

    private final List<LogEvent> events = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;
    private final LoggerContext context;

    LogCapture() {
        context = (LoggerContext) LogManager.getContext(false);
        appender = new AbstractAppender("capture-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                events.add(event.toImmutable());
            }
        };
        appender.start();
        context.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
        context.updateLoggers();
    }

    List<LogEvent> events() {
        return events;
    }

    /** The events that carry a stack trace, as "logger: message" lines. */
    List<String> stackTraces() {
        return events.stream()
                .filter(e -> e.getThrown() != null || e.getMessage().getFormattedMessage().contains("\tat "))
                .map(e -> e.getLoggerName() + ": " + e.getMessage().getFormattedMessage()
                        + (e.getThrown() == null ? "" : " / " + e.getThrown()))
                .toList();
    }

    @Override
    public void close() {
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}

package org.townlet.telemetry.testing;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures what is logged under one logger name through {@link System.Logger}, for assertions in tests. The JDK routes
 * {@code System.Logger} to {@code java.util.logging} when no other backend is installed, so a handler on the
 * {@code java.util.logging} logger of the same name sees every record, and those of its child loggers
 * ({@code ERROR} arrives as {@code SEVERE}, {@code DEBUG} as {@code FINE}; only what the logger lets through is seen,
 * by default {@code INFO} and above).
 *
 * <p>While open, the logger's records are kept off the console. {@link #close()} detaches the handler and restores the
 * logger. Thread-safe: records may arrive from any thread while a test reads them. Messages are formatted the way
 * {@code java.util.logging} formats them ({@code {0}} placeholders filled in from the record's parameters).
 */
public final class LogCapture implements AutoCloseable {
    /** Held strongly: java.util.logging keeps loggers only weakly, and a collected logger would lose the handler. */
    private final Logger logger;
    private final boolean usedParentHandlers;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Formatter formatter = new SimpleFormatter();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String loggerName) {
        logger = Logger.getLogger(Objects.requireNonNull(loggerName, "loggerName"));
        usedParentHandlers = logger.getUseParentHandlers();
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
    }

    /** Starts capturing the logger named after {@code source} ({@code System.getLogger(source.getName())}). */
    public static LogCapture of(Class<?> source) {
        return on(Objects.requireNonNull(source, "source").getName());
    }

    /** Starts capturing the logger named {@code loggerName}. */
    public static LogCapture on(String loggerName) {
        return new LogCapture(loggerName);
    }

    /** The records captured so far, in order (a snapshot). */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Every formatted message, any level, in order. */
    public List<String> messages() {
        return records.stream().map(this::format).toList();
    }

    /** The formatted messages logged at exactly {@code level} (e.g. {@code SEVERE} for ERROR), in order. */
    public List<String> messages(Level level) {
        Objects.requireNonNull(level, "level");
        return records.stream().filter(record -> record.getLevel().equals(level)).map(this::format).toList();
    }

    /** The formatted WARNING messages, in order. */
    public List<String> warnings() {
        return messages(Level.WARNING);
    }

    /** The formatted ERROR ({@code SEVERE}) messages, in order. */
    public List<String> errors() {
        return messages(Level.SEVERE);
    }

    /** Whether any formatted message, any level, contains {@code text}. */
    public boolean contains(String text) {
        Objects.requireNonNull(text, "text");
        return records.stream().map(this::format).anyMatch(message -> message != null && message.contains(text));
    }

    /** Every record as {@code LEVEL message} (e.g. {@code WARNING disk full}), in order. */
    public List<String> lines() {
        return records.stream().map(record -> record.getLevel().getName() + " " + format(record)).toList();
    }

    private String format(LogRecord record) {
        return formatter.formatMessage(record);
    }

    /** Detaches the handler and restores the logger's console output. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            logger.removeHandler(handler);
            logger.setUseParentHandlers(usedParentHandlers);
        }
    }
}

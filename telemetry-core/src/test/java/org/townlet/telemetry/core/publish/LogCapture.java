package org.townlet.telemetry.core.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what a {@link System.Logger} of the given name logs (the JDK routes {@code System.Logger} to
 * {@code java.util.logging} when no other backend is installed). Close it to detach.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String name) {
        logger = Logger.getLogger(name);
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** Starts capturing the logger of {@code type}'s name. */
    public static LogCapture of(Class<?> type) {
        return new LogCapture(type.getName());
    }

    /** The formatted messages logged at WARNING (or above). */
    public List<String> warnings() {
        List<String> messages = new ArrayList<>();
        synchronized (records) {
            for (LogRecord record : records) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    messages.add(format(record));
                }
            }
        }
        return messages;
    }

    /** Every formatted message, any level. */
    public List<String> messages() {
        List<String> messages = new ArrayList<>();
        synchronized (records) {
            for (LogRecord record : records) {
                messages.add(format(record));
            }
        }
        return messages;
    }

    private static String format(LogRecord record) {
        Object[] parameters = record.getParameters();
        String message = record.getMessage();
        return parameters == null || parameters.length == 0 ? message
                : java.text.MessageFormat.format(message, parameters);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}

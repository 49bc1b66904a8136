package org.townlet.telemetry.core.worker;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what {@link TelemetryWorker} logs through {@code System.Logger}, whose default backend is
 * {@code java.util.logging} ({@code ERROR} arrives as {@code SEVERE}). Silences the console while open.
 */
final class LogCapture implements AutoCloseable {
    private final Logger logger = Logger.getLogger(TelemetryWorker.class.getName());
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
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

    LogCapture() {
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
    }

    /** The messages logged at {@code level}, in order. */
    List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
    }

    /** The WARNING messages, in order. */
    List<String> warnings() {
        return messages(Level.WARNING);
    }

    /** The ERROR ({@code SEVERE}) messages, in order. */
    List<String> errors() {
        return messages(Level.SEVERE);
    }

    /** Whether any message contains {@code text}. */
    boolean contains(String text) {
        return records.stream().anyMatch(r -> r.getMessage() != null && r.getMessage().contains(text));
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(true);
    }
}

package org.townlet.telemetry.adapter.tcp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures what is logged under one logger name, instead of printing it. {@link System.Logger} is backed by
 * {@code java.util.logging} here, so a handler on the same name sees every record. Holds the JUL logger strongly (JUL
 * keeps loggers weakly).
 */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final boolean usedParentHandlers;

    private LogCapture(String name) {
        this.logger = Logger.getLogger(name);
        this.usedParentHandlers = logger.getUseParentHandlers();
        setLevel(Level.ALL);
        logger.addHandler(this);
        logger.setUseParentHandlers(false);
    }

    static LogCapture on(String loggerName) {
        return new LogCapture(loggerName);
    }

    /** The captured records, as {@code LEVEL message}. */
    List<String> lines() {
        return records.stream().map(r -> r.getLevel().getName() + " " + formatter.formatMessage(r)).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(usedParentHandlers);
    }
}

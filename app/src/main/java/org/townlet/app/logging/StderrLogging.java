package org.townlet.app.logging;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes every module's {@code System.Logger} output (the JDK's logging backend) to stderr, one line per record, so
 * stdout carries nothing but frames.
 */
public final class StderrLogging {
    private static final List<String> THIRD_PARTY = List.of("org.apache.kafka", "com.networknt");
    // Held strongly: java.util.logging keeps loggers weakly, and a collected logger would lose its level.
    private static final List<Logger> PINNED = new ArrayList<>();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    /** The handler {@link #configure} installed last; null before. */
    private static ConsoleHandler installed;

    private StderrLogging() {
    }

    /** Installs the stderr handler on the root logger: DEBUG with {@code debug}, WARNING with {@code quiet}. */
    public static void configure(boolean debug, boolean quiet) {
        Level level = debug ? Level.FINE : quiet ? Level.WARNING : Level.INFO;
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler handler = new ConsoleHandler(); // writes to System.err
        handler.setLevel(level);
        handler.setFormatter(new OneLineFormatter(debug));
        root.addHandler(handler);
        root.setLevel(level);
        installed = handler;
        // Third-party libraries (the Kafka clients, the schema validator) log their configuration and life cycle at
        // INFO; keep their warnings and errors, and everything with --debug.
        for (String library : THIRD_PARTY) {
            Logger logger = Logger.getLogger(library);
            logger.setLevel(debug ? Level.FINE : Level.WARNING);
            PINNED.add(logger);
        }
    }

    /**
     * From now on, leaves out the lines whose message begins with one of {@code prefixes}: warnings a command causes
     * on purpose and reports otherwise (bench's unpaced rounds drop frames by design and count them). Call after
     * {@link #configure}. Returns how many lines were left out so far, so the command can say so.
     */
    public static LongSupplier omit(List<String> prefixes) {
        if (installed == null) {
            throw new IllegalStateException("StderrLogging.configure was not called");
        }
        List<String> omitted = List.copyOf(prefixes);
        LongAdder count = new LongAdder();
        installed.setFilter(record -> {
            String message = record.getMessage();
            if (message != null && omitted.stream().anyMatch(message::startsWith)) {
                count.increment();
                return false;
            }
            return true;
        });
        return count::sum;
    }

    private static final class OneLineFormatter extends Formatter {
        private final boolean debug;

        OneLineFormatter(boolean debug) {
            this.debug = debug;
        }

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder(128)
                    .append(LocalTime.now().format(TIME)).append(' ')
                    .append(record.getLevel().getName()).append(' ')
                    .append(shortName(record.getLoggerName())).append(": ")
                    .append(formatMessage(record)).append(System.lineSeparator());
            if (record.getThrown() != null) {
                if (debug) {
                    java.io.StringWriter trace = new java.io.StringWriter();
                    record.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                    line.append(trace);
                } else {
                    line.append("  caused by ").append(record.getThrown()).append(System.lineSeparator());
                }
            }
            return line.toString();
        }

        private static String shortName(String name) {
            if (name == null) {
                return "townlet";
            }
            int dot = name.lastIndexOf('.');
            return dot < 0 ? name : name.substring(dot + 1);
        }
    }

    /** The stream for user-facing progress and summaries while stdout may carry frames. */
    public static PrintStream progressStream() {
        return System.err;
    }
}

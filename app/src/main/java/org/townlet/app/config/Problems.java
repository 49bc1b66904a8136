package org.townlet.app.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects configuration errors so that all of them are reported together, one per line, in the form of SPEC §15:
 * {@code {file}:{line}:{col}: {key.path}: {problem}[; got {value}]; allowed: {allowed}}. Single-threaded.
 */
public final class Problems {
    private final List<String> lines = new ArrayList<>();

    /**
     * Records one error.
     *
     * @param origin  where the offending key or value is
     * @param path    the key path, e.g. {@code telemetry.transport.buffer.max_buffer_bytes}
     * @param problem what is wrong, e.g. {@code out of range}
     * @param got     the value as given, or {@code null} to leave out {@code ; got …}
     * @param allowed what is allowed, or {@code null} to leave out {@code ; allowed: …}
     */
    public void add(Origin origin, String path, String problem, String got, String allowed) {
        StringBuilder line = new StringBuilder(origin.prefix(path)).append(": ").append(problem);
        if (got != null) {
            line.append("; got ").append(got);
        }
        if (allowed != null) {
            line.append("; allowed: ").append(allowed);
        }
        lines.add(line.toString());
    }

    /** The number of errors so far. */
    public int count() {
        return lines.size();
    }

    /** The errors so far, in the order found. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Throws every error at once, if there is any. */
    public void throwIfAny() {
        if (!lines.isEmpty()) {
            throw new ConfigurationException(lines);
        }
    }
}

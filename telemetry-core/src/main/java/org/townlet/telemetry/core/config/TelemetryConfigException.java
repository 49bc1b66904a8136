package org.townlet.telemetry.core.config;

import java.util.Objects;

/**
 * A telemetry setting or transform-pipeline entry that cannot be used, found when the settings are built or the
 * pipeline is parsed (SPEC §10.3, §15). It names the configuration key path ({@link #keyPath()}, e.g.
 * {@code telemetry.narration.global_window_limit} or {@code telemetry.transforms.pipeline[1].options.fields}) and the
 * problem ({@link #problem()}), so a configuration loader can report {@code file:line:col} for the key.
 *
 * <p>The message is the full sentence shown to users: for settings records {@code "<key> <problem>"} (e.g.
 * {@code telemetry.narration.global_window_limit must be 1–1000; got 0}), for pipeline entries
 * {@code "<key>: <problem>"} (e.g. {@code telemetry.transforms.pipeline[2]: redact_fields must precede ...}). It is an
 * {@link IllegalArgumentException}, so callers that only know the JDK type still catch it.
 */
public final class TelemetryConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String keyPath;
    private final String problem;

    private TelemetryConfigException(String keyPath, String problem, String message, Throwable cause) {
        super(message, cause);
        this.keyPath = keyPath;
        this.problem = problem;
    }

    /**
     * A setting out of range or contradicting another: message {@code "<keyPath> <problem>"}, e.g.
     * {@code setting("telemetry.narration.global_window_limit", "must be 1–1000; got 0")}.
     */
    public static TelemetryConfigException setting(String keyPath, String problem) {
        Objects.requireNonNull(keyPath, "keyPath");
        Objects.requireNonNull(problem, "problem");
        return new TelemetryConfigException(keyPath, problem, keyPath + " " + problem, null);
    }

    /** A configuration entry that cannot be used: message {@code "<keyPath>: <problem>"}. */
    public static TelemetryConfigException entry(String keyPath, String problem) {
        return entry(keyPath, problem, null);
    }

    /** {@link #entry(String, String)} with the underlying cause (an I/O or schema error). */
    public static TelemetryConfigException entry(String keyPath, String problem, Throwable cause) {
        Objects.requireNonNull(keyPath, "keyPath");
        Objects.requireNonNull(problem, "problem");
        return new TelemetryConfigException(keyPath, problem, keyPath + ": " + problem, cause);
    }

    /** The configuration key path the problem is about, e.g. {@code telemetry.transforms.pipeline[1].options.fields}. */
    public String keyPath() {
        return keyPath;
    }

    /** The problem, without the key path, e.g. {@code must be 1–1000; got 0}. */
    public String problem() {
        return problem;
    }
}

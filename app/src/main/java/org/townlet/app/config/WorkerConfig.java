package org.townlet.app.config;

import java.util.Objects;
import org.townlet.telemetry.core.worker.BackpressureStrategy;
import org.townlet.telemetry.core.worker.WorkerSettings;

/**
 * {@code telemetry.worker} (SPEC §11, §15.1).
 *
 * @param backpressure          {@code backpressure}: {@code drop_oldest}, {@code block} or {@code fan_out}
 * @param blockTimeoutSeconds   {@code block_timeout_seconds}: longest a {@code block} producer waits, 0.05–5
 * @param restartLimit          {@code restart_limit}: worker restarts per window, 1–10
 * @param restartWindowSeconds  {@code restart_window_seconds}: the sliding window, 1–86400
 * @param stopTimeoutSeconds    {@code stop_timeout_seconds}: the drain deadline of stop, 0.1–60
 */
public record WorkerConfig(BackpressureStrategy backpressure, double blockTimeoutSeconds, int restartLimit,
                           long restartWindowSeconds, double stopTimeoutSeconds) {
    public static final double MIN_BLOCK_TIMEOUT_SECONDS = 0.05;
    public static final double MAX_BLOCK_TIMEOUT_SECONDS = 5.0;
    public static final int MAX_RESTART_LIMIT = 10;
    public static final long MAX_RESTART_WINDOW_SECONDS = 86_400;
    public static final double MIN_STOP_TIMEOUT_SECONDS = 0.1;
    public static final double MAX_STOP_TIMEOUT_SECONDS = 60;
    public static final WorkerConfig DEFAULTS = new WorkerConfig(WorkerSettings.DEFAULT_BACKPRESSURE,
            RetryConfig.seconds(WorkerSettings.DEFAULT_BLOCK_TIMEOUT), WorkerSettings.DEFAULT_RESTART_LIMIT,
            WorkerSettings.DEFAULT_RESTART_WINDOW.toSeconds(), RetryConfig.seconds(WorkerSettings.DEFAULT_STOP_TIMEOUT));

    public WorkerConfig {
        Objects.requireNonNull(backpressure, "backpressure");
        Bounds.check("block_timeout_seconds", blockTimeoutSeconds, MIN_BLOCK_TIMEOUT_SECONDS,
                MAX_BLOCK_TIMEOUT_SECONDS);
        Bounds.check("restart_limit", restartLimit, 1, MAX_RESTART_LIMIT);
        Bounds.check("restart_window_seconds", restartWindowSeconds, 1, MAX_RESTART_WINDOW_SECONDS);
        Bounds.check("stop_timeout_seconds", stopTimeoutSeconds, MIN_STOP_TIMEOUT_SECONDS, MAX_STOP_TIMEOUT_SECONDS);
    }

    /**
     * The backpressure of a {@code townlet run} whose configuration chooses none (neither
     * {@code telemetry.worker.backpressure} nor {@code --backpressure}), by its pacing ({@code --tick-rate}). An unpaced
     * run is a batch run with no rate to keep, so it waits for the pipeline ({@code block}) rather than dropping frames
     * whenever the simulation outruns the transport; a paced run is a live simulation that must keep its pace, so it
     * keeps the documented default, {@code drop_oldest}. Other commands ({@code bench}) use the documented default.
     *
     * @param tickRate ticks per second; 0 = unpaced
     */
    public static BackpressureStrategy runDefaultBackpressure(double tickRate) {
        return tickRate > 0 ? DEFAULTS.backpressure() : BackpressureStrategy.BLOCK;
    }
}

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
     * What the worker of a {@code townlet run} does when its configuration chooses no backpressure (neither
     * {@code telemetry.worker.backpressure} nor {@code --backpressure}), by the run's pacing ({@code --tick-rate}).
     * An unpaced run is a batch run with no rate to keep: it waits for the pipeline ({@code block}) rather than drop
     * frames whenever the simulation outruns the transport, and waits long enough
     * ({@value #MAX_BLOCK_TIMEOUT_SECONDS} s, unless {@code block_timeout_seconds} is set) to ride out a slow send on a
     * busy machine; a transport that is failing makes it drop at once instead (the worker does not wait then). A paced
     * run is a live simulation that must keep its pace: the documented defaults, {@code drop_oldest}. Other commands
     * ({@code bench}, {@code validate-config}) use the documented defaults.
     *
     * @param tickRate ticks per second; 0 = unpaced
     */
    public static RunDefault runDefault(double tickRate) {
        return tickRate > 0 ? new RunDefault(DEFAULTS.backpressure(), DEFAULTS.blockTimeoutSeconds())
                : new RunDefault(BackpressureStrategy.BLOCK, MAX_BLOCK_TIMEOUT_SECONDS);
    }

    /**
     * See {@link #runDefault}.
     *
     * @param backpressure        {@code backpressure} when unset
     * @param blockTimeoutSeconds {@code block_timeout_seconds} when unset too
     */
    public record RunDefault(BackpressureStrategy backpressure, double blockTimeoutSeconds) {
        public RunDefault {
            Objects.requireNonNull(backpressure, "backpressure");
        }
    }
}

package org.townlet.app.config;

import org.townlet.telemetry.core.worker.WorkerSettings;

/**
 * {@code telemetry.transport.retry} (SPEC §11.6, §15.1): the worker's retries of a failed batch; the tcp transport
 * also takes its reconnect backoff from here.
 *
 * @param maxAttempts       {@code max_attempts}: retries after the first try, 0–10
 * @param backoffSeconds    {@code backoff_seconds}: delay before the first retry, 0–30
 * @param backoffMaxSeconds {@code backoff_max_seconds}: cap of the doubling delay, 0–300, at least
 *                          {@code backoff_seconds}
 */
public record RetryConfig(int maxAttempts, double backoffSeconds, double backoffMaxSeconds) {
    public static final int MAX_ATTEMPTS = 10;
    public static final double MAX_BACKOFF_SECONDS = 30;
    public static final double MAX_BACKOFF_MAX_SECONDS = 300;
    public static final RetryConfig DEFAULTS = new RetryConfig(WorkerSettings.DEFAULT_RETRY_MAX_ATTEMPTS,
            seconds(WorkerSettings.DEFAULT_RETRY_BACKOFF), seconds(WorkerSettings.DEFAULT_RETRY_BACKOFF_MAX));

    public RetryConfig {
        Bounds.check("max_attempts", maxAttempts, 0, MAX_ATTEMPTS);
        Bounds.check("backoff_seconds", backoffSeconds, 0, MAX_BACKOFF_SECONDS);
        Bounds.check("backoff_max_seconds", backoffMaxSeconds, 0, MAX_BACKOFF_MAX_SECONDS);
        if (backoffMaxSeconds < backoffSeconds) {
            throw new IllegalArgumentException("backoff_max_seconds must be >= backoff_seconds; got "
                    + backoffMaxSeconds + " < " + backoffSeconds);
        }
    }

    static double seconds(java.time.Duration duration) {
        return duration.toNanos() / 1e9;
    }
}

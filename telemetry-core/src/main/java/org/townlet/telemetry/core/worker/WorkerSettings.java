package org.townlet.telemetry.core.worker;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one {@link TelemetryWorker}: buffer, batching, backpressure, retry, restart and stop (SPEC §11,
 * defaults of §15.1). Immutable.
 *
 * <p>Configuration ranges (e.g. {@code max_buffer_bytes} 1024–16777216) are checked where the configuration is
 * loaded, not here: this record rejects only values the worker cannot run with (a negative size, a zero batch, a
 * backoff cap below the backoff), so tests can build, say, an 8-byte buffer.
 *
 * @param maxBatchSize       most frames per {@code FrameBatch} ({@code transport.buffer.max_batch_size}), {@code >= 1}
 * @param maxBufferBytes     byte capacity of the buffer ({@code transport.buffer.max_buffer_bytes}), {@code >= 1};
 *                           over capacity means strictly greater
 * @param maxBufferFrames    item capacity of the buffer ({@code transport.buffer.max_buffer_frames}), {@code >= 1}
 * @param flushIntervalTicks flush once the newest buffered tick is this many ticks past the last flushed one
 *                           ({@code transport.buffer.flush_interval_ticks}), {@code >= 1}
 * @param pollInterval       longest the worker waits before flushing whatever is buffered
 *                           ({@code transport.worker_poll_seconds}), {@code > 0}
 * @param backpressure       what the producer does when the buffer is over capacity ({@code worker.backpressure})
 * @param blockTimeout       longest a {@code block} producer waits for space ({@code worker.block_timeout_seconds}),
 *                           {@code >= 0}
 * @param stopTimeout        longest {@code stop()} drains before dropping what is left
 *                           ({@code worker.stop_timeout_seconds}), {@code >= 0}
 * @param retryMaxAttempts   retries after the first try of a batch ({@code transport.retry.max_attempts}),
 *                           {@code >= 0}
 * @param retryBackoff       base backoff before the first retry ({@code transport.retry.backoff_seconds}),
 *                           {@code >= 0}
 * @param retryBackoffMax    cap of the exponential backoff ({@code transport.retry.backoff_max_seconds}),
 *                           {@code >= retryBackoff}
 * @param restartLimit       restarts allowed within {@code restartWindow} ({@code worker.restart_limit}),
 *                           {@code >= 0}; 0 never restarts
 * @param restartWindow      the sliding window of the restart budget ({@code worker.restart_window_seconds}),
 *                           {@code > 0}
 */
public record WorkerSettings(
        int maxBatchSize,
        long maxBufferBytes,
        int maxBufferFrames,
        long flushIntervalTicks,
        Duration pollInterval,
        BackpressureStrategy backpressure,
        Duration blockTimeout,
        Duration stopTimeout,
        int retryMaxAttempts,
        Duration retryBackoff,
        Duration retryBackoffMax,
        int restartLimit,
        Duration restartWindow) {

    /** Default {@code transport.buffer.max_batch_size}: 32 frames. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 32;
    /** Default {@code transport.buffer.max_buffer_bytes}: 4 MiB. */
    public static final long DEFAULT_MAX_BUFFER_BYTES = 4_194_304L;
    /** Default {@code transport.buffer.max_buffer_frames}: 10,000 items. */
    public static final int DEFAULT_MAX_BUFFER_FRAMES = 10_000;
    /** Default {@code transport.buffer.flush_interval_ticks}: every tick. */
    public static final long DEFAULT_FLUSH_INTERVAL_TICKS = 1L;
    /** Default {@code transport.worker_poll_seconds}: 0.5 s. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
    /** Default {@code worker.backpressure}: {@code drop_oldest}. */
    public static final BackpressureStrategy DEFAULT_BACKPRESSURE = BackpressureStrategy.DROP_OLDEST;
    /** Default {@code worker.block_timeout_seconds}: 0.5 s. */
    public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofMillis(500);
    /** Default {@code worker.stop_timeout_seconds}: 2 s. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(2);
    /** Default {@code transport.retry.max_attempts}: 3 retries. */
    public static final int DEFAULT_RETRY_MAX_ATTEMPTS = 3;
    /** Default {@code transport.retry.backoff_seconds}: 0.5 s. */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(500);
    /** Default {@code transport.retry.backoff_max_seconds}: 5 s. */
    public static final Duration DEFAULT_RETRY_BACKOFF_MAX = Duration.ofSeconds(5);
    /** Default {@code worker.restart_limit}: 3 restarts per window. */
    public static final int DEFAULT_RESTART_LIMIT = 3;
    /** Default {@code worker.restart_window_seconds}: 300 s. */
    public static final Duration DEFAULT_RESTART_WINDOW = Duration.ofSeconds(300);

    /** The settings with every default of SPEC §15.1. */
    public static final WorkerSettings DEFAULTS = builder().build();

    /**
     * Rejects values the worker cannot run with; see the class comment.
     *
     * @throws NullPointerException     if a duration or the strategy is {@code null}
     * @throws IllegalArgumentException naming the setting and the bad value
     */
    public WorkerSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(backpressure, "backpressure");
        Objects.requireNonNull(blockTimeout, "blockTimeout");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(retryBackoffMax, "retryBackoffMax");
        Objects.requireNonNull(restartWindow, "restartWindow");
        requireAtLeast("maxBatchSize", maxBatchSize, 1);
        requireAtLeast("maxBufferBytes", maxBufferBytes, 1);
        requireAtLeast("maxBufferFrames", maxBufferFrames, 1);
        requireAtLeast("flushIntervalTicks", flushIntervalTicks, 1);
        requirePositive("pollInterval", pollInterval);
        requireNotNegative("blockTimeout", blockTimeout);
        requireNotNegative("stopTimeout", stopTimeout);
        requireAtLeast("retryMaxAttempts", retryMaxAttempts, 0);
        requireNotNegative("retryBackoff", retryBackoff);
        requireNotNegative("retryBackoffMax", retryBackoffMax);
        if (retryBackoffMax.compareTo(retryBackoff) < 0) {
            throw new IllegalArgumentException("retryBackoffMax must be >= retryBackoff; got " + retryBackoffMax
                    + " < " + retryBackoff);
        }
        requireAtLeast("restartLimit", restartLimit, 0);
        requirePositive("restartWindow", restartWindow);
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder()
                .maxBatchSize(maxBatchSize)
                .maxBufferBytes(maxBufferBytes)
                .maxBufferFrames(maxBufferFrames)
                .flushIntervalTicks(flushIntervalTicks)
                .pollInterval(pollInterval)
                .backpressure(backpressure)
                .blockTimeout(blockTimeout)
                .stopTimeout(stopTimeout)
                .retryMaxAttempts(retryMaxAttempts)
                .retryBackoff(retryBackoff)
                .retryBackoffMax(retryBackoffMax)
                .restartLimit(restartLimit)
                .restartWindow(restartWindow);
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + "; got " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0; got " + value);
        }
    }

    private static void requireNotNegative(String name, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0; got " + value);
        }
    }

    /**
     * Builds {@link WorkerSettings}; starts from the defaults. Setters only reject {@code null}; {@link #build()}
     * applies the checks of the record. Single-threaded.
     */
    public static final class Builder {
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private long maxBufferBytes = DEFAULT_MAX_BUFFER_BYTES;
        private int maxBufferFrames = DEFAULT_MAX_BUFFER_FRAMES;
        private long flushIntervalTicks = DEFAULT_FLUSH_INTERVAL_TICKS;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private BackpressureStrategy backpressure = DEFAULT_BACKPRESSURE;
        private Duration blockTimeout = DEFAULT_BLOCK_TIMEOUT;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private int retryMaxAttempts = DEFAULT_RETRY_MAX_ATTEMPTS;
        private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
        private Duration retryBackoffMax = DEFAULT_RETRY_BACKOFF_MAX;
        private int restartLimit = DEFAULT_RESTART_LIMIT;
        private Duration restartWindow = DEFAULT_RESTART_WINDOW;

        private Builder() {
        }

        /** Most frames per batch; default {@value WorkerSettings#DEFAULT_MAX_BATCH_SIZE}. */
        public Builder maxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /** Byte capacity of the buffer; default {@value WorkerSettings#DEFAULT_MAX_BUFFER_BYTES}. */
        public Builder maxBufferBytes(long maxBufferBytes) {
            this.maxBufferBytes = maxBufferBytes;
            return this;
        }

        /** Item capacity of the buffer; default {@value WorkerSettings#DEFAULT_MAX_BUFFER_FRAMES}. */
        public Builder maxBufferFrames(int maxBufferFrames) {
            this.maxBufferFrames = maxBufferFrames;
            return this;
        }

        /** Flush interval in ticks; default {@value WorkerSettings#DEFAULT_FLUSH_INTERVAL_TICKS}. */
        public Builder flushIntervalTicks(long flushIntervalTicks) {
            this.flushIntervalTicks = flushIntervalTicks;
            return this;
        }

        /** Longest wait of the worker between flushes; default 0.5 s. */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
            return this;
        }

        /** Backpressure strategy; default {@code drop_oldest}. */
        public Builder backpressure(BackpressureStrategy backpressure) {
            this.backpressure = Objects.requireNonNull(backpressure, "backpressure");
            return this;
        }

        /** Longest wait of a {@code block} producer; default 0.5 s. */
        public Builder blockTimeout(Duration blockTimeout) {
            this.blockTimeout = Objects.requireNonNull(blockTimeout, "blockTimeout");
            return this;
        }

        /** Drain deadline of {@code stop()}; default 2 s. */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
            return this;
        }

        /** Retries after a batch's first try; default {@value WorkerSettings#DEFAULT_RETRY_MAX_ATTEMPTS}. */
        public Builder retryMaxAttempts(int retryMaxAttempts) {
            this.retryMaxAttempts = retryMaxAttempts;
            return this;
        }

        /** Base retry backoff; default 0.5 s. */
        public Builder retryBackoff(Duration retryBackoff) {
            this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff");
            return this;
        }

        /** Cap of the retry backoff; default 5 s. */
        public Builder retryBackoffMax(Duration retryBackoffMax) {
            this.retryBackoffMax = Objects.requireNonNull(retryBackoffMax, "retryBackoffMax");
            return this;
        }

        /** Restarts allowed per window; default {@value WorkerSettings#DEFAULT_RESTART_LIMIT}. */
        public Builder restartLimit(int restartLimit) {
            this.restartLimit = restartLimit;
            return this;
        }

        /** Sliding window of the restart budget; default 300 s. */
        public Builder restartWindow(Duration restartWindow) {
            this.restartWindow = Objects.requireNonNull(restartWindow, "restartWindow");
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException naming the setting and the bad value
         */
        public WorkerSettings build() {
            return new WorkerSettings(maxBatchSize, maxBufferBytes, maxBufferFrames, flushIntervalTicks, pollInterval,
                    backpressure, blockTimeout, stopTimeout, retryMaxAttempts, retryBackoff, retryBackoffMax,
                    restartLimit, restartWindow);
        }
    }
}

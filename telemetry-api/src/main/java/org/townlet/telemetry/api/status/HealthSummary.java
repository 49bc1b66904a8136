package org.townlet.telemetry.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The summary attached to {@code loop.health} and {@code loop.failure} and kept in {@link HealthStatus} (SPEC §3.5):
 * JSON {@code {duration_ms, queue_length, dropped_messages, last_flush_duration_ms, payloads_flushed_total,
 * bytes_flushed_total, auth_enabled, worker_alive, worker_error, worker_restart_count, perturbations_pending,
 * perturbations_active, employment_exit_queue}}. {@code last_flush_duration_ms} and {@code worker_error} may be
 * {@code null} and are written as {@code null}; counts are {@code >= 0}. Immutable and thread-safe; the empty value is
 * {@link #EMPTY} (zeros, {@code false}, {@code null}); assemble one with {@link #builder()}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record HealthSummary(
        @JsonProperty("duration_ms") double durationMs,
        @JsonProperty("queue_length") long queueLength,
        @JsonProperty("dropped_messages") long droppedMessages,
        @JsonProperty("last_flush_duration_ms") Double lastFlushDurationMs,
        @JsonProperty("payloads_flushed_total") long payloadsFlushedTotal,
        @JsonProperty("bytes_flushed_total") long bytesFlushedTotal,
        @JsonProperty("auth_enabled") boolean authEnabled,
        @JsonProperty("worker_alive") boolean workerAlive,
        @JsonProperty("worker_error") String workerError,
        @JsonProperty("worker_restart_count") long workerRestartCount,
        @JsonProperty("perturbations_pending") long perturbationsPending,
        @JsonProperty("perturbations_active") long perturbationsActive,
        @JsonProperty("employment_exit_queue") long employmentExitQueue) {

    /** Zeros, {@code false} and {@code null}s. */
    public static final HealthSummary EMPTY = builder().build();

    public HealthSummary {
        requireNonNegative(queueLength, "queueLength");
        requireNonNegative(droppedMessages, "droppedMessages");
        requireNonNegative(payloadsFlushedTotal, "payloadsFlushedTotal");
        requireNonNegative(bytesFlushedTotal, "bytesFlushedTotal");
        requireNonNegative(workerRestartCount, "workerRestartCount");
        requireNonNegative(perturbationsPending, "perturbationsPending");
        requireNonNegative(perturbationsActive, "perturbationsActive");
        requireNonNegative(employmentExitQueue, "employmentExitQueue");
    }

    /** A builder starting from {@link #EMPTY}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this summary's values. */
    public Builder toBuilder() {
        return new Builder()
                .durationMs(durationMs)
                .queueLength(queueLength)
                .droppedMessages(droppedMessages)
                .lastFlushDurationMs(lastFlushDurationMs)
                .payloadsFlushedTotal(payloadsFlushedTotal)
                .bytesFlushedTotal(bytesFlushedTotal)
                .authEnabled(authEnabled)
                .workerAlive(workerAlive)
                .workerError(workerError)
                .workerRestartCount(workerRestartCount)
                .perturbationsPending(perturbationsPending)
                .perturbationsActive(perturbationsActive)
                .employmentExitQueue(employmentExitQueue);
    }

    private static void requireNonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }

    /** Mutable, single-threaded builder of {@link HealthSummary}; starts at {@link #EMPTY}'s values. */
    public static final class Builder {
        private double durationMs;
        private long queueLength;
        private long droppedMessages;
        private Double lastFlushDurationMs;
        private long payloadsFlushedTotal;
        private long bytesFlushedTotal;
        private boolean authEnabled;
        private boolean workerAlive;
        private String workerError;
        private long workerRestartCount;
        private long perturbationsPending;
        private long perturbationsActive;
        private long employmentExitQueue;

        private Builder() {
        }

        public Builder durationMs(double durationMs) {
            this.durationMs = durationMs;
            return this;
        }

        public Builder queueLength(long queueLength) {
            this.queueLength = queueLength;
            return this;
        }

        public Builder droppedMessages(long droppedMessages) {
            this.droppedMessages = droppedMessages;
            return this;
        }

        public Builder lastFlushDurationMs(Double lastFlushDurationMs) {
            this.lastFlushDurationMs = lastFlushDurationMs;
            return this;
        }

        public Builder payloadsFlushedTotal(long payloadsFlushedTotal) {
            this.payloadsFlushedTotal = payloadsFlushedTotal;
            return this;
        }

        public Builder bytesFlushedTotal(long bytesFlushedTotal) {
            this.bytesFlushedTotal = bytesFlushedTotal;
            return this;
        }

        public Builder authEnabled(boolean authEnabled) {
            this.authEnabled = authEnabled;
            return this;
        }

        public Builder workerAlive(boolean workerAlive) {
            this.workerAlive = workerAlive;
            return this;
        }

        public Builder workerError(String workerError) {
            this.workerError = workerError;
            return this;
        }

        public Builder workerRestartCount(long workerRestartCount) {
            this.workerRestartCount = workerRestartCount;
            return this;
        }

        public Builder perturbationsPending(long perturbationsPending) {
            this.perturbationsPending = perturbationsPending;
            return this;
        }

        public Builder perturbationsActive(long perturbationsActive) {
            this.perturbationsActive = perturbationsActive;
            return this;
        }

        public Builder employmentExitQueue(long employmentExitQueue) {
            this.employmentExitQueue = employmentExitQueue;
            return this;
        }

        public HealthSummary build() {
            return new HealthSummary(
                    durationMs, queueLength, droppedMessages, lastFlushDurationMs, payloadsFlushedTotal,
                    bytesFlushedTotal, authEnabled, workerAlive, workerError, workerRestartCount, perturbationsPending,
                    perturbationsActive, employmentExitQueue);
        }
    }
}

package org.townlet.telemetry.api.status;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * The pipeline's transport status (SPEC §11.9): every key of that table, in its order, under its snake_case JSON name
 * ({@code provider, connected, dropped_messages, last_error, ..., ingest_errors_total, nonfinite_values_total}).
 * Nullable values ({@code last_error}, {@code last_failure_tick}, {@code last_success_tick},
 * {@code last_flush_duration_ms}, {@code worker_error}, {@code last_worker_error}) are written as {@code null}, never
 * omitted; every counter is {@code >= 0}; {@code provider} and {@code backpressure_strategy} are required.
 *
 * <p>Immutable and thread-safe: the pipeline keeps live counters and assembles a new record per call through
 * {@link #builder(String, String)} or {@link #toBuilder()}. The initial value is {@link #initial(String, String)};
 * the stub's is {@link #STUB}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({
        "provider", "connected", "dropped_messages", "last_error", "last_failure_tick", "last_success_tick",
        "queue_length", "queue_length_peak", "last_flush_duration_ms", "last_flush_payload_bytes", "last_batch_count",
        "payloads_flushed_total", "bytes_flushed_total", "consecutive_send_failures", "send_failures_total",
        "tls_enabled", "verify_hostname", "allow_plaintext", "worker_alive", "worker_error", "worker_restart_count",
        "last_worker_error", "auth_enabled", "backpressure_strategy", "payloads_sent_total", "bytes_sent_total",
        "payloads_failed_total", "blocked_ms_total", "keyframes_total", "frames_built_total", "frames_dropped_total",
        "frames_unacked", "frames_resent_total", "frames_unconfirmed", "reconnects_total", "ingest_errors_total",
        "nonfinite_values_total"})
public record TransportStatus(
        @JsonProperty("provider") String provider,
        @JsonProperty("connected") boolean connected,
        @JsonProperty("dropped_messages") long droppedMessages,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("last_failure_tick") Long lastFailureTick,
        @JsonProperty("last_success_tick") Long lastSuccessTick,
        @JsonProperty("queue_length") long queueLength,
        @JsonProperty("queue_length_peak") long queueLengthPeak,
        @JsonProperty("last_flush_duration_ms") Double lastFlushDurationMs,
        @JsonProperty("last_flush_payload_bytes") long lastFlushPayloadBytes,
        @JsonProperty("last_batch_count") long lastBatchCount,
        @JsonProperty("payloads_flushed_total") long payloadsFlushedTotal,
        @JsonProperty("bytes_flushed_total") long bytesFlushedTotal,
        @JsonProperty("consecutive_send_failures") long consecutiveSendFailures,
        @JsonProperty("send_failures_total") long sendFailuresTotal,
        @JsonProperty("tls_enabled") boolean tlsEnabled,
        @JsonProperty("verify_hostname") boolean verifyHostname,
        @JsonProperty("allow_plaintext") boolean allowPlaintext,
        @JsonProperty("worker_alive") boolean workerAlive,
        @JsonProperty("worker_error") String workerError,
        @JsonProperty("worker_restart_count") long workerRestartCount,
        @JsonProperty("last_worker_error") String lastWorkerError,
        @JsonProperty("auth_enabled") boolean authEnabled,
        @JsonProperty("backpressure_strategy") String backpressureStrategy,
        @JsonProperty("payloads_sent_total") long payloadsSentTotal,
        @JsonProperty("bytes_sent_total") long bytesSentTotal,
        @JsonProperty("payloads_failed_total") long payloadsFailedTotal,
        @JsonProperty("blocked_ms_total") long blockedMsTotal,
        @JsonProperty("keyframes_total") long keyframesTotal,
        @JsonProperty("frames_built_total") long framesBuiltTotal,
        @JsonProperty("frames_dropped_total") long framesDroppedTotal,
        @JsonProperty("frames_unacked") long framesUnacked,
        @JsonProperty("frames_resent_total") long framesResentTotal,
        @JsonProperty("frames_unconfirmed") long framesUnconfirmed,
        @JsonProperty("reconnects_total") long reconnectsTotal,
        @JsonProperty("ingest_errors_total") long ingestErrorsTotal,
        @JsonProperty("nonfinite_values_total") long nonfiniteValuesTotal) {

    /** The status of the stub sink: {@code initial("stub", "drop_oldest")}. */
    public static final TransportStatus STUB = initial("stub", "drop_oldest");

    /**
     * @throws NullPointerException if {@code provider} or {@code backpressureStrategy} is {@code null}
     * @throws IllegalArgumentException if a counter is negative
     */
    public TransportStatus {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(backpressureStrategy, "backpressureStrategy");
        requireNonNegative(droppedMessages, "droppedMessages");
        requireNonNegative(queueLength, "queueLength");
        requireNonNegative(queueLengthPeak, "queueLengthPeak");
        requireNonNegative(lastFlushPayloadBytes, "lastFlushPayloadBytes");
        requireNonNegative(lastBatchCount, "lastBatchCount");
        requireNonNegative(payloadsFlushedTotal, "payloadsFlushedTotal");
        requireNonNegative(bytesFlushedTotal, "bytesFlushedTotal");
        requireNonNegative(consecutiveSendFailures, "consecutiveSendFailures");
        requireNonNegative(sendFailuresTotal, "sendFailuresTotal");
        requireNonNegative(workerRestartCount, "workerRestartCount");
        requireNonNegative(payloadsSentTotal, "payloadsSentTotal");
        requireNonNegative(bytesSentTotal, "bytesSentTotal");
        requireNonNegative(payloadsFailedTotal, "payloadsFailedTotal");
        requireNonNegative(blockedMsTotal, "blockedMsTotal");
        requireNonNegative(keyframesTotal, "keyframesTotal");
        requireNonNegative(framesBuiltTotal, "framesBuiltTotal");
        requireNonNegative(framesDroppedTotal, "framesDroppedTotal");
        requireNonNegative(framesUnacked, "framesUnacked");
        requireNonNegative(framesResentTotal, "framesResentTotal");
        requireNonNegative(framesUnconfirmed, "framesUnconfirmed");
        requireNonNegative(reconnectsTotal, "reconnectsTotal");
        requireNonNegative(ingestErrorsTotal, "ingestErrorsTotal");
        requireNonNegative(nonfiniteValuesTotal, "nonfiniteValuesTotal");
    }

    /**
     * The initial status of SPEC §11.9: disconnected, every counter 0, every nullable value {@code null}, TLS and auth
     * flags false, worker not alive. Set TLS and auth flags from configuration through {@link #toBuilder()}.
     */
    public static TransportStatus initial(String provider, String backpressureStrategy) {
        return builder(provider, backpressureStrategy).build();
    }

    /** A builder starting from {@link #initial(String, String)}. */
    public static Builder builder(String provider, String backpressureStrategy) {
        return new Builder(provider, backpressureStrategy);
    }

    /** Frames settled so far: sent ({@code payloads_sent_total}) or dropped ({@code frames_dropped_total}). */
    @JsonIgnore
    public long framesSettled() {
        return payloadsSentTotal + framesDroppedTotal;
    }

    /**
     * Whether every frame built so far is sent or dropped: what "drained" means (an empty buffer is not enough, the
     * worker's last batch may still be on its way). Exact once the pipeline has stopped (SPEC §11.9).
     */
    @JsonIgnore
    public boolean allFramesSettled() {
        return framesSettled() >= framesBuiltTotal;
    }

    /** A builder holding this status's values. */
    public Builder toBuilder() {
        Builder builder = new Builder(provider, backpressureStrategy);
        builder.connected = connected;
        builder.droppedMessages = droppedMessages;
        builder.lastError = lastError;
        builder.lastFailureTick = lastFailureTick;
        builder.lastSuccessTick = lastSuccessTick;
        builder.queueLength = queueLength;
        builder.queueLengthPeak = queueLengthPeak;
        builder.lastFlushDurationMs = lastFlushDurationMs;
        builder.lastFlushPayloadBytes = lastFlushPayloadBytes;
        builder.lastBatchCount = lastBatchCount;
        builder.payloadsFlushedTotal = payloadsFlushedTotal;
        builder.bytesFlushedTotal = bytesFlushedTotal;
        builder.consecutiveSendFailures = consecutiveSendFailures;
        builder.sendFailuresTotal = sendFailuresTotal;
        builder.tlsEnabled = tlsEnabled;
        builder.verifyHostname = verifyHostname;
        builder.allowPlaintext = allowPlaintext;
        builder.workerAlive = workerAlive;
        builder.workerError = workerError;
        builder.workerRestartCount = workerRestartCount;
        builder.lastWorkerError = lastWorkerError;
        builder.authEnabled = authEnabled;
        builder.payloadsSentTotal = payloadsSentTotal;
        builder.bytesSentTotal = bytesSentTotal;
        builder.payloadsFailedTotal = payloadsFailedTotal;
        builder.blockedMsTotal = blockedMsTotal;
        builder.keyframesTotal = keyframesTotal;
        builder.framesBuiltTotal = framesBuiltTotal;
        builder.framesDroppedTotal = framesDroppedTotal;
        builder.framesUnacked = framesUnacked;
        builder.framesResentTotal = framesResentTotal;
        builder.framesUnconfirmed = framesUnconfirmed;
        builder.reconnectsTotal = reconnectsTotal;
        builder.ingestErrorsTotal = ingestErrorsTotal;
        builder.nonfiniteValuesTotal = nonfiniteValuesTotal;
        return builder;
    }

    private static void requireNonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }

    /** Mutable, single-threaded builder of {@link TransportStatus}; starts at the initial values. */
    public static final class Builder {
        private String provider;
        private boolean connected;
        private long droppedMessages;
        private String lastError;
        private Long lastFailureTick;
        private Long lastSuccessTick;
        private long queueLength;
        private long queueLengthPeak;
        private Double lastFlushDurationMs;
        private long lastFlushPayloadBytes;
        private long lastBatchCount;
        private long payloadsFlushedTotal;
        private long bytesFlushedTotal;
        private long consecutiveSendFailures;
        private long sendFailuresTotal;
        private boolean tlsEnabled;
        private boolean verifyHostname;
        private boolean allowPlaintext;
        private boolean workerAlive;
        private String workerError;
        private long workerRestartCount;
        private String lastWorkerError;
        private boolean authEnabled;
        private String backpressureStrategy;
        private long payloadsSentTotal;
        private long bytesSentTotal;
        private long payloadsFailedTotal;
        private long blockedMsTotal;
        private long keyframesTotal;
        private long framesBuiltTotal;
        private long framesDroppedTotal;
        private long framesUnacked;
        private long framesResentTotal;
        private long framesUnconfirmed;
        private long reconnectsTotal;
        private long ingestErrorsTotal;
        private long nonfiniteValuesTotal;

        private Builder(String provider, String backpressureStrategy) {
            this.provider = provider;
            this.backpressureStrategy = backpressureStrategy;
        }

        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        public Builder connected(boolean connected) {
            this.connected = connected;
            return this;
        }

        public Builder droppedMessages(long droppedMessages) {
            this.droppedMessages = droppedMessages;
            return this;
        }

        public Builder lastError(String lastError) {
            this.lastError = lastError;
            return this;
        }

        public Builder lastFailureTick(Long lastFailureTick) {
            this.lastFailureTick = lastFailureTick;
            return this;
        }

        public Builder lastSuccessTick(Long lastSuccessTick) {
            this.lastSuccessTick = lastSuccessTick;
            return this;
        }

        public Builder queueLength(long queueLength) {
            this.queueLength = queueLength;
            return this;
        }

        public Builder queueLengthPeak(long queueLengthPeak) {
            this.queueLengthPeak = queueLengthPeak;
            return this;
        }

        public Builder lastFlushDurationMs(Double lastFlushDurationMs) {
            this.lastFlushDurationMs = lastFlushDurationMs;
            return this;
        }

        public Builder lastFlushPayloadBytes(long lastFlushPayloadBytes) {
            this.lastFlushPayloadBytes = lastFlushPayloadBytes;
            return this;
        }

        public Builder lastBatchCount(long lastBatchCount) {
            this.lastBatchCount = lastBatchCount;
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

        public Builder consecutiveSendFailures(long consecutiveSendFailures) {
            this.consecutiveSendFailures = consecutiveSendFailures;
            return this;
        }

        public Builder sendFailuresTotal(long sendFailuresTotal) {
            this.sendFailuresTotal = sendFailuresTotal;
            return this;
        }

        public Builder tlsEnabled(boolean tlsEnabled) {
            this.tlsEnabled = tlsEnabled;
            return this;
        }

        public Builder verifyHostname(boolean verifyHostname) {
            this.verifyHostname = verifyHostname;
            return this;
        }

        public Builder allowPlaintext(boolean allowPlaintext) {
            this.allowPlaintext = allowPlaintext;
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

        public Builder lastWorkerError(String lastWorkerError) {
            this.lastWorkerError = lastWorkerError;
            return this;
        }

        public Builder authEnabled(boolean authEnabled) {
            this.authEnabled = authEnabled;
            return this;
        }

        public Builder backpressureStrategy(String backpressureStrategy) {
            this.backpressureStrategy = backpressureStrategy;
            return this;
        }

        public Builder payloadsSentTotal(long payloadsSentTotal) {
            this.payloadsSentTotal = payloadsSentTotal;
            return this;
        }

        public Builder bytesSentTotal(long bytesSentTotal) {
            this.bytesSentTotal = bytesSentTotal;
            return this;
        }

        public Builder payloadsFailedTotal(long payloadsFailedTotal) {
            this.payloadsFailedTotal = payloadsFailedTotal;
            return this;
        }

        public Builder blockedMsTotal(long blockedMsTotal) {
            this.blockedMsTotal = blockedMsTotal;
            return this;
        }

        public Builder keyframesTotal(long keyframesTotal) {
            this.keyframesTotal = keyframesTotal;
            return this;
        }

        public Builder framesBuiltTotal(long framesBuiltTotal) {
            this.framesBuiltTotal = framesBuiltTotal;
            return this;
        }

        public Builder framesDroppedTotal(long framesDroppedTotal) {
            this.framesDroppedTotal = framesDroppedTotal;
            return this;
        }

        public Builder framesUnacked(long framesUnacked) {
            this.framesUnacked = framesUnacked;
            return this;
        }

        public Builder framesResentTotal(long framesResentTotal) {
            this.framesResentTotal = framesResentTotal;
            return this;
        }

        public Builder framesUnconfirmed(long framesUnconfirmed) {
            this.framesUnconfirmed = framesUnconfirmed;
            return this;
        }

        public Builder reconnectsTotal(long reconnectsTotal) {
            this.reconnectsTotal = reconnectsTotal;
            return this;
        }

        public Builder ingestErrorsTotal(long ingestErrorsTotal) {
            this.ingestErrorsTotal = ingestErrorsTotal;
            return this;
        }

        public Builder nonfiniteValuesTotal(long nonfiniteValuesTotal) {
            this.nonfiniteValuesTotal = nonfiniteValuesTotal;
            return this;
        }

        public TransportStatus build() {
            return new TransportStatus(
                    provider, connected, droppedMessages, lastError, lastFailureTick, lastSuccessTick, queueLength,
                    queueLengthPeak, lastFlushDurationMs, lastFlushPayloadBytes, lastBatchCount,
                    payloadsFlushedTotal, bytesFlushedTotal, consecutiveSendFailures, sendFailuresTotal, tlsEnabled,
                    verifyHostname, allowPlaintext, workerAlive, workerError, workerRestartCount, lastWorkerError,
                    authEnabled, backpressureStrategy, payloadsSentTotal, bytesSentTotal, payloadsFailedTotal,
                    blockedMsTotal, keyframesTotal, framesBuiltTotal, framesDroppedTotal, framesUnacked,
                    framesResentTotal, framesUnconfirmed, reconnectsTotal, ingestErrorsTotal, nonfiniteValuesTotal);
        }
    }
}

package org.townlet.app.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.townlet.telemetry.api.TelemetrySink;
import org.townlet.telemetry.api.event.AffordanceRuntime;
import org.townlet.telemetry.api.event.ConflictSnapshot;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.ConsoleResult;
import org.townlet.telemetry.api.event.ManualNarration;
import org.townlet.telemetry.api.event.NarrationEntry;
import org.townlet.telemetry.api.event.NarrationLimiterState;
import org.townlet.telemetry.api.event.PolicyIdentity;
import org.townlet.telemetry.api.event.PriceSpike;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.event.RelationshipSummary;
import org.townlet.telemetry.api.event.RelationshipTie;
import org.townlet.telemetry.api.event.RelationshipUpdate;
import org.townlet.telemetry.api.event.RivalryEvent;
import org.townlet.telemetry.api.event.SocialEvent;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.sink.EventSubscriber;
import org.townlet.telemetry.api.state.TelemetryStateSnapshot;
import org.townlet.telemetry.api.status.HealthStatus;
import org.townlet.telemetry.api.status.TransportStatus;

/**
 * A timing decorator around a sink: every call made on the simulation thread while recording is on is timed with
 * {@link System#nanoTime()} and recorded into an HdrHistogram, and the total is kept for {@code sink_share}. Calls from
 * other threads, and calls while recording is off ({@code start}/{@code stop} bracket a round), pass through untimed.
 *
 * <p>Written out method by method rather than as a dynamic proxy: a proxy's reflective dispatch and argument boxing
 * cost about 0.3 µs per call, several times the work of a cheap sink call, and would be counted as sink time. What is
 * left of the timer's own cost is measured by {@link #timerOverheadNanos()} so that {@code bench} can report it and
 * take it out of {@code sink_share}.
 *
 * <p>Threads: the counters are written by the simulation thread only and read by it after the round.
 */
final class TimingSink implements TelemetrySink {
    /** What {@code begin()} returns for a call that is not timed. */
    private static final long UNTIMED = Long.MIN_VALUE;

    private final TelemetrySink delegate;
    private final Thread simulationThread;
    private final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
    /** Per call (an event's type for {@code emitEvent}, else the method's name): {calls, nanos}. */
    private final Map<String, long[]> byCall = new LinkedHashMap<>();
    private long totalNanos;
    private boolean recording;

    private TimingSink(TelemetrySink delegate, Thread simulationThread) {
        this.delegate = delegate;
        this.simulationThread = simulationThread;
    }

    /** Wraps {@code delegate}; calls on the current thread are timed while {@link #recording(boolean)} is on. */
    static TimingSink wrap(TelemetrySink delegate) {
        return new TimingSink(delegate, Thread.currentThread());
    }

    void recording(boolean on) {
        recording = on;
    }

    Histogram histogram() {
        return histogram;
    }

    long totalNanos() {
        return totalNanos;
    }

    /** What each kind of call cost in total: call name → {calls, nanos}, timer included. */
    Map<String, long[]> byCall() {
        return byCall;
    }

    /**
     * The mean cost of timing one call that does nothing, measured on the calling thread: what each recorded call
     * adds to {@code totalNanos()} on its own. Uses a scratch decorator, so this one's figures are untouched.
     */
    static double timerOverheadNanos() {
        TimingSink scratch = new TimingSink(null, Thread.currentThread());
        scratch.recording(true);
        for (int i = 0; i < 200_000; i++) { // warm up the timed path
            scratch.end(scratch.begin(), "empty");
        }
        scratch.histogram.reset();
        scratch.totalNanos = 0;
        int calls = 1_000_000;
        for (int i = 0; i < calls; i++) {
            scratch.end(scratch.begin(), "empty");
        }
        return (double) scratch.totalNanos / calls;
    }

    private long begin() {
        return recording && Thread.currentThread() == simulationThread ? System.nanoTime() : UNTIMED;
    }

    private void end(long started, String call) {
        if (started != UNTIMED) {
            long elapsed = Math.max(0L, System.nanoTime() - started);
            totalNanos += elapsed;
            histogram.recordValue(elapsed);
            long[] slot = byCall.computeIfAbsent(call, name -> new long[2]);
            slot[0]++;
            slot[1] += elapsed;
        }
    }

    /** For the reads, which the simulation makes only for console commands. */
    private <T> T timed(String name, Supplier<T> call) {
        long started = begin();
        try {
            return call.get();
        } finally {
            end(started, name);
        }
    }

    @Override
    public String toString() {
        return "TimingSink[" + delegate + "]";
    }

    @Override
    public void start() {
        long started = begin();
        try {
            delegate.start();
        } finally {
            end(started, "start");
        }
    }

    @Override
    public void stop() {
        long started = begin();
        try {
            delegate.stop();
        } finally {
            end(started, "stop");
        }
    }

    @Override
    public void emitEvent(TelemetryEvent a0) {
        long started = begin();
        try {
            delegate.emitEvent(a0);
        } finally {
            end(started, a0.eventType());
        }
    }

    @Override
    public void emitMetric(String a0, double a1, Map<String, String> a2) {
        long started = begin();
        try {
            delegate.emitMetric(a0, a1, a2);
        } finally {
            end(started, "emitMetric");
        }
    }

    @Override
    public TransportStatus transportStatus() {
        long started = begin();
        try {
            return delegate.transportStatus();
        } finally {
            end(started, "transportStatus");
        }
    }

    @Override
    public void setRuntimeVariant(String a0) {
        long started = begin();
        try {
            delegate.setRuntimeVariant(a0);
        } finally {
            end(started, "setRuntimeVariant");
        }
    }

    @Override
    public void registerEventSubscriber(EventSubscriber a0) {
        long started = begin();
        try {
            delegate.registerEventSubscriber(a0);
        } finally {
            end(started, "registerEventSubscriber");
        }
    }

    @Override
    public Optional<NarrationEntry> emitManualNarration(ManualNarration a0) {
        long started = begin();
        try {
            return delegate.emitManualNarration(a0);
        } finally {
            end(started, "emitManualNarration");
        }
    }

    @Override
    public void updatePolicyIdentity(PolicyIdentity a0) {
        long started = begin();
        try {
            delegate.updatePolicyIdentity(a0);
        } finally {
            end(started, "updatePolicyIdentity");
        }
    }

    @Override
    public void updateRelationshipMetrics(Map<String, Object> a0) {
        long started = begin();
        try {
            delegate.updateRelationshipMetrics(a0);
        } finally {
            end(started, "updateRelationshipMetrics");
        }
    }

    @Override
    public String schema() {
        return timed("schema", delegate::schema);
    }

    @Override
    public long currentTick() {
        return timed("currentTick", delegate::currentTick);
    }

    @Override
    public Optional<PolicyIdentity> latestPolicyIdentity() {
        return timed("latestPolicyIdentity", delegate::latestPolicyIdentity);
    }

    @Override
    public Map<String, Map<String, Object>> latestPolicySnapshot() {
        return timed("latestPolicySnapshot", delegate::latestPolicySnapshot);
    }

    @Override
    public Optional<Map<String, Object>> latestAnnealStatus() {
        return timed("latestAnnealStatus", delegate::latestAnnealStatus);
    }

    @Override
    public QueueMetrics latestQueueMetrics() {
        return timed("latestQueueMetrics", delegate::latestQueueMetrics);
    }

    @Override
    public Map<String, Double> latestEmbeddingMetrics() {
        return timed("latestEmbeddingMetrics", delegate::latestEmbeddingMetrics);
    }

    @Override
    public Map<String, Map<String, Object>> latestJobSnapshot() {
        return timed("latestJobSnapshot", delegate::latestJobSnapshot);
    }

    @Override
    public List<WorldEvent> latestEvents() {
        return timed("latestEvents", delegate::latestEvents);
    }

    @Override
    public Map<String, Object> latestEconomySnapshot() {
        return timed("latestEconomySnapshot", delegate::latestEconomySnapshot);
    }

    @Override
    public Map<String, Double> latestEconomySettings() {
        return timed("latestEconomySettings", delegate::latestEconomySettings);
    }

    @Override
    public Map<String, PriceSpike> latestPriceSpikes() {
        return timed("latestPriceSpikes", delegate::latestPriceSpikes);
    }

    @Override
    public Map<String, Boolean> latestUtilities() {
        return timed("latestUtilities", delegate::latestUtilities);
    }

    @Override
    public Map<String, Object> latestEmploymentMetrics() {
        return timed("latestEmploymentMetrics", delegate::latestEmploymentMetrics);
    }

    @Override
    public ConflictSnapshot latestConflictSnapshot() {
        return timed("latestConflictSnapshot", delegate::latestConflictSnapshot);
    }

    @Override
    public List<RivalryEvent> latestRivalryEvents() {
        return timed("latestRivalryEvents", delegate::latestRivalryEvents);
    }

    @Override
    public Map<String, Object> latestAffordanceManifest() {
        return timed("latestAffordanceManifest", delegate::latestAffordanceManifest);
    }

    @Override
    public AffordanceRuntime latestAffordanceRuntime() {
        return timed("latestAffordanceRuntime", delegate::latestAffordanceRuntime);
    }

    @Override
    public Map<String, Map<String, Double>> latestRewardBreakdown() {
        return timed("latestRewardBreakdown", delegate::latestRewardBreakdown);
    }

    @Override
    public Map<String, Map<String, Object>> latestPersonalitySnapshot() {
        return timed("latestPersonalitySnapshot", delegate::latestPersonalitySnapshot);
    }

    @Override
    public Map<String, Object> latestRelationshipMetrics() {
        return timed("latestRelationshipMetrics", delegate::latestRelationshipMetrics);
    }

    @Override
    public Map<String, Map<String, RelationshipTie>> latestRelationshipSnapshot() {
        return timed("latestRelationshipSnapshot", delegate::latestRelationshipSnapshot);
    }

    @Override
    public List<RelationshipUpdate> latestRelationshipUpdates() {
        return timed("latestRelationshipUpdates", delegate::latestRelationshipUpdates);
    }

    @Override
    public RelationshipSummary latestRelationshipSummary() {
        return timed("latestRelationshipSummary", delegate::latestRelationshipSummary);
    }

    @Override
    public List<SocialEvent> latestSocialEvents() {
        return timed("latestSocialEvents", delegate::latestSocialEvents);
    }

    @Override
    public List<NarrationEntry> latestNarrations() {
        return timed("latestNarrations", delegate::latestNarrations);
    }

    @Override
    public NarrationLimiterState latestNarrationState() {
        return timed("latestNarrationState", delegate::latestNarrationState);
    }

    @Override
    public Map<String, Object> latestStabilityMetrics() {
        return timed("latestStabilityMetrics", delegate::latestStabilityMetrics);
    }

    @Override
    public List<String> latestStabilityAlerts() {
        return timed("latestStabilityAlerts", delegate::latestStabilityAlerts);
    }

    @Override
    public TransportStatus latestTransportStatus() {
        return timed("latestTransportStatus", delegate::latestTransportStatus);
    }

    @Override
    public HealthStatus latestHealthStatus() {
        return timed("latestHealthStatus", delegate::latestHealthStatus);
    }

    @Override
    public List<String> latestSnapshotMigrations() {
        return timed("latestSnapshotMigrations", delegate::latestSnapshotMigrations);
    }

    @Override
    public void importState(TelemetryStateSnapshot a0) {
        long started = begin();
        try {
            delegate.importState(a0);
        } finally {
            end(started, "importState");
        }
    }

    @Override
    public List<ConsoleCommand> drainConsoleBuffer() {
        long started = begin();
        try {
            return delegate.drainConsoleBuffer();
        } finally {
            end(started, "drainConsoleBuffer");
        }
    }

    @Override
    public void importConsoleBuffer(List<?> a0) {
        long started = begin();
        try {
            delegate.importConsoleBuffer(a0);
        } finally {
            end(started, "importConsoleBuffer");
        }
    }

    @Override
    public List<ConsoleResult> latestConsoleResults() {
        return timed("latestConsoleResults", delegate::latestConsoleResults);
    }

    @Override
    public List<ConsoleResult> consoleHistory() {
        return timed("consoleHistory", delegate::consoleHistory);
    }
}

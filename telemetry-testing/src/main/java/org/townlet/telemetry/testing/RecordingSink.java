package org.townlet.telemetry.testing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.townlet.telemetry.api.TelemetrySink;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.ConsoleResult;
import org.townlet.telemetry.api.event.ManualNarration;
import org.townlet.telemetry.api.event.MetricSample;
import org.townlet.telemetry.api.event.NarrationEntry;
import org.townlet.telemetry.api.event.PolicyIdentity;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.json.JsonMaps;
import org.townlet.telemetry.api.sink.EmptyReadModel;
import org.townlet.telemetry.api.sink.EventSubscriber;
import org.townlet.telemetry.api.state.TelemetryStateSnapshot;
import org.townlet.telemetry.api.status.TransportStatus;

/**
 * A {@link TelemetrySink} that records what it is given and otherwise does nothing (the original's "dummy" sink): for
 * tests of code that drives a sink, such as the simulation loop or the lifecycle manager.
 *
 * <p>It records every event ({@link #events()}), every metric ({@link #metrics()}), lifecycle calls
 * ({@link #started()}, {@link #stopped()} and their counts) and the other writes (manual narrations, subscribers,
 * policy identity, runtime variant, relationship metrics, console imports, imported states). Every read returns its
 * SPEC Table 3.3 empty value, except {@link #currentTick()}, which is the tick of the latest recorded event (0 before
 * the first), as the stub tracks it; {@link #transportStatus()} is {@link #TRANSPORT_STATUS}. Writes have no effect on
 * reads: a subscriber is never called, a manual narration is recorded and returns empty, {@code importState} is
 * recorded and changes nothing. No method throws except for a {@code null} event or metric name.
 *
 * <p>Thread-safe: every method may be called from any thread; the recorded lists are returned as immutable copies in
 * call order.
 */
public final class RecordingSink implements TelemetrySink, EmptyReadModel {
    /** What {@link #transportStatus()} returns: {@code initial("recording", "drop_oldest")}. */
    public static final TransportStatus TRANSPORT_STATUS = TransportStatus.initial("recording", "drop_oldest");

    private final ConcurrentLinkedQueue<TelemetryEvent> events = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<MetricSample> metrics = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ManualNarration> manualNarrations = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<EventSubscriber> subscribers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<List<?>> consoleImports = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<TelemetryStateSnapshot> importedStates = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Optional<String>> runtimeVariant = new AtomicReference<>(Optional.empty());
    private final AtomicReference<Optional<PolicyIdentity>> policyIdentity = new AtomicReference<>(Optional.empty());
    private final AtomicReference<Map<String, Object>> relationshipMetrics = new AtomicReference<>(Map.of());
    private final AtomicLong currentTick = new AtomicLong();
    private final AtomicInteger starts = new AtomicInteger();
    private final AtomicInteger stops = new AtomicInteger();

    /** A sink that has recorded nothing. */
    public RecordingSink() {
    }

    // ---------------------------------------------------------------- port and ingress: recorded

    @Override
    public void start() {
        starts.incrementAndGet();
    }

    @Override
    public void stop() {
        stops.incrementAndGet();
    }

    @Override
    public void emitEvent(TelemetryEvent event) {
        Objects.requireNonNull(event, "event");
        events.add(event);
        currentTick.accumulateAndGet(event.tick(), Math::max);
    }

    @Override
    public void emitMetric(String name, double value, Map<String, String> tags) {
        metrics.add(new MetricSample(name, value, tags));
    }

    @Override
    public void setRuntimeVariant(String variantOrNull) {
        runtimeVariant.set(Optional.ofNullable(variantOrNull));
    }

    /** Adds the subscriber to {@link #subscribers()} (once per instance); it is never called. */
    @Override
    public void registerEventSubscriber(EventSubscriber subscriber) {
        if (subscriber != null && subscribers.stream().noneMatch(s -> s == subscriber)) {
            subscribers.add(subscriber);
        }
    }

    /** Records the narration; returns empty, as the stub does. */
    @Override
    public Optional<NarrationEntry> emitManualNarration(ManualNarration narration) {
        if (narration != null) {
            manualNarrations.add(narration);
        }
        return Optional.empty();
    }

    @Override
    public void updatePolicyIdentity(PolicyIdentity identityOrNull) {
        policyIdentity.set(Optional.ofNullable(identityOrNull));
    }

    @Override
    public void updateRelationshipMetrics(Map<String, Object> metrics) {
        relationshipMetrics.set(JsonMaps.copyOf(metrics));
    }

    @Override
    public void importConsoleBuffer(List<?> items) {
        consoleImports.add(JsonMaps.copyOfList(items));
    }

    @Override
    public void importState(TelemetryStateSnapshot snapshot) {
        if (snapshot != null) {
            importedStates.add(snapshot);
        }
    }

    @Override
    public TransportStatus transportStatus() {
        return TRANSPORT_STATUS;
    }

    // ---------------------------------------------------------------- reads: Table 3.3 empty values

    @Override
    public long currentTick() {
        return currentTick.get();
    }

    @Override
    public List<ConsoleCommand> drainConsoleBuffer() {
        return List.of();
    }

    @Override
    public List<ConsoleResult> latestConsoleResults() {
        return List.of();
    }

    @Override
    public List<ConsoleResult> consoleHistory() {
        return List.of();
    }

    @Override
    public TransportStatus latestTransportStatus() {
        return transportStatus();
    }

    // ---------------------------------------------------------------- what was recorded

    /** Whether {@link #start()} was called. */
    public boolean started() {
        return starts.get() > 0;
    }

    /** Whether {@link #stop()} was called. */
    public boolean stopped() {
        return stops.get() > 0;
    }

    /** How many times {@link #start()} was called. */
    public int startCount() {
        return starts.get();
    }

    /** How many times {@link #stop()} was called. */
    public int stopCount() {
        return stops.get();
    }

    /** Every event emitted, in call order. */
    public List<TelemetryEvent> events() {
        return List.copyOf(events);
    }

    /** The events of type {@code eventType} (e.g. {@code EventTypes.LOOP_TICK}), in call order. */
    public List<TelemetryEvent> events(String eventType) {
        return events.stream().filter(e -> e.eventType().equals(eventType)).toList();
    }

    /** Every {@link #emitMetric} call as a sample, in call order. */
    public List<MetricSample> metrics() {
        return List.copyOf(metrics);
    }

    /** The last sample recorded under {@code name}; empty if none. */
    public Optional<MetricSample> latestMetric(String name) {
        MetricSample last = null;
        for (MetricSample sample : metrics) {
            if (sample.name().equals(name)) {
                last = sample;
            }
        }
        return Optional.ofNullable(last);
    }

    /** Every manual narration offered, in call order. */
    public List<ManualNarration> manualNarrations() {
        return List.copyOf(manualNarrations);
    }

    /** The subscribers registered, in registration order, each once. */
    public List<EventSubscriber> subscribers() {
        return List.copyOf(subscribers);
    }

    /** The item lists passed to {@link #importConsoleBuffer}, in call order. */
    public List<List<?>> consoleImports() {
        return List.copyOf(consoleImports);
    }

    /** The snapshots passed to {@link #importState}, in call order. */
    public List<TelemetryStateSnapshot> importedStates() {
        return List.copyOf(importedStates);
    }

    /** The runtime variant last set; empty if never set or cleared. */
    public Optional<String> runtimeVariant() {
        return runtimeVariant.get();
    }

    /** The policy identity last set; empty if never set or cleared. */
    public Optional<PolicyIdentity> policyIdentity() {
        return policyIdentity.get();
    }

    /** The relationship metrics last passed to {@link #updateRelationshipMetrics}; {@code {}} before. */
    public Map<String, Object> relationshipMetrics() {
        return relationshipMetrics.get();
    }
}

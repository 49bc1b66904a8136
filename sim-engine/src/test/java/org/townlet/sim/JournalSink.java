package org.townlet.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.ConsoleResult;
import org.townlet.telemetry.api.event.ManualNarration;
import org.townlet.telemetry.api.event.NarrationEntry;
import org.townlet.telemetry.api.event.PolicyIdentity;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.sink.ConsoleBridge;
import org.townlet.telemetry.api.sink.EmptyReadModel;
import org.townlet.telemetry.api.sink.EventSubscriber;
import org.townlet.telemetry.api.sink.TelemetryIngress;
import org.townlet.telemetry.api.sink.TelemetryPort;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.testing.RecordingSink;

/**
 * The three roles the loop drives, and an empty read model, delegating to a {@link RecordingSink} and keeping one
 * journal of lifecycle calls and event types in call order. It can throw on a chosen event, hand out console commands
 * on chosen ticks, report a chosen transport status (to play the stub, or console auth), and run a hook after each
 * recorded event. Single-threaded, like the loop.
 */
final class JournalSink implements TelemetryIngress, ConsoleBridge, TelemetryPort, EmptyReadModel {
    static final String START = "start";
    static final String STOP = "stop";

    final RecordingSink recording = new RecordingSink();
    private final List<String> journal = new ArrayList<>();
    private Predicate<TelemetryEvent> failOn = event -> false;
    private Consumer<TelemetryEvent> afterEvent = event -> { };
    private final java.util.TreeMap<Long, List<ConsoleCommand>> commandsByTick = new java.util.TreeMap<>();
    private long drains;
    private TransportStatus status;

    JournalSink failOn(Predicate<TelemetryEvent> predicate) {
        this.failOn = predicate;
        return this;
    }

    JournalSink afterEvent(Consumer<TelemetryEvent> hook) {
        this.afterEvent = hook;
        return this;
    }

    /** Commands drained before the first tick. */
    JournalSink commands(List<ConsoleCommand> commands) {
        return commandsAt(1, commands);
    }

    /** Commands drained at the start of {@code tick} (the loop drains once per tick). */
    JournalSink commandsAt(long tick, ConsoleCommand... commands) {
        return commandsAt(tick, List.of(commands));
    }

    JournalSink commandsAt(long tick, List<ConsoleCommand> commands) {
        commandsByTick.computeIfAbsent(tick, key -> new ArrayList<>()).addAll(commands);
        return this;
    }

    /** Reports {@code transportStatus} instead of the recording sink's. */
    JournalSink transportStatus(TransportStatus transportStatus) {
        this.status = transportStatus;
        return this;
    }

    List<String> journal() {
        return Collections.unmodifiableList(new ArrayList<>(journal));
    }

    @Override
    public void start() {
        journal.add(START);
        recording.start();
    }

    @Override
    public void stop() {
        journal.add(STOP);
        recording.stop();
    }

    @Override
    public void emitEvent(TelemetryEvent event) {
        if (failOn.test(event)) {
            throw new IllegalStateException("boom");
        }
        journal.add(event.eventType());
        recording.emitEvent(event);
        afterEvent.accept(event);
    }

    @Override
    public void emitMetric(String name, double value, Map<String, String> tags) {
        recording.emitMetric(name, value, tags);
    }

    @Override
    public TransportStatus transportStatus() {
        return status != null ? status : recording.transportStatus();
    }

    @Override
    public long currentTick() {
        return recording.currentTick();
    }

    @Override
    public TransportStatus latestTransportStatus() {
        return transportStatus();
    }

    @Override
    public void setRuntimeVariant(String variantOrNull) {
        recording.setRuntimeVariant(variantOrNull);
    }

    @Override
    public void registerEventSubscriber(EventSubscriber subscriber) {
        recording.registerEventSubscriber(subscriber);
    }

    @Override
    public Optional<NarrationEntry> emitManualNarration(ManualNarration narration) {
        return recording.emitManualNarration(narration);
    }

    @Override
    public void updatePolicyIdentity(PolicyIdentity identityOrNull) {
        recording.updatePolicyIdentity(identityOrNull);
    }

    @Override
    public void updateRelationshipMetrics(Map<String, Object> metrics) {
        recording.updateRelationshipMetrics(metrics);
    }

    @Override
    public List<ConsoleCommand> drainConsoleBuffer() {
        drains++;
        List<ConsoleCommand> drained = commandsByTick.remove(drains);
        return drained == null ? List.of() : List.copyOf(drained);
    }

    @Override
    public void importConsoleBuffer(List<?> items) {
        recording.importConsoleBuffer(items);
    }

    @Override
    public List<ConsoleResult> latestConsoleResults() {
        return recording.latestConsoleResults();
    }

    @Override
    public List<ConsoleResult> consoleHistory() {
        return recording.consoleHistory();
    }
}

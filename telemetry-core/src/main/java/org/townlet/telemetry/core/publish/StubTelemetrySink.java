package org.townlet.telemetry.core.publish;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.townlet.telemetry.api.TelemetrySink;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.ConsoleEvent;
import org.townlet.telemetry.api.event.ConsoleResult;
import org.townlet.telemetry.api.event.ManualNarration;
import org.townlet.telemetry.api.event.NarrationEntry;
import org.townlet.telemetry.api.event.PolicyIdentity;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.sink.EmptyInspector;
import org.townlet.telemetry.api.sink.EmptyReadModel;
import org.townlet.telemetry.api.sink.EventSubscriber;
import org.townlet.telemetry.api.state.TelemetryStateSnapshot;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.core.console.ConsoleCommandBuffer;
import org.townlet.telemetry.core.console.ConsoleResultLog;

/**
 * The sink chosen by provider {@code stub}/{@code none} or transport type {@code none} (SPEC §13): it builds no
 * publisher, worker or transport and streams nothing.
 *
 * <p>It never throws, not even for invalid arguments. It tracks {@link #currentTick()} from event ticks and keeps the
 * console command queue, results and history as the publisher does, so console commands keep working; every other
 * read returns its empty value of SPEC Table 3.3 in full shape ({@code latestEconomySettings()} is {@code {}}), and
 * {@link #transportStatus()} is {@link TransportStatus#STUB}. {@link #start()} logs WARNING {@value #STUB_WARNING}
 * once; {@link #importState} logs WARNING {@value #IMPORT_WARNING} once and ignores the state.
 *
 * <p>Threads: safe from any thread. Obtain one from {@link TelemetrySinks#stub()}.
 */
public final class StubTelemetrySink implements TelemetrySink, EmptyReadModel, EmptyInspector {
    /** The warning logged once by {@link #start()}. */
    public static final String STUB_WARNING = "telemetry_stub_active provider=stub message='Telemetry streaming "
            + "disabled; configure a transport to enable it.'";
    /** The warning logged once by {@link #importState}. */
    public static final String IMPORT_WARNING = "snapshot_restore_stub_telemetry";

    private static final System.Logger LOG = System.getLogger(StubTelemetrySink.class.getName());

    private final ConsoleCommandBuffer commands = new ConsoleCommandBuffer();
    private final ConsoleResultLog results = new ConsoleResultLog();
    private final AtomicBoolean warnedStart = new AtomicBoolean();
    private final AtomicBoolean warnedImport = new AtomicBoolean();
    private volatile long currentTick;

    StubTelemetrySink() {
    }

    // ------------------------------------------------------------------ port

    @Override
    public void start() {
        if (warnedStart.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, STUB_WARNING);
        }
    }

    @Override
    public void stop() {
        // Nothing runs.
    }

    /** Tracks the tick; records console results; ignores everything else. Never throws. */
    @Override
    public void emitEvent(TelemetryEvent event) {
        if (event == null) {
            return;
        }
        try {
            currentTick = event.tick();
            if (event.payload() instanceof ConsoleEvent consoleEvent) {
                results.record(consoleEvent.result(), currentTick);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Stub telemetry sink ignored an event it could not record: " + e);
        }
    }

    @Override
    public void emitMetric(String name, double value, Map<String, String> tags) {
        // Metrics are not recorded by the stub.
    }

    @Override
    public TransportStatus transportStatus() {
        return TransportStatus.STUB;
    }

    // ------------------------------------------------------------------ ingress

    @Override
    public void setRuntimeVariant(String variantOrNull) {
        // Not recorded by the stub.
    }

    @Override
    public void registerEventSubscriber(EventSubscriber subscriber) {
        // The stub delivers no events.
    }

    @Override
    public Optional<NarrationEntry> emitManualNarration(ManualNarration narration) {
        return Optional.empty();
    }

    @Override
    public void updatePolicyIdentity(PolicyIdentity identityOrNull) {
        // Not recorded by the stub.
    }

    @Override
    public void updateRelationshipMetrics(Map<String, Object> metrics) {
        // Not recorded by the stub.
    }

    // ------------------------------------------------------------------ console

    @Override
    public List<ConsoleCommand> drainConsoleBuffer() {
        return commands.drain();
    }

    @Override
    public void importConsoleBuffer(List<?> items) {
        try {
            commands.importItems(items);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Ignoring console buffer the stub could not import: " + e);
        }
    }

    @Override
    public List<ConsoleResult> latestConsoleResults() {
        return results.latest();
    }

    @Override
    public List<ConsoleResult> consoleHistory() {
        return results.history();
    }

    // ------------------------------------------------------------------ reads: the tracked ones (the rest are
    // EmptyReadModel's Table 3.3 empty values)

    @Override
    public long currentTick() {
        return currentTick;
    }

    @Override
    public TransportStatus latestTransportStatus() {
        return TransportStatus.STUB;
    }

    // ------------------------------------------------------------------ inspector

    /** The empty snapshot at the current tick (SPEC §13). */
    @Override
    public TelemetryStateSnapshot exportState() {
        return TelemetryStateSnapshot.empty(currentTick);
    }

    @Override
    public void recordSnapshotMigrations(List<String> applied) {
        // Not recorded by the stub.
    }

    @Override
    public void updateAnnealStatus(Map<String, Object> statusOrNull) {
        // Not recorded by the stub.
    }

    // ------------------------------------------------------------------ state

    /** Logs WARNING {@value #IMPORT_WARNING} once and ignores the state. */
    @Override
    public void importState(TelemetryStateSnapshot snapshot) {
        if (warnedImport.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, IMPORT_WARNING);
        }
    }
}

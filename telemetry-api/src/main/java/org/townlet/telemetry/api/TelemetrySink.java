package org.townlet.telemetry.api;

import org.townlet.telemetry.api.sink.ConsoleBridge;
import org.townlet.telemetry.api.sink.TelemetryIngress;
import org.townlet.telemetry.api.sink.TelemetryPort;
import org.townlet.telemetry.api.sink.TelemetryReadModel;
import org.townlet.telemetry.api.sink.TelemetryStateIO;

/**
 * The telemetry sink: the whole 43-method protocol of SPEC §3.3 plus the lifecycle/write port, as one type.
 *
 * <p>It only joins the role interfaces; code should depend on the narrowest role it uses ({@link TelemetryIngress}
 * for a simulation loop that records, {@link TelemetryReadModel} for a console or UI, {@link TelemetryPort} for a
 * lifecycle manager). {@code emitEvent} is declared by both {@link TelemetryIngress} and {@link TelemetryPort}; it is
 * one method, so this type has 47 distinct abstract methods.
 *
 * <p>Threads: write methods are called by the simulation thread (manual narration and console imports from any
 * thread); read methods are safe from any thread, never block the simulation and return immutable values. No method
 * returns {@code null}.
 */
public interface TelemetrySink extends TelemetryIngress, ConsoleBridge, TelemetryReadModel, TelemetryStateIO,
        TelemetryPort {
}

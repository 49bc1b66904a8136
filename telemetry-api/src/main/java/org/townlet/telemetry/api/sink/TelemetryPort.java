package org.townlet.telemetry.api.sink;

import java.util.Map;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.status.TransportStatus;

/**
 * The lifecycle and write port (SPEC §3.2): what a simulation loop and a lifecycle manager need.
 */
public interface TelemetryPort {
    /** Starts the worker and the transport exactly once; a second call is a no-op. Opens no network connection. */
    void start();

    /**
     * Completes the pending tick, drains within the configured stop timeout, counts what was not delivered, then
     * flushes and closes the transport. Idempotent and bounded; never hangs.
     */
    void stop();

    /** Records an event (the same method as {@link TelemetryIngress#emitEvent}). */
    void emitEvent(TelemetryEvent event);

    /** Records {@code value} with {@code tags} under {@code name} in the metrics registry; the last value wins. */
    void emitMetric(String name, double value, Map<String, String> tags);

    /** The current transport status, assembled fresh from the pipeline's counters; never throws. */
    TransportStatus transportStatus();
}

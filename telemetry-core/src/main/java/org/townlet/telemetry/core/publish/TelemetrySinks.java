package org.townlet.telemetry.core.publish;

/**
 * Factories of ready-made sinks. The real sink, {@link TelemetryPublisher}, is assembled with its own builder.
 */
public final class TelemetrySinks {
    private TelemetrySinks() {
    }

    /**
     * A new stub sink (SPEC §13): streams nothing, never throws, keeps the console working. It implements both
     * {@link org.townlet.telemetry.api.TelemetrySink} and {@link org.townlet.telemetry.api.sink.TelemetryInspector}.
     */
    public static StubTelemetrySink stub() {
        return new StubTelemetrySink();
    }
}

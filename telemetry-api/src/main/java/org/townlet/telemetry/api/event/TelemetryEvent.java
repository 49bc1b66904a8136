package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One telemetry event (SPEC §4.1): JSON {@code {event_type, tick, payload, metadata}}. Its {@code tick} ({@code >= 0})
 * is the only tick of the event. The payload must match the type: a catalogued type (see {@link EventTypes}) needs its
 * own payload record, any other type a {@link GenericPayload}. {@code null} metadata becomes
 * {@link TelemetryMetadata#DEFAULT}. Immutable and thread-safe; use the static factories.
 */
public record TelemetryEvent(
        @JsonProperty("event_type") String eventType,
        @JsonProperty("tick") long tick,
        @JsonProperty("payload") EventPayload payload,
        @JsonProperty("metadata") TelemetryMetadata metadata) {

    /**
     * @throws NullPointerException if {@code eventType} or {@code payload} is {@code null}
     * @throws IllegalArgumentException if {@code tick < 0} or the payload does not belong to {@code eventType}
     */
    public TelemetryEvent {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(payload, "payload");
        if (tick < 0) {
            throw new IllegalArgumentException("tick must be >= 0, was " + tick);
        }
        Optional<Class<? extends EventPayload>> expected = EventTypes.payloadTypeOf(eventType);
        if (expected.isPresent() && !expected.get().isInstance(payload)) {
            throw new IllegalArgumentException("event type '" + eventType + "' needs a "
                    + expected.get().getSimpleName() + " payload, got " + payload.getClass().getSimpleName());
        }
        if (expected.isEmpty() && !(payload instanceof GenericPayload)) {
            throw new IllegalArgumentException("event type '" + eventType + "' is not catalogued and needs a "
                    + "GenericPayload, got " + payload.getClass().getSimpleName());
        }
        metadata = metadata == null ? TelemetryMetadata.DEFAULT : metadata;
    }

    public static TelemetryEvent loopTick(long tick, LoopTick payload) {
        return new TelemetryEvent(EventTypes.LOOP_TICK, tick, payload, null);
    }

    public static TelemetryEvent loopHealth(long tick, LoopHealth payload) {
        return new TelemetryEvent(EventTypes.LOOP_HEALTH, tick, payload, null);
    }

    public static TelemetryEvent loopFailure(long tick, LoopFailure payload) {
        return new TelemetryEvent(EventTypes.LOOP_FAILURE, tick, payload, null);
    }

    public static TelemetryEvent consoleResult(long tick, ConsoleEvent payload) {
        return new TelemetryEvent(EventTypes.CONSOLE_RESULT, tick, payload, null);
    }

    public static TelemetryEvent stabilityMetrics(long tick, StabilityMetrics payload) {
        return new TelemetryEvent(EventTypes.STABILITY_METRICS, tick, payload, null);
    }

    public static TelemetryEvent policyMetadata(long tick, PolicyMetadata payload) {
        return new TelemetryEvent(EventTypes.POLICY_METADATA, tick, payload, null);
    }

    public static TelemetryEvent policyPossession(long tick, PolicyPossession payload) {
        return new TelemetryEvent(EventTypes.POLICY_POSSESSION, tick, payload, null);
    }

    public static TelemetryEvent policyAnneal(long tick, PolicyAnneal payload) {
        return new TelemetryEvent(EventTypes.POLICY_ANNEAL_UPDATE, tick, payload, null);
    }

    public static TelemetryEvent snapshotMigrations(long tick, SnapshotMigrations payload) {
        return new TelemetryEvent(EventTypes.SNAPSHOT_MIGRATIONS, tick, payload, null);
    }

    public static TelemetryEvent metric(long tick, MetricSample payload) {
        return new TelemetryEvent(EventTypes.METRICS, tick, payload, null);
    }

    /**
     * An event of a type outside the catalogue.
     *
     * @throws IllegalArgumentException if {@code eventType} is catalogued
     */
    public static TelemetryEvent generic(String eventType, long tick, Map<String, Object> data) {
        return new TelemetryEvent(eventType, tick, new GenericPayload(data), null);
    }

    /** This event with other metadata. */
    public TelemetryEvent withMetadata(TelemetryMetadata newMetadata) {
        return new TelemetryEvent(eventType, tick, payload, newMetadata);
    }
}

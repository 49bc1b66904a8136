package org.townlet.telemetry.api.event;

/**
 * The sealed root of event payloads (SPEC §4.1, §4.2). Each catalogued event type has its own record (see
 * {@link EventTypes#payloadTypeOf(String)}); any other type carries a {@link GenericPayload}. All implementations are
 * immutable, thread-safe records.
 */
public sealed interface EventPayload
        permits LoopTick, LoopHealth, LoopFailure, ConsoleEvent, StabilityMetrics, PolicyMetadata, PolicyPossession,
        PolicyAnneal, SnapshotMigrations, MetricSample, GenericPayload {
}

package org.townlet.telemetry.api.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The event type names of the catalogue (SPEC §4.2) and the payload record each one carries. A name outside the
 * catalogue carries a {@link GenericPayload}. Stateless and thread-safe.
 */
public final class EventTypes {
    public static final String LOOP_TICK = "loop.tick";
    public static final String STABILITY_METRICS = "stability.metrics";
    public static final String LOOP_HEALTH = "loop.health";
    public static final String LOOP_FAILURE = "loop.failure";
    public static final String CONSOLE_RESULT = "console.result";
    public static final String POLICY_METADATA = "policy.metadata";
    public static final String POLICY_POSSESSION = "policy.possession";
    public static final String POLICY_ANNEAL_UPDATE = "policy.anneal.update";
    public static final String SNAPSHOT_MIGRATIONS = "telemetry.snapshot.migrations";
    public static final String METRICS = "metrics";

    private static final Map<String, Class<? extends EventPayload>> PAYLOAD_TYPES = catalogue();

    private EventTypes() {
    }

    /** The payload record of a catalogued type; empty for {@code null} and for names outside the catalogue. */
    public static Optional<Class<? extends EventPayload>> payloadTypeOf(String eventType) {
        return eventType == null ? Optional.empty() : Optional.ofNullable(PAYLOAD_TYPES.get(eventType));
    }

    /** Whether {@code eventType} is one of the ten catalogued names. */
    public static boolean isCatalogued(String eventType) {
        return eventType != null && PAYLOAD_TYPES.containsKey(eventType);
    }

    /** The ten catalogued names, in catalogue order. */
    public static Set<String> catalogued() {
        return PAYLOAD_TYPES.keySet();
    }

    private static Map<String, Class<? extends EventPayload>> catalogue() {
        LinkedHashMap<String, Class<? extends EventPayload>> types = new LinkedHashMap<>();
        types.put(LOOP_TICK, LoopTick.class);
        types.put(STABILITY_METRICS, StabilityMetrics.class);
        types.put(LOOP_HEALTH, LoopHealth.class);
        types.put(LOOP_FAILURE, LoopFailure.class);
        types.put(CONSOLE_RESULT, ConsoleEvent.class);
        types.put(POLICY_METADATA, PolicyMetadata.class);
        types.put(POLICY_POSSESSION, PolicyPossession.class);
        types.put(POLICY_ANNEAL_UPDATE, PolicyAnneal.class);
        types.put(SNAPSHOT_MIGRATIONS, SnapshotMigrations.class);
        types.put(METRICS, MetricSample.class);
        return Collections.unmodifiableMap(types);
    }
}

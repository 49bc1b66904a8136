package org.townlet.telemetry.core.aggregate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.townlet.telemetry.api.event.PolicyAnneal;
import org.townlet.telemetry.api.event.PolicyMetadata;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * The JSON-map form of the cached policy events in a {@code TelemetryStateSnapshot} (SPEC §14:
 * {@code policy_metadata_event}, {@code policy_anneal_event}): {@code {event_type, tick, payload}} with the payload's
 * JSON fields. Stateless.
 */
final class StateEvents {
    private StateEvents() {
    }

    /** The map form of {@code event}; {@code null} for {@code null}. */
    static Map<String, Object> toMap(TelemetryEvent event) {
        if (event == null) {
            return null;
        }
        Map<String, Object> payload;
        if (event.payload() instanceof PolicyMetadata metadata) {
            payload = JsonMaps.of("provider", metadata.provider(), "metadata", metadata.metadata());
        } else if (event.payload() instanceof PolicyAnneal anneal) {
            payload = JsonMaps.of("provider", anneal.provider(), "ratio", anneal.ratio(), "context",
                    anneal.context());
        } else {
            payload = Map.of();
        }
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("event_type", event.eventType());
        map.put("tick", event.tick());
        map.put("payload", payload);
        return Collections.unmodifiableMap(map);
    }

    /** A {@code policy.metadata} event from its map form; {@code null} when absent or unreadable. */
    static TelemetryEvent policyMetadataFromMap(Map<String, Object> map) {
        Map<String, Object> payload = payloadOf(map);
        if (payload == null || !(payload.get("provider") instanceof String provider)) {
            return null;
        }
        return TelemetryEvent.policyMetadata(tickOf(map),
                new PolicyMetadata(provider, mapOf(payload.get("metadata"))));
    }

    /** A {@code policy.anneal.update} event from its map form; {@code null} when absent or unreadable. */
    static TelemetryEvent policyAnnealFromMap(Map<String, Object> map) {
        Map<String, Object> payload = payloadOf(map);
        if (payload == null || !(payload.get("provider") instanceof String provider)) {
            return null;
        }
        Double ratio = payload.get("ratio") instanceof Number number ? number.doubleValue() : null;
        return TelemetryEvent.policyAnneal(tickOf(map),
                new PolicyAnneal(provider, ratio, mapOf(payload.get("context"))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payloadOf(Map<String, Object> map) {
        if (map == null) {
            return null;
        }
        Object payload = map.get("payload");
        return payload instanceof Map<?, ?> ? (Map<String, Object>) payload : null;
    }

    private static long tickOf(Map<String, Object> map) {
        return map.get("tick") instanceof Number number ? Math.max(0, number.longValue()) : 0L;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOf(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return Map.of();
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, item) -> copy.put(String.valueOf(key), item));
        return Collections.unmodifiableMap(copy);
    }
}

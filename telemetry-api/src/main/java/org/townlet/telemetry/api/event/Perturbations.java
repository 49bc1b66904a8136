package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * The perturbation scheduler's state (SPEC §3.5): JSON {@code {active{id:map}, pending[map], cooldowns{spec, agents}}},
 * with JSON maps as entries. Immutable and thread-safe; {@code null} parts become empty (a {@code null} pending entry
 * becomes {@code {}}), the empty value is {@link #EMPTY}.
 */
public record Perturbations(
        @JsonProperty("active") Map<String, Map<String, Object>> active,
        @JsonProperty("pending") List<Map<String, Object>> pending,
        @JsonProperty("cooldowns") PerturbationCooldowns cooldowns) {

    /** Nothing active, nothing pending, no cooldowns. */
    public static final Perturbations EMPTY = new Perturbations(null, null, null);

    public Perturbations {
        active = JsonMaps.copyOfNested(active);
        if (pending == null || pending.isEmpty()) {
            pending = List.of();
        } else {
            List<Map<String, Object>> copy = new ArrayList<>(pending.size());
            pending.forEach(entry -> copy.add(JsonMaps.copyOf(entry)));
            pending = Collections.unmodifiableList(copy);
        }
        cooldowns = cooldowns == null ? PerturbationCooldowns.EMPTY : cooldowns;
    }
}

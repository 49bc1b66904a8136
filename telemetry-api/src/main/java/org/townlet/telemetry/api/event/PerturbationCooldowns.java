package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * Perturbation cooldowns (SPEC §3.5): JSON {@code {spec{name:tick}, agents{agent:tick}}}. Immutable and thread-safe;
 * {@code null} maps become {@code {}}, the empty value is {@link #EMPTY}.
 */
public record PerturbationCooldowns(
        @JsonProperty("spec") Map<String, Long> spec,
        @JsonProperty("agents") Map<String, Long> agents) {

    /** No cooldowns. */
    public static final PerturbationCooldowns EMPTY = new PerturbationCooldowns(null, null);

    public PerturbationCooldowns {
        spec = JsonMaps.copyOf(spec);
        agents = JsonMaps.copyOf(agents);
    }
}

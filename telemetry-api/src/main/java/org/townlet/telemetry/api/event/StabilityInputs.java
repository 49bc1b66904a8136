package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * Per-agent inputs of the stability monitor (SPEC §3.5): JSON {@code {hunger_levels{agent:double},
 * option_switch_counts{agent:long}, reward_samples{agent:double}}}. Immutable and thread-safe; {@code null} maps become
 * {@code {}}, the empty value is {@link #EMPTY}.
 */
public record StabilityInputs(
        @JsonProperty("hunger_levels") Map<String, Double> hungerLevels,
        @JsonProperty("option_switch_counts") Map<String, Long> optionSwitchCounts,
        @JsonProperty("reward_samples") Map<String, Double> rewardSamples) {

    /** Three empty maps. */
    public static final StabilityInputs EMPTY = new StabilityInputs(null, null, null);

    public StabilityInputs {
        hungerLevels = JsonMaps.copyOf(hungerLevels);
        optionSwitchCounts = JsonMaps.copyOf(optionSwitchCounts);
        rewardSamples = JsonMaps.copyOf(rewardSamples);
    }
}

package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * The identity of the running policy (SPEC §3.3 #7): JSON {@code {config_id, policy_hash, observation_variant,
 * anneal_ratio}}, each possibly {@code null}. Immutable and thread-safe. There is no empty value: "no identity" is an
 * empty {@code Optional} (or {@code null} where the specification says so).
 */
public record PolicyIdentity(
        @JsonProperty("config_id") String configId,
        @JsonProperty("policy_hash") String policyHash,
        @JsonProperty("observation_variant") String observationVariant,
        @JsonProperty("anneal_ratio") Double annealRatio) {

    /**
     * Reads exactly the four keys from {@code map}, ignoring the others: {@code config_id} defaults to
     * {@code defaultConfigId}, the other three to {@code null}. Non-string values are converted with
     * {@code toString()}; {@code anneal_ratio} accepts a number or a numeric string, anything else gives {@code null}.
     * A {@code null} map gives the defaults.
     */
    public static PolicyIdentity fromMap(Map<String, ?> map, String defaultConfigId) {
        if (map == null) {
            return new PolicyIdentity(defaultConfigId, null, null, null);
        }
        String configId = text(map.get("config_id"));
        return new PolicyIdentity(
                configId == null ? defaultConfigId : configId,
                text(map.get("policy_hash")),
                text(map.get("observation_variant")),
                ratio(map.get("anneal_ratio")));
    }

    /** The 4-key JSON map {@code {config_id, policy_hash, observation_variant, anneal_ratio}}, nulls included. */
    public Map<String, Object> toMap() {
        return JsonMaps.of(
                "config_id", configId,
                "policy_hash", policyHash,
                "observation_variant", observationVariant,
                "anneal_ratio", annealRatio);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Double ratio(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text) {
            try {
                return Double.valueOf(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}

package org.townlet.sim.world;

import java.util.List;
import java.util.Map;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * One tick's rewards (SPEC §17.6): per agent the clipped total, and the 14-component breakdown whose components
 * {@code homeostasis … terminal_penalty} plus {@code clip_adjustment} sum to {@code total}. Both maps are sorted by
 * agent id. Immutable.
 *
 * @param totals    agent → total
 * @param breakdown agent → component → value, components in the order of {@link #COMPONENTS}
 */
public record Rewards(Map<String, Double> totals, Map<String, Map<String, Double>> breakdown) {

    /** The 14 components, in the order they are written. */
    public static final List<String> COMPONENTS = List.of(
            "homeostasis", "shaping", "work", "social", "survival", "needs_penalty", "wage", "punctuality",
            "social_bonus", "social_penalty", "social_avoidance", "terminal_penalty", "clip_adjustment", "total");

    public Rewards {
        totals = JsonMaps.copyOf(totals);
        breakdown = JsonMaps.copyOf(breakdown);
    }
}

package org.townlet.sim.world;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.townlet.telemetry.api.event.PriceSpike;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * The {@code price_spike} perturbation (SPEC §17.3): outside its cooldown, a spike of magnitude 1.1–3.0 on meals
 * starts with probability {@link Tuning#PRICE_SPIKE_RATE} per tick and lasts {@link Tuning#PRICE_SPIKE_DURATION}
 * ticks. At most one is active. Draws only while eligible. Mutable, simulation thread only.
 *
 * <p>Next: issue town simulation (scheduled perturbations, per-agent cooldowns, outages as perturbations).
 */
final class PriceSpikes {
    static final String SPEC = "price_spike";
    static final String MEAL = "meal";

    private final SplittableRandom random;
    private String activeId;
    private PriceSpike active;
    private long startedTick;
    private long endsTick;
    private long cooldownUntil;

    PriceSpikes(SplittableRandom random) {
        this.random = random;
    }

    void step(long tick, List<WorldEvent> events) {
        if (active != null && tick >= endsTick) {
            events.add(WorldEvent.of("price_spike_end", "id", activeId));
            active = null;
            activeId = null;
        }
        if (active == null && tick >= cooldownUntil && random.nextDouble() < Tuning.PRICE_SPIKE_RATE) {
            double magnitude = Math.round((1.1 + random.nextDouble() * 1.9) * 100.0) / 100.0;
            activeId = SPEC + "_" + tick;
            active = new PriceSpike(magnitude, List.of(MEAL));
            startedTick = tick;
            endsTick = tick + Tuning.PRICE_SPIKE_DURATION;
            cooldownUntil = tick + Tuning.PERTURBATION_COOLDOWN_TICKS;
            events.add(WorldEvent.of(SPEC, "id", activeId, "magnitude", magnitude, "targets", List.of(MEAL)));
        }
    }

    /** The multiplier on {@code item}'s base price: the active spike's magnitude when it targets the item. */
    double multiplier(String item) {
        return active != null && active.targets().contains(item) ? active.magnitude() : 1.0;
    }

    /** id → spike; {@code {}} when none is active. */
    Map<String, PriceSpike> view() {
        return active == null ? Map.of() : Map.of(activeId, active);
    }

    void addActive(Map<String, Map<String, Object>> activeEntries) {
        if (active != null) {
            activeEntries.put(activeId, JsonMaps.of("spec", SPEC, "magnitude", active.magnitude(),
                    "targets", active.targets(), "started_tick", startedTick, "ends_tick", endsTick));
        }
    }

    /** The spec cooldown's end tick, when it is still running at {@code tick}. */
    void addCooldowns(Map<String, Long> specCooldowns, long tick) {
        if (cooldownUntil > tick) {
            specCooldowns.put(SPEC, cooldownUntil);
        }
    }
}

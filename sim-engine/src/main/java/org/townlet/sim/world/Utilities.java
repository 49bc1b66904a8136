package org.townlet.sim.world;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.event.WorldView;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * Power and water (SPEC §17.3). While a utility is on, an outage starts with probability
 * {@link Tuning#OUTAGE_RATE} per tick and lasts {@link Tuning#OUTAGE_MIN_TICKS}–{@link Tuning#OUTAGE_MAX_TICKS} ticks.
 * Draws from its own random stream only while a utility is on, so the sequence depends on the seed alone. Mutable,
 * simulation thread only.
 */
final class Utilities {
    private static final String[] NAMES = {"power", "water"};

    private final SplittableRandom random;
    private final boolean[] on = {true, true};
    private final long[] startedTick = new long[2];
    private final long[] endsTick = new long[2];

    Utilities(SplittableRandom random) {
        this.random = random;
    }

    void step(long tick, List<WorldEvent> events) {
        for (int i = 0; i < NAMES.length; i++) {
            if (!on[i]) {
                if (tick >= endsTick[i]) {
                    on[i] = true;
                    events.add(WorldEvent.of("utility_restored", "utility", NAMES[i],
                            "outage_ticks", tick - startedTick[i]));
                }
            } else if (random.nextDouble() < Tuning.OUTAGE_RATE) {
                long duration = Tuning.OUTAGE_MIN_TICKS
                        + random.nextInt(Tuning.OUTAGE_MAX_TICKS - Tuning.OUTAGE_MIN_TICKS + 1);
                on[i] = false;
                startedTick[i] = tick;
                endsTick[i] = tick + duration;
                events.add(WorldEvent.of("utility_outage", "utility", NAMES[i], "duration_ticks", duration,
                        "reason", "random"));
            }
        }
    }

    boolean power() {
        return on[0];
    }

    boolean water() {
        return on[1];
    }

    /** {@code {power, water}}. */
    Map<String, Boolean> view() {
        if (on[0] && on[1]) {
            return WorldView.DEFAULT_UTILITIES;
        }
        LinkedHashMap<String, Boolean> view = new LinkedHashMap<>();
        view.put(NAMES[0], on[0]);
        view.put(NAMES[1], on[1]);
        return Collections.unmodifiableMap(view);
    }

    /** Active outages as perturbation entries, keyed {@code power_outage}/{@code water_outage}. */
    void addActiveOutages(Map<String, Map<String, Object>> active) {
        for (int i = 0; i < NAMES.length; i++) {
            if (!on[i]) {
                String spec = NAMES[i] + "_outage";
                active.put(spec, JsonMaps.of("spec", spec, "utility", NAMES[i], "started_tick", startedTick[i],
                        "ends_tick", endsTick[i]));
            }
        }
    }
}

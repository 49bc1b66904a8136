package org.townlet.sim.world;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.townlet.sim.config.PerturbationSettings;
import org.townlet.sim.config.ScheduledPerturbation;
import org.townlet.sim.config.UtilitySettings;
import org.townlet.telemetry.api.event.PerturbationCooldowns;
import org.townlet.telemetry.api.event.Perturbations;
import org.townlet.telemetry.api.event.PriceSpike;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.event.WorldView;

/**
 * Power, water and price spikes (SPEC §17.3), and the perturbation scheduler that drives them.
 *
 * <ul>
 * <li>Utilities: while a utility is on and its outage spec is not cooling down, an outage starts with probability
 *     {@code utilities.outage_rate} per tick and lasts {@code outage_min_ticks}–{@code outage_max_ticks}. The console
 *     ({@code utility_outage}) and scheduled perturbations force outages; a forced outage of a utility that is
 *     already off extends it. Recovery emits {@code utility_restored}.</li>
 * <li>Price spikes: outside the {@code price_spike} cooldown, a spike of magnitude 1.1–3.0 on meals starts with
 *     probability {@code perturbations.price_spike_rate} per tick and lasts {@code price_spike_duration}. Several
 *     spikes may be active; an item's price is its base price times every active spike that targets it.</li>
 * <li>Every perturbation, whatever its source, starts its spec's cooldown of {@code perturbations.cooldown_ticks};
 *     scheduled entries ({@code perturbations.schedule}) fire at their tick whatever the rates and cooldowns. An agent
 *     whose affordance an outage interrupted gets a per-agent cooldown of the same length, reported in
 *     {@code cooldowns.agents}.</li>
 * </ul>
 *
 * <p>Draws from its two random streams only while a draw is eligible, so the sequence depends on the seed and the
 * configuration alone. Mutable, simulation thread only.
 */
final class PerturbationScheduler {
    static final String POWER = "power";
    static final String WATER = "water";
    static final String MEAL = "meal";
    static final String INGREDIENTS = "ingredients";
    private static final String[] UTILITIES = {POWER, WATER};

    private final UtilitySettings utilitySettings;
    private final PerturbationSettings settings;
    private final SeededRandom utilityRandom;
    private final SeededRandom spikeRandom;

    private final boolean[] on = {true, true};
    private final long[] outageStarted = new long[2];
    private final long[] outageEnds = new long[2];
    private final String[] outageId = new String[2];
    private final String[] outageSource = new String[2];

    /** Scheduled entries not yet fired, sorted by tick (stable). */
    private final List<ScheduledPerturbation> pending;
    private int nextPending;
    private final TreeMap<String, Spike> spikes = new TreeMap<>();
    private final TreeMap<String, Long> specCooldowns = new TreeMap<>();
    private final TreeMap<String, Long> agentCooldowns = new TreeMap<>();

    private boolean dirty = true;
    private Map<String, PriceSpike> spikesView = Map.of();
    private Map<String, Boolean> utilitiesView = WorldView.DEFAULT_UTILITIES;
    private Perturbations view = Perturbations.EMPTY;

    PerturbationScheduler(UtilitySettings utilitySettings, PerturbationSettings settings, SeededRandom utilityRandom,
            SeededRandom spikeRandom) {
        this.utilitySettings = utilitySettings;
        this.settings = settings;
        this.utilityRandom = utilityRandom;
        this.spikeRandom = spikeRandom;
        List<ScheduledPerturbation> sorted = new ArrayList<>(settings.schedule());
        sorted.sort(Comparator.comparingLong(ScheduledPerturbation::tick));
        this.pending = List.copyOf(sorted);
    }

    /** Ends what expired, fires what is scheduled for {@code tick}, then draws random outages and spikes. */
    void step(long tick, List<WorldEvent> events) {
        for (int i = 0; i < UTILITIES.length; i++) {
            if (!on[i] && tick >= outageEnds[i]) {
                on[i] = true;
                dirty = true;
                events.add(WorldEvent.of("utility_restored", "utility", UTILITIES[i], "outage_ticks",
                        tick - outageStarted[i], "id", outageId[i]));
            }
        }
        var expired = spikes.entrySet().iterator();
        while (expired.hasNext()) {
            var entry = expired.next();
            if (tick >= entry.getValue().endsTick) {
                expired.remove();
                dirty = true;
                events.add(WorldEvent.of("price_spike_end", "id", entry.getKey()));
            }
        }
        if (specCooldowns.values().removeIf(until -> until <= tick)) {
            dirty = true;
        }
        if (agentCooldowns.values().removeIf(until -> until <= tick)) {
            dirty = true;
        }

        while (nextPending < pending.size() && pending.get(nextPending).tick() <= tick) {
            ScheduledPerturbation entry = pending.get(nextPending++);
            dirty = true;
            if (entry.tick() < tick) {
                continue; // scheduled before this run's first tick (a restored snapshot): not replayed
            }
            switch (entry.spec()) {
                case ScheduledPerturbation.PRICE_SPIKE -> startSpike(tick, entry.effectiveMagnitude(),
                        entry.effectiveTargets(), entry.durationTicks() == null ? settings.priceSpikeDuration()
                                : entry.durationTicks(), "schedule", events);
                case ScheduledPerturbation.POWER_OUTAGE -> forceOutage(0, tick, outageLength(entry), "schedule",
                        events);
                default -> forceOutage(1, tick, outageLength(entry), "schedule", events);
            }
        }

        for (int i = 0; i < UTILITIES.length; i++) {
            if (on[i] && !coolingDown(UTILITIES[i] + "_outage", tick)
                    && utilityRandom.nextDouble() < utilitySettings.outageRate()) {
                long duration = utilitySettings.outageMinTicks() + utilityRandom.nextInt(
                        (int) (utilitySettings.outageMaxTicks() - utilitySettings.outageMinTicks() + 1));
                forceOutage(i, tick, duration, "random", events);
            }
        }
        if (!coolingDown(ScheduledPerturbation.PRICE_SPIKE, tick)
                && spikeRandom.nextDouble() < settings.priceSpikeRate()) {
            double magnitude = Math.round(spikeRandom.nextDouble(ScheduledPerturbation.MIN_MAGNITUDE,
                    ScheduledPerturbation.MAX_MAGNITUDE) * 100.0) / 100.0;
            startSpike(tick, magnitude, List.of(MEAL), settings.priceSpikeDuration(), "random", events);
        }
    }

    private long outageLength(ScheduledPerturbation entry) {
        return entry.durationTicks() == null ? utilitySettings.outageMinTicks() : entry.durationTicks();
    }

    private boolean coolingDown(String spec, long tick) {
        Long until = specCooldowns.get(spec);
        return until != null && until > tick;
    }

    private void startSpike(long tick, double magnitude, List<String> targets, long duration, String source,
            List<WorldEvent> events) {
        String id = ScheduledPerturbation.PRICE_SPIKE + "_" + tick;
        for (int n = 2; spikes.containsKey(id); n++) {
            id = ScheduledPerturbation.PRICE_SPIKE + "_" + tick + "_" + n;
        }
        spikes.put(id, new Spike(new PriceSpike(magnitude, targets), tick, tick + duration, source));
        specCooldowns.put(ScheduledPerturbation.PRICE_SPIKE, tick + settings.cooldownTicks());
        dirty = true;
        events.add(WorldEvent.of(ScheduledPerturbation.PRICE_SPIKE, "id", id, "magnitude", magnitude,
                "targets", List.copyOf(targets), "duration_ticks", duration, "source", source));
    }

    /**
     * Cuts {@code utility} ({@value #POWER} or {@value #WATER}) for {@code ticks} ticks from {@code tick}; extends an
     * outage already running.
     *
     * @throws IllegalArgumentException for another utility name
     */
    void forceOutage(String utility, long tick, long ticks, String source, List<WorldEvent> events) {
        int index = switch (utility) {
            case POWER -> 0;
            case WATER -> 1;
            default -> throw new IllegalArgumentException("unknown utility '" + utility + "'; known: [power, water]");
        };
        forceOutage(index, tick, ticks, source, events);
    }

    private void forceOutage(int index, long tick, long ticks, String source, List<WorldEvent> events) {
        String spec = UTILITIES[index] + "_outage";
        specCooldowns.put(spec, tick + settings.cooldownTicks());
        dirty = true;
        if (!on[index]) {
            outageEnds[index] = Math.max(outageEnds[index], tick + ticks);
            events.add(WorldEvent.of("utility_outage_extended", "utility", UTILITIES[index], "ends_tick",
                    outageEnds[index], "source", source));
            return;
        }
        on[index] = false;
        outageStarted[index] = tick;
        outageEnds[index] = tick + ticks;
        outageId[index] = spec + "_" + tick;
        outageSource[index] = source;
        events.add(WorldEvent.of("utility_outage", "utility", UTILITIES[index], "duration_ticks", ticks,
                "reason", source, "id", outageId[index]));
    }

    /** Records that an outage interrupted {@code agent}'s affordance at {@code tick}. */
    void agentHit(String agent, long tick) {
        agentCooldowns.put(agent, tick + settings.cooldownTicks());
        dirty = true;
    }

    void forgetAgent(String agent) {
        if (agentCooldowns.remove(agent) != null) {
            dirty = true;
        }
    }

    boolean power() {
        return on[0];
    }

    boolean water() {
        return on[1];
    }

    /** The multiplier on {@code item}'s base price: the product of the active spikes that target it. */
    double multiplier(String item) {
        double multiplier = 1.0;
        for (Spike spike : spikes.values()) {
            if (spike.spike.targets().contains(item)) {
                multiplier *= spike.spike.magnitude();
            }
        }
        return multiplier;
    }

    /** Rebuilds the views if anything changed since the last call. */
    private void refresh() {
        if (!dirty) {
            return;
        }
        dirty = false;
        LinkedHashMap<String, PriceSpike> spikeView = new LinkedHashMap<>();
        spikes.forEach((id, spike) -> spikeView.put(id, spike.spike));
        spikesView = Views.freeze(spikeView);
        if (on[0] && on[1]) {
            utilitiesView = WorldView.DEFAULT_UTILITIES;
        } else {
            LinkedHashMap<String, Boolean> utilities = new LinkedHashMap<>();
            utilities.put(POWER, on[0]);
            utilities.put(WATER, on[1]);
            utilitiesView = Collections.unmodifiableMap(utilities);
        }
        TreeMap<String, Map<String, Object>> active = new TreeMap<>();
        spikes.forEach((id, spike) -> active.put(id, Views.map("spec", ScheduledPerturbation.PRICE_SPIKE,
                "magnitude", spike.spike.magnitude(), "targets", spike.spike.targets(),
                "started_tick", spike.startedTick, "ends_tick", spike.endsTick, "source", spike.source)));
        for (int i = 0; i < UTILITIES.length; i++) {
            if (!on[i]) {
                active.put(outageId[i], Views.map("spec", UTILITIES[i] + "_outage", "utility", UTILITIES[i],
                        "started_tick", outageStarted[i], "ends_tick", outageEnds[i], "source", outageSource[i]));
            }
        }
        List<Map<String, Object>> pendingView = new ArrayList<>(pending.size() - nextPending);
        for (int i = nextPending; i < pending.size(); i++) {
            ScheduledPerturbation entry = pending.get(i);
            LinkedHashMap<String, Object> map = new LinkedHashMap<>();
            map.put("tick", entry.tick());
            map.put("spec", entry.spec());
            if (entry.durationTicks() != null) {
                map.put("duration_ticks", entry.durationTicks());
            }
            if (entry.spec().equals(ScheduledPerturbation.PRICE_SPIKE)) {
                map.put("magnitude", entry.effectiveMagnitude());
                map.put("targets", entry.effectiveTargets());
            }
            pendingView.add(Collections.unmodifiableMap(map));
        }
        view = new Perturbations(active, pendingView, new PerturbationCooldowns(specCooldowns, agentCooldowns));
    }

    Map<String, PriceSpike> spikesView() {
        refresh();
        return spikesView;
    }

    Map<String, Boolean> utilitiesView() {
        refresh();
        return utilitiesView;
    }

    Perturbations view() {
        refresh();
        return view;
    }

    SeededRandom utilityRandom() {
        return utilityRandom;
    }

    SeededRandom spikeRandom() {
        return spikeRandom;
    }

    /** The scheduler's state for a simulation snapshot (see {@link Town#exportState()}); random streams apart. */
    Map<String, Object> exportState() {
        LinkedHashMap<String, Object> state = StateMaps.map();
        List<Object> utilities = new ArrayList<>();
        for (int i = 0; i < UTILITIES.length; i++) {
            LinkedHashMap<String, Object> utility = StateMaps.map();
            utility.put("on", on[i]);
            utility.put("started_tick", outageStarted[i]);
            utility.put("ends_tick", outageEnds[i]);
            utility.put("id", outageId[i]);
            utility.put("source", outageSource[i]);
            utilities.add(StateMaps.freeze(utility));
        }
        state.put("utilities", List.copyOf(utilities));
        state.put("next_pending", (long) nextPending);
        LinkedHashMap<String, Object> spikeStates = StateMaps.map();
        spikes.forEach((id, spike) -> spikeStates.put(id, Views.map("magnitude", spike.spike.magnitude(),
                "targets", spike.spike.targets(), "started_tick", spike.startedTick, "ends_tick", spike.endsTick,
                "source", spike.source)));
        state.put("spikes", StateMaps.freeze(spikeStates));
        state.put("spec_cooldowns", Views.freeze(new LinkedHashMap<>(specCooldowns)));
        state.put("agent_cooldowns", Views.freeze(new LinkedHashMap<>(agentCooldowns)));
        return StateMaps.freeze(state);
    }

    /** Restores what {@link #exportState()} wrote. */
    void importState(Map<String, Object> state) {
        String path = "world.town.perturbations";
        List<Object> utilities = StateMaps.listValue(state, "utilities", path);
        for (int i = 0; i < UTILITIES.length; i++) {
            Map<String, Object> utility = StateMaps.asMap(utilities.get(i), path + ".utilities[" + i + "]");
            String at = path + ".utilities[" + i + "]";
            on[i] = StateMaps.booleanValue(utility, "on", at);
            outageStarted[i] = StateMaps.longValue(utility, "started_tick", at);
            outageEnds[i] = StateMaps.longValue(utility, "ends_tick", at);
            outageId[i] = StateMaps.stringValue(utility, "id", at);
            outageSource[i] = StateMaps.stringValue(utility, "source", at);
        }
        nextPending = StateMaps.intValue(state, "next_pending", path);
        spikes.clear();
        StateMaps.mapValue(state, "spikes", path).forEach((id, value) -> {
            Map<String, Object> spike = StateMaps.asMap(value, path + ".spikes." + id);
            List<String> targets = new ArrayList<>();
            StateMaps.listValue(spike, "targets", path).forEach(target -> targets.add(target.toString()));
            spikes.put(id, new Spike(new PriceSpike(StateMaps.doubleValue(spike, "magnitude", path), targets),
                    StateMaps.longValue(spike, "started_tick", path), StateMaps.longValue(spike, "ends_tick", path),
                    StateMaps.stringValue(spike, "source", path)));
        });
        specCooldowns.clear();
        StateMaps.mapValue(state, "spec_cooldowns", path).forEach((spec, until) ->
                specCooldowns.put(spec, ((Number) until).longValue()));
        agentCooldowns.clear();
        StateMaps.mapValue(state, "agent_cooldowns", path).forEach((agent, until) ->
                agentCooldowns.put(agent, ((Number) until).longValue()));
        dirty = true;
    }

    private record Spike(PriceSpike spike, long startedTick, long endsTick, String source) {
    }
}

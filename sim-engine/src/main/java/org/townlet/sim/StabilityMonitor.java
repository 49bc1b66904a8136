package org.townlet.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.townlet.sim.config.StabilitySettings;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.event.StabilityInputs;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * The stability monitor (SPEC §17.6): per tick it turns the town's stability inputs into the {@code stability.metrics}
 * map (keys {@code starvation_incidents … promotion_state}) with its alerts, and every
 * {@code stability.promotion_window} ticks evaluates promotion: a window without alerts is a pass, two passes in a
 * row make the state {@code ready}, a window with alerts is a fail. The {@code lateness_spike} alert compares the mean
 * lateness with {@code stability.lateness_threshold}; the other thresholds are fixed and reported under
 * {@code thresholds}. Simulation thread only.
 */
final class StabilityMonitor {
    static final long STARVATION_WINDOW_TICKS = 1000;
    static final long REQUIRED_PASSES = 2;
    static final long STARVATION_MAX_INCIDENTS = 0;
    static final double OPTION_SWITCH_RATE_MAX = 0.5;
    static final double REWARD_VARIANCE_MAX = 0.05;
    static final long QUEUE_PRESSURE_MAX = 5;
    static final long RIVALRY_MAX_EVENTS = 3;

    private final double latenessThreshold;
    private final long promotionWindow;
    private final Map<String, Object> thresholds;

    private final ArrayDeque<long[]> starvations = new ArrayDeque<>();
    private long starvationsInWindow;
    private long previousSwitches;
    private QueueMetrics previousQueues = QueueMetrics.ZERO;
    private boolean alertsInWindow;
    private String state = "monitoring";
    private long consecutivePasses;
    private String reason;
    private long lastEvaluatedTick = -1;
    private Map<String, Object> lastMetrics = Map.of();
    // the nested maps of the last metrics, kept while their values stay the same (the worker skips them by identity)
    private final QueueMaps queueTotals = new QueueMaps();
    private final QueueMaps queueDeltas = new QueueMaps();
    // built when first needed after what they show changed (null = stale), the same map otherwise
    private Map<String, Object> promotion;
    private Map<String, Object> promotionState;

    StabilityMonitor(StabilitySettings settings) {
        this.latenessThreshold = settings.latenessThreshold();
        this.promotionWindow = settings.promotionWindow();
        this.thresholds = JsonMaps.of(
                "starvation_max_incidents", STARVATION_MAX_INCIDENTS,
                "option_switch_rate_max", OPTION_SWITCH_RATE_MAX,
                "reward_variance_max", REWARD_VARIANCE_MAX,
                "queue_pressure_max", QUEUE_PRESSURE_MAX,
                "rivalry_max_events", RIVALRY_MAX_EVENTS,
                "lateness_threshold", latenessThreshold);
    }

    /** Facts of one tick that the monitor reads besides the stability inputs. */
    record TickFacts(long tick, long starvationIncidents, QueueMetrics queues, long rivalryEvents,
            double meanLateness) {
    }

    Map<String, Object> update(TickFacts facts, StabilityInputs inputs) {
        long tick = facts.tick();
        if (facts.starvationIncidents() > 0) {
            starvations.addLast(new long[] {tick, facts.starvationIncidents()});
            starvationsInWindow += facts.starvationIncidents();
        }
        while (!starvations.isEmpty() && starvations.peekFirst()[0] <= tick - STARVATION_WINDOW_TICKS) {
            starvationsInWindow -= starvations.removeFirst()[1];
        }

        long switches = 0;
        for (long count : inputs.optionSwitchCounts().values()) {
            switches += count;
        }
        long samples = inputs.optionSwitchCounts().size();
        double switchRate = samples == 0 ? 0.0 : (double) (switches - previousSwitches) / samples;
        previousSwitches = switches;

        int rewardSamples = inputs.rewardSamples().size();
        double mean = 0.0;
        for (double reward : inputs.rewardSamples().values()) {
            mean += reward;
        }
        mean = rewardSamples == 0 ? 0.0 : mean / rewardSamples;
        double variance = 0.0;
        for (double reward : inputs.rewardSamples().values()) {
            variance += (reward - mean) * (reward - mean);
        }
        variance = rewardSamples == 0 ? 0.0 : variance / rewardSamples;

        QueueMetrics deltas = facts.queues().deltaSince(previousQueues);
        previousQueues = facts.queues();

        List<String> alerts = new ArrayList<>();
        if (starvationsInWindow > STARVATION_MAX_INCIDENTS) {
            alerts.add("starvation_spike");
        }
        if (switchRate > OPTION_SWITCH_RATE_MAX) {
            alerts.add("option_thrash");
        }
        if (variance > REWARD_VARIANCE_MAX) {
            alerts.add("reward_variance_spike");
        }
        if (deltas.cooldownEvents() + deltas.ghostStepEvents() > QUEUE_PRESSURE_MAX) {
            alerts.add("queue_fairness_pressure");
        }
        if (facts.rivalryEvents() > RIVALRY_MAX_EVENTS) {
            alerts.add("rivalry_spike");
        }
        if (facts.meanLateness() > latenessThreshold) {
            alerts.add("lateness_spike");
        }
        if (!alerts.isEmpty() && !alertsInWindow) {
            alertsInWindow = true;
            promotion = null;
        }
        if (tick % promotionWindow == 0) {
            evaluatePromotion(tick);
        }

        lastMetrics = JsonMaps.of(
                "starvation_incidents", starvationsInWindow,
                "starvation_window_ticks", STARVATION_WINDOW_TICKS,
                "option_switch_rate", switchRate,
                "option_samples", samples,
                "reward_variance", variance,
                "reward_mean", mean,
                "reward_samples", (long) rewardSamples,
                "queue_totals", queueTotals.of(facts.queues()),
                "queue_deltas", queueDeltas.of(deltas),
                "rivalry_events", facts.rivalryEvents(),
                "alerts", List.copyOf(alerts),
                "thresholds", thresholds,
                "promotion", promotion(),
                "promotion_state", promotionState());
        return lastMetrics;
    }

    private Map<String, Object> promotion() {
        if (promotion == null) {
            promotion = JsonMaps.of(
                    "window_ticks", promotionWindow,
                    "last_evaluated_tick", lastEvaluatedTick < 0 ? null : lastEvaluatedTick,
                    "alerts_in_window", alertsInWindow);
        }
        return promotion;
    }

    private Map<String, Object> promotionState() {
        if (promotionState == null) {
            promotionState = JsonMaps.of(
                    "state", state,
                    "consecutive_passes", consecutivePasses,
                    "required_passes", REQUIRED_PASSES,
                    "reason", reason);
        }
        return promotionState;
    }

    /** The JSON map of one {@link QueueMetrics} series, kept while the metrics stay equal. */
    private static final class QueueMaps {
        private QueueMetrics shown;
        private Map<String, Object> map;

        Map<String, Object> of(QueueMetrics queues) {
            if (map == null || !queues.equals(shown)) {
                shown = queues;
                map = queueMap(queues);
            }
            return map;
        }
    }

    /** The metrics of the last update ({@code {}} before the first). */
    Map<String, Object> lastMetrics() {
        return lastMetrics;
    }

    /** The monitor's state for a simulation snapshot. */
    Map<String, Object> exportState() {
        List<Object> incidents = new ArrayList<>();
        for (long[] incident : starvations) {
            incidents.add(List.of(incident[0], incident[1]));
        }
        return JsonMaps.of(
                "starvations", List.copyOf(incidents),
                "starvations_in_window", starvationsInWindow,
                "previous_switches", previousSwitches,
                "previous_queues", queueMap(previousQueues),
                "alerts_in_window", alertsInWindow,
                "state", state,
                "consecutive_passes", consecutivePasses,
                "reason", reason,
                "last_evaluated_tick", lastEvaluatedTick,
                "last_metrics", lastMetrics);
    }

    /** Restores what {@link #exportState()} wrote. */
    @SuppressWarnings("unchecked")
    void importState(Map<String, Object> saved) {
        starvations.clear();
        for (Object incident : (List<Object>) saved.get("starvations")) {
            List<Object> pair = (List<Object>) incident;
            starvations.addLast(new long[] {((Number) pair.get(0)).longValue(), ((Number) pair.get(1)).longValue()});
        }
        starvationsInWindow = ((Number) saved.get("starvations_in_window")).longValue();
        previousSwitches = ((Number) saved.get("previous_switches")).longValue();
        Map<String, Object> queues = (Map<String, Object>) saved.get("previous_queues");
        previousQueues = new QueueMetrics(((Number) queues.get("cooldown_events")).longValue(),
                ((Number) queues.get("ghost_step_events")).longValue(),
                ((Number) queues.get("rotation_events")).longValue());
        alertsInWindow = (Boolean) saved.get("alerts_in_window");
        state = (String) saved.get("state");
        consecutivePasses = ((Number) saved.get("consecutive_passes")).longValue();
        reason = (String) saved.get("reason");
        lastEvaluatedTick = ((Number) saved.get("last_evaluated_tick")).longValue();
        lastMetrics = (Map<String, Object>) saved.get("last_metrics");
        promotion = null;
        promotionState = null;
    }

    private void evaluatePromotion(long tick) {
        lastEvaluatedTick = tick;
        promotion = null;
        promotionState = null;
        if (alertsInWindow) {
            consecutivePasses = 0;
            state = "fail";
            reason = "alerts_in_window";
        } else {
            consecutivePasses++;
            state = consecutivePasses >= REQUIRED_PASSES ? "ready" : "pass";
            reason = "window_clean";
        }
        alertsInWindow = false;
    }

    private static Map<String, Object> queueMap(QueueMetrics queues) {
        return JsonMaps.of(
                "cooldown_events", queues.cooldownEvents(),
                "ghost_step_events", queues.ghostStepEvents(),
                "rotation_events", queues.rotationEvents());
    }
}

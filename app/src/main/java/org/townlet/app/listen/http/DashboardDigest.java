package org.townlet.app.listen.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.townlet.telemetry.core.consume.ConsumerCounters;

/**
 * Builds the digest of one run that the dashboard shows, from the consumer's state (SPEC §9.6) and what the listener
 * measured: tick and rates, the listener's counters, the transport section, economy, employment and jobs, the top
 * relationships and rivalries, conflict, stability alerts and the narration feed. Pure: no clock, no I/O; missing or
 * oddly shaped sections become empty ones, never an error.
 */
final class DashboardDigest {
    /** Relationships and rivalries shown. */
    static final int TOP_RELATIONSHIPS = 5;
    private static final List<String> TRANSPORT_KEYS = List.of("provider", "connected", "queue_length",
            "dropped_messages", "frames_dropped_total", "send_failures_total", "payloads_sent_total", "last_error");

    private DashboardDigest() {
    }

    /**
     * What the listener measured, besides the state.
     *
     * @param runId           the run the digest belongs to
     * @param lastTick        the tick of the last frame; null before the first
     * @param lastSeq         the seq of the last frame; null before the first
     * @param ticksPerSecond  ticks per second over the last second or so
     * @param framesPerSecond frames per second over the same window
     * @param lastFrameAgeMillis milliseconds since the last applied frame; null before the first
     * @param stale           whether seqs were missed since the last snapshot
     * @param counters        the consumer's counters
     * @param connections     producer connections served; null for a source without connections (Kafka): left out
     * @param narrations      the narration feed, newest first
     * @param narrationsSeen  narrations seen in all
     */
    record Inputs(String runId, Long lastTick, Long lastSeq, double ticksPerSecond, double framesPerSecond,
                  Long lastFrameAgeMillis, boolean stale, ConsumerCounters counters, Long connections,
                  List<Map<String, Object>> narrations, long narrationsSeen) {
    }

    /** The digest of one run, as a JSON-ready map. */
    static Map<String, Object> build(Map<String, Object> state, Inputs inputs) {
        Map<String, Object> digest = new LinkedHashMap<>();
        digest.put("run_id", inputs.runId());
        digest.put("tick", inputs.lastTick());
        digest.put("seq", inputs.lastSeq());
        digest.put("ticks_per_s", round(inputs.ticksPerSecond()));
        digest.put("frames_per_s", round(inputs.framesPerSecond()));
        digest.put("last_frame_age_ms", inputs.lastFrameAgeMillis());
        digest.put("stale", inputs.stale());
        digest.put("has_state", !state.isEmpty());
        ConsumerCounters counters = inputs.counters();
        Map<String, Object> listener = new LinkedHashMap<>();
        listener.put("frames", counters.frames());
        listener.put("snapshots", counters.snapshots());
        listener.put("diffs", counters.diffs());
        listener.put("gaps", counters.gaps());
        listener.put("duplicates", counters.duplicates());
        listener.put("malformed", counters.malformedTotal());
        if (inputs.connections() != null) {
            listener.put("connections", inputs.connections());
        }
        digest.put("listener", listener);
        digest.put("transport", transport(map(state.get("transport"))));
        Map<String, Object> economy = new LinkedHashMap<>();
        economy.put("prices", new TreeMap<>(map(map(state.get("economy")).get("prices"))));
        economy.put("price_spikes", map(state.get("price_spikes")));
        economy.put("utilities", map(state.get("utilities")));
        digest.put("economy", economy);
        digest.put("employment", employment(map(state.get("employment"))));
        digest.put("jobs", jobs(map(state.get("jobs"))));
        digest.put("relationships", relationships(state));
        digest.put("conflict", conflict(map(state.get("conflict"))));
        digest.put("stability", stability(map(state.get("stability"))));
        digest.put("narrations", inputs.narrations());
        digest.put("narrations_seen", inputs.narrationsSeen());
        return digest;
    }

    private static Map<String, Object> transport(Map<String, Object> section) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : TRANSPORT_KEYS) {
            if (section.containsKey(key)) {
                out.put(key, section.get(key));
            }
        }
        section.forEach((key, value) -> {
            if (key.contains("keyframe")) {
                out.put(key, value);
            }
        });
        return out;
    }

    private static Map<String, Object> employment(Map<String, Object> section) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : List.of("pending_count", "exits_today", "daily_exit_cap", "queue_limit")) {
            if (section.containsKey(key)) {
                out.put(key, section.get(key));
            }
        }
        return out;
    }

    private static Map<String, Object> jobs(Map<String, Object> section) {
        int agents = 0;
        int onShift = 0;
        int late = 0;
        double wallets = 0;
        Map<String, Integer> byJob = new TreeMap<>();
        Map<String, Integer> shiftStates = new TreeMap<>();
        for (Object value : section.values()) {
            Map<String, Object> job = map(value);
            if (job.isEmpty()) {
                continue;
            }
            agents++;
            if (Boolean.TRUE.equals(job.get("on_shift"))) {
                onShift++;
            }
            if (number(job.get("lateness_counter")) > 0) {
                late++;
            }
            wallets += number(job.get("wallet"));
            byJob.merge(String.valueOf(job.getOrDefault("job_id", "none")), 1, Integer::sum);
            shiftStates.merge(String.valueOf(job.getOrDefault("shift_state", "unknown")), 1, Integer::sum);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("agents", agents);
        out.put("on_shift", onShift);
        out.put("late", late);
        out.put("average_wallet", agents == 0 ? 0.0 : round(wallets / agents));
        out.put("by_job", byJob);
        out.put("shift_states", shiftStates);
        return out;
    }

    /** Top pairs by trust and by rivalry, from {@code relationship_snapshot} (owner → other → metrics); each pair once. */
    private static Map<String, Object> relationships(Map<String, Object> state) {
        List<Map<String, Object>> pairs = new ArrayList<>();
        Map<String, Object> snapshot = map(state.get("relationship_snapshot"));
        for (Map.Entry<String, Object> owner : new TreeMap<>(snapshot).entrySet()) {
            for (Map.Entry<String, Object> other : new TreeMap<>(map(owner.getValue())).entrySet()) {
                if (snapshot.containsKey(other.getKey()) && owner.getKey().compareTo(other.getKey()) > 0
                        && map(snapshot.get(other.getKey())).containsKey(owner.getKey())) {
                    continue; // the pair seen from the other side
                }
                Map<String, Object> metrics = map(other.getValue());
                Map<String, Object> pair = new LinkedHashMap<>();
                pair.put("a", owner.getKey());
                pair.put("b", other.getKey());
                pair.put("trust", number(metrics.get("trust")));
                pair.put("familiarity", number(metrics.get("familiarity")));
                pair.put("rivalry", number(metrics.get("rivalry")));
                pairs.add(pair);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pairs", pairs.size());
        out.put("top", top(pairs, "trust"));
        out.put("rivalries", top(pairs, "rivalry"));
        return out;
    }

    private static List<Map<String, Object>> top(List<Map<String, Object>> pairs, String key) {
        return pairs.stream()
                .filter(pair -> number(pair.get(key)) > 0)
                .sorted(Comparator.comparingDouble((Map<String, Object> pair) -> number(pair.get(key))).reversed())
                .limit(TOP_RELATIONSHIPS)
                .toList();
    }

    private static Map<String, Object> conflict(Map<String, Object> section) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("queues", map(section.get("queues")));
        Object events = section.get("rivalry_events");
        out.put("rivalry_events", events instanceof List<?> list ? list.size() : 0);
        out.put("rivalries", map(section.get("rivalry")).size());
        return out;
    }

    private static Map<String, Object> stability(Map<String, Object> section) {
        Map<String, Object> metrics = map(section.get("metrics"));
        Map<String, Object> out = new LinkedHashMap<>();
        Object alerts = metrics.containsKey("alerts") ? metrics.get("alerts") : section.get("alerts");
        out.put("alerts", alerts instanceof List<?> list ? list : List.of());
        for (String key : List.of("starvation_incidents", "option_switch_rate", "reward_variance", "rivalry_events")) {
            if (metrics.containsKey(key)) {
                out.put(key, metrics.get(key));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : 0.0;
    }

    private static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 100.0) / 100.0 : 0.0;
    }
}

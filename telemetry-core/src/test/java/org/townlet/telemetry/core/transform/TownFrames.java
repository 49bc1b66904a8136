package org.townlet.telemetry.core.transform;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.townlet.telemetry.core.encode.FrameDiffer;

/**
 * Frames of a made-up town, shaped like the documents the publisher builds (SPEC §9.4, every section filled, recorded
 * from a 50-agent run of the simulation), for comparing validators: {@code telemetry-core} tests cannot run the
 * simulation itself. Deterministic for a seed. Values come in the forms real documents have: {@code LinkedHashMap}s,
 * {@code Map.of}, unmodifiable wrappers around compact array maps that box their values on access (the simulation's
 * own array maps are unwrapped {@code ImmutableJson} now; the wrappers are kept to exercise that form too),
 * {@code Long}, {@code Integer} and {@code Double} numbers, {@code null} for non-finite doubles.
 */
final class TownFrames {
    private static final String[] REWARD_COMPONENTS = {"homeostasis", "shaping", "work", "social", "survival",
        "needs_penalty", "wage", "punctuality", "social_bonus", "social_penalty", "social_avoidance",
        "terminal_penalty", "clip_adjustment", "total"};
    private static final String[] JOBS = {"cook", "cleaner", "clerk"};
    private static final String[] OPTIONS = {"wash", "idle", "eat", "sleep", "work"};
    private static final String[] KPIS = {"queue_conflict_intensity", "employment_lateness", "late_help_events",
        "shared_meals", "chat_quality"};

    private final long seed;
    private final int agents;
    private final List<String> names = new ArrayList<>();

    TownFrames(long seed, int agents) {
        this.seed = seed;
        this.agents = agents;
        for (int i = 1; i <= agents; i++) {
            names.add(String.format("agent_%04d", i));
        }
    }

    /**
     * The stream of {@code ticks} frames from tick 1: a snapshot every {@code keyframeInterval} ticks, diffs between
     * (SPEC §9.5: whole changed top-level sections in {@code changes}, vanished ones in {@code removed}).
     */
    List<Map<String, Object>> stream(int ticks, int keyframeInterval) {
        List<Map<String, Object>> frames = new ArrayList<>();
        Map<String, Object> base = null;
        for (int i = 0; i < ticks; i++) {
            Map<String, Object> document = snapshot(i, i + 1L);
            if (base == null || i % keyframeInterval == 0) {
                frames.add(document);
            } else {
                frames.add(diff(base, document));
            }
            base = document;
        }
        return frames;
    }

    /** The diff from {@code base} to {@code document}, as the pipeline makes it. */
    static Map<String, Object> diff(Map<String, Object> base, Map<String, Object> document) {
        return FrameDiffer.diff(base, document, ((Number) document.get("seq")).longValue(),
                ((Number) document.get("tick")).longValue());
    }

    /** The snapshot document of {@code tick} ({@code payload_type: snapshot}, no {@code policy_identity}). */
    Map<String, Object> snapshot(long seq, long tick) {
        Random random = new Random(seed * 1_000_003L + tick);
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("schema_version", "0.9.9");
        frame.put("payload_type", "snapshot");
        frame.put("seq", seq);
        frame.put("tick", tick);
        frame.put("runtime_variant", tick % 50 == 0 ? null : "facade");
        long cooldowns = tick / 7;
        frame.put("queue_metrics", queueMetrics(cooldowns, 0, tick / 3));
        frame.put("embedding_metrics", doubles(new String[] {"allocations_total", "forced_reuse_count",
            "forced_reuse_rate", "reuse_warning"}, new double[] {agents, 0.0, 0.0, random.nextDouble()}));
        frame.put("employment", employment(tick));
        frame.put("jobs", jobs(random));
        frame.put("economy", Map.of("objects", Map.of("bed_1", Map.of("type", "bed", "stock", Map.of()),
                "stove_1", Map.of("type", "stove", "stock", Map.of("meals", (int) (tick % 5)))),
                "prices", Map.of("ingredients", 0.15, "meal", 0.4)));
        frame.put("economy_settings", doubles(new String[] {"meal_cost", "ingredients_cost", "wage_rate"},
                new double[] {0.4, 0.15, 0.01}));
        frame.put("price_spikes", tick % 40 < 10 ? Map.of("spike_1", Map.of("magnitude", 1.5, "targets",
                List.of("meal", "ingredients"))) : Map.of());
        frame.put("utilities", Map.of("power", tick % 90 < 80, "water", true));
        frame.put("conflict", conflict(tick, random));
        frame.put("relationships", Map.of("window_start", 0L, "window_end", 600L, "total", tick / 4));
        frame.put("relationship_snapshot", relationshipSnapshot(tick));
        frame.put("relationship_updates", tick % 10 == 0 ? List.of(Map.of("owner", names.get(0), "other",
                names.get(agents - 1), "status", "updated", "trust", 0.25, "delta", Map.of("trust", 0.01)))
                : List.of());
        frame.put("relationship_overlay", overlay(tick));
        frame.put("events", List.of(Map.of("event", "affordance_finish", "object_id", "shower_3", "agent_id",
                names.get((int) (tick % agents)), "success", true), Map.of("event", "shower_complete")));
        frame.put("narrations", tick % 25 == 0 ? List.of(narration(tick)) : List.of());
        frame.put("affordance_manifest", Map.of("path", "builtin:core", "checksum", "17e49d32", "object_count",
                56, "affordance_count", 12));
        frame.put("affordance_runtime", affordanceRuntime(tick));
        frame.put("reward_breakdown", rewards(random));
        frame.put("stability", stability(tick, random));
        if (tick % 60 < 45) {
            // Vanishes now and then, so diffs carry `removed`.
            frame.put("promotion", Map.of("state", "pass", "consecutive_passes", 1, "required_passes", 2));
        }
        frame.put("perturbations", Map.of("active", Map.of(), "pending", List.of(), "cooldowns",
                Map.of("spec", Map.of("power_outage", 800L), "agents", Map.of(names.get(0), 1040L))));
        frame.put("policy_snapshot", policySnapshot(tick));
        frame.put("anneal_status", tick % 2 == 0 ? null : Collections.singletonMap("anneal_ratio", null));
        frame.put("kpi_history", kpiHistory(tick, random));
        frame.put("transport", transport(tick));
        frame.put("health", health(tick, random));
        return frame;
    }

    private static Map<String, Object> queueMetrics(long cooldown, long ghost, long rotation) {
        return longs(new String[] {"cooldown_events", "ghost_step_events", "rotation_events"},
                new long[] {cooldown, ghost, rotation});
    }

    private Map<String, Object> employment(long tick) {
        Map<String, Object> employment = new LinkedHashMap<>();
        employment.put("pending", List.of(Map.of("agent_id", names.get(0), "enqueued_tick", 230L, "reason",
                "lateness")));
        employment.put("pending_count", 1);
        employment.put("exits_today", tick / 500);
        return Collections.unmodifiableMap(employment);
    }

    private Map<String, Object> jobs(Random random) {
        Map<String, Object> jobs = new LinkedHashMap<>();
        for (int i = 0; i < agents; i++) {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("job_id", JOBS[i % JOBS.length]);
            job.put("on_shift", random.nextBoolean());
            job.put("wallet", Math.round(random.nextDouble() * 1000) / 100.0);
            job.put("lateness_counter", (long) random.nextInt(3));
            job.put("attendance_ratio", 1.0);
            job.put("inventory", Map.of("meals_cooked", 4L, "wages_earned", 4.2));
            job.put("needs", doubles(new String[] {"hunger", "hygiene", "energy"},
                    new double[] {random.nextDouble(), random.nextDouble(), random.nextDouble()}));
            jobs.put(names.get(i), Collections.unmodifiableMap(job));
        }
        return Collections.unmodifiableMap(jobs);
    }

    private Map<String, Object> conflict(long tick, Random random) {
        List<Object> history = new ArrayList<>();
        for (long t = Math.max(1, tick - 19); t <= tick; t++) {
            history.add(Map.of("tick", t, "delta", queueMetrics(0, 0, t % 2), "totals",
                    queueMetrics(t / 7, 0, t / 3)));
        }
        List<Object> rivalryEvents = new ArrayList<>();
        for (int i = 0; i < Math.min(20, tick / 10); i++) {
            rivalryEvents.add(Map.of("tick", tick - i, "agent_a", names.get(i % agents), "agent_b",
                    names.get((i + 1) % agents), "reason", "queue_conflict", "intensity", random.nextDouble()));
        }
        Map<String, Object> conflict = new LinkedHashMap<>();
        conflict.put("queues", queueMetrics(tick / 7, 0, tick / 3));
        conflict.put("queue_history", history);
        conflict.put("rivalry", Map.of(names.get(0), Map.of(names.get(agents - 1), 0.2)));
        conflict.put("rivalry_events", rivalryEvents);
        return conflict;
    }

    private Map<String, Object> relationshipSnapshot(long tick) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        for (int i = 0; i < agents; i += 2) {
            double trust = 0.1 + (tick / 10) * 0.001 + i * 0.0001;
            snapshot.put(names.get(i), Map.of(names.get((i + 1) % agents), doubles(new String[] {"trust",
                "familiarity", "rivalry"}, new double[] {trust, 0.05, 0.0})));
        }
        return snapshot;
    }

    private Map<String, Object> overlay(long tick) {
        Map<String, Object> overlay = new LinkedHashMap<>();
        for (int i = 0; i < agents; i += 3) {
            List<Object> entries = new ArrayList<>();
            for (int j = 1; j <= 1 + i % 3; j++) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("owner", names.get(i));
                entry.put("other", names.get((i + j) % agents));
                entry.put("trust", 0.1 + (tick / 10) * 0.001);
                entry.put("delta", null);
                entries.add(entry);
            }
            overlay.put(names.get(i), entries);
        }
        return overlay;
    }

    private Map<String, Object> narration(long tick) {
        Map<String, Object> narration = new LinkedHashMap<>();
        narration.put("tick", tick);
        narration.put("category", "queue_conflict");
        narration.put("message", "Alice and Bob argue at the shower — again");
        narration.put("priority", tick % 50 == 0);
        narration.put("data", Map.of("object_id", "shower_1"));
        narration.put("dedupe_key", "queue_conflict:shower_1");
        return narration;
    }

    private Map<String, Object> affordanceRuntime(long tick) {
        Map<String, Object> running = new LinkedHashMap<>();
        for (int i = 0; i < agents / 3; i++) {
            running.put("bed_" + i, Map.of("agent_id", names.get(i), "affordance_id", "rest_sleep",
                    "started_tick", tick - i, "duration", 10));
        }
        Map<String, Object> runtime = new LinkedHashMap<>();
        runtime.put("tick", tick);
        runtime.put("running_count", running.size());
        runtime.put("running", running);
        runtime.put("active_reservations", Map.of("shower_1", names.get(0)));
        runtime.put("event_counts", longs(new String[] {"start", "finish", "fail", "precondition_fail"},
                new long[] {tick, tick - 1, 0, tick / 100}));
        return runtime;
    }

    private Map<String, Object> rewards(Random random) {
        Map<String, Object> rewards = new LinkedHashMap<>();
        for (String name : names) {
            double[] values = new double[REWARD_COMPONENTS.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = i % 3 == 0 ? random.nextGaussian() * 0.01 : 0.0;
            }
            rewards.put(name, doubles(REWARD_COMPONENTS, values));
        }
        return Collections.unmodifiableMap(rewards);
    }

    private Map<String, Object> stability(long tick, Random random) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("starvation_incidents", 0L);
        metrics.put("option_switch_rate", random.nextDouble());
        metrics.put("queue_totals", queueMetrics(tick / 7, 0, tick / 3));
        metrics.put("reward_variance", tick % 30 == 0 ? null : random.nextDouble());
        Map<String, Object> hunger = new LinkedHashMap<>();
        Map<String, Object> switches = new LinkedHashMap<>();
        for (String name : names) {
            hunger.put(name, random.nextDouble());
            switches.put(name, (long) random.nextInt(9));
        }
        return Map.of("metrics", metrics, "alerts", tick % 20 == 0 ? List.of("option_thrash") : List.of(),
                "inputs", Map.of("hunger_levels", hunger, "option_switch_counts", switches, "reward_samples",
                        Map.of()));
    }

    private Map<String, Object> policySnapshot(long tick) {
        Map<String, Object> policy = new LinkedHashMap<>();
        for (int i = 0; i < agents; i++) {
            policy.put(names.get(i), Map.of("option", OPTIONS[(int) ((i + tick / 20) % OPTIONS.length)],
                    "committed_until", tick + i, "option_switches", (long) i, "possessed", false));
        }
        return policy;
    }

    private Map<String, Object> kpiHistory(long tick, Random random) {
        Map<String, Object> history = new LinkedHashMap<>();
        for (String kpi : KPIS) {
            List<Object> series = new ArrayList<>();
            for (long t = Math.max(1, tick - 49); t <= tick; t++) {
                series.add(kpi.startsWith("late") ? (Object) (t % 3) : (Object) (random.nextDouble()));
            }
            history.put(kpi, Collections.unmodifiableList(series));
        }
        return Collections.unmodifiableMap(history);
    }

    private static Map<String, Object> transport(long tick) {
        Map<String, Object> transport = new LinkedHashMap<>();
        transport.put("provider", "file");
        transport.put("connected", true);
        transport.put("dropped_messages", 0L);
        transport.put("frames_dropped_total", 0L);
        transport.put("last_error", null);
        transport.put("last_success_tick", tick - 1);
        transport.put("queue_length", (int) (tick % 4));
        transport.put("last_flush_duration_ms", 0.25);
        return transport;
    }

    private static Map<String, Object> health(long tick, Random random) {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("tick", tick);
        health.put("status", "ok");
        health.put("duration_ms", random.nextDouble());
        health.put("failure_count", 0L);
        health.put("error", null);
        health.put("metrics", Map.of("tick_rate", 4800.0));
        return health;
    }

    // ------------------------------------------------------------------ compact maps, like the simulation's

    private static Map<String, Object> doubles(String[] keys, double[] values) {
        return Collections.unmodifiableMap(new ArrayMap(keys, values, null));
    }

    private static Map<String, Object> longs(String[] keys, long[] values) {
        return Collections.unmodifiableMap(new ArrayMap(keys, null, values));
    }

    /** An immutable ordered map over parallel arrays; values are boxed on every access. */
    private static final class ArrayMap extends AbstractMap<String, Object> {
        private final String[] keys;
        private final double[] doubles;
        private final long[] longs;

        ArrayMap(String[] keys, double[] doubles, long[] longs) {
            this.keys = keys;
            this.doubles = doubles;
            this.longs = longs;
        }

        private Object valueAt(int position) {
            return doubles != null ? (Object) doubles[position] : (Object) longs[position];
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < keys.length;
                        }

                        @Override
                        public Map.Entry<String, Object> next() {
                            int position = next++;
                            return new AbstractMap.SimpleImmutableEntry<>(keys[position], valueAt(position));
                        }
                    };
                }

                @Override
                public int size() {
                    return keys.length;
                }
            };
        }
    }
}

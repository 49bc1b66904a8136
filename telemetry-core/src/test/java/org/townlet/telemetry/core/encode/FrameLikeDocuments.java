package org.townlet.telemetry.core.encode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded sequence of snapshot documents shaped like the 50-agent town's (SPEC §9.4): per-agent {@code jobs} and
 * {@code reward_breakdown} that change every tick for some agents only (the others keep their very objects, as the
 * read models do), doubles from arithmetic ({@code 6.208799999999698E-4}, {@code -0.0}), sections that stay the same
 * object for several ticks, lists of events and narrations with non-ASCII text.
 */
final class FrameLikeDocuments {
    private static final String[] REWARD_COMPONENTS = {"homeostasis", "shaping", "work", "social", "survival",
        "needs_penalty", "wage", "punctuality", "social_bonus", "social_penalty", "social_avoidance",
        "terminal_penalty", "clip_adjustment", "total"};
    private static final String[] JOBS = {"cook", "cleaner", "clerk", "unemployed"};

    private final SplittableRandom random;
    private final int agents;
    private final Map<String, Object> jobs = new LinkedHashMap<>();
    private final Map<String, Object> rewards = new LinkedHashMap<>();
    private Object manifest;
    private Object economy;
    private long tick = 100;

    FrameLikeDocuments(long seed, int agents) {
        this.random = new SplittableRandom(seed);
        this.agents = agents;
        for (int i = 0; i < agents; i++) {
            jobs.put(agent(i), job());
            rewards.put(agent(i), reward());
        }
        manifest = Map.of("checksum", "9f86d081884c7d65", "objects", 12L, "affordances", 7L);
        economy = economy();
    }

    private static String agent(int i) {
        return "agent_" + i;
    }

    /** The snapshot document of the next tick. */
    Map<String, Object> next(long seq) {
        tick++;
        for (int i = 0; i < agents; i++) {
            if (random.nextInt(2) == 0) {
                jobs.put(agent(i), job());
            }
            rewards.put(agent(i), reward());
        }
        if (random.nextInt(10) == 0) {
            economy = economy();
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schema_version", "0.9.9");
        document.put("payload_type", "snapshot");
        document.put("seq", seq);
        document.put("tick", tick);
        document.put("runtime_variant", "facade");
        document.put("queue_metrics", Map.of("cooldown_events", 7L, "ghost_step_events", 0L, "rotation_events", 13L));
        document.put("jobs", Collections.unmodifiableMap(new LinkedHashMap<>(jobs)));
        document.put("economy", economy);
        document.put("conflict", conflict());
        document.put("events", events());
        document.put("narrations", narrations());
        document.put("affordance_manifest", manifest);
        document.put("reward_breakdown", Collections.unmodifiableMap(new LinkedHashMap<>(rewards)));
        document.put("stability", stability());
        document.put("promotion", null);
        document.put("kpi_history", Map.of("reward_mean", series(), "queue_pressure", series()));
        document.put("health", Map.of("tick", tick, "status", "ok", "duration_ms", random.nextDouble() * 3));
        return document;
    }

    private Map<String, Object> job() {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("job_id", JOBS[random.nextInt(JOBS.length)]);
        job.put("on_shift", random.nextBoolean());
        job.put("wallet", random.nextInt(0, 2_000) / 10.0);
        job.put("lateness_counter", (long) random.nextInt(5));
        job.put("shift_state", random.nextBoolean() ? "off" : "on_time");
        job.put("attendance_ratio", random.nextInt(3) == 0 ? 1.0 : random.nextDouble());
        job.put("wages_withheld", random.nextInt(0, 50) * 0.1 + 0.0);
        job.put("inventory",
                Map.of("meals_cooked", (long) random.nextInt(9), "wages_earned", random.nextInt(100) * 0.3));
        job.put("needs", Map.of("hunger", random.nextInt(100) / 100.0, "hygiene", 0.5, "energy", 0.78 - tick * 1.0E-5));
        return Collections.unmodifiableMap(job);
    }

    private Map<String, Object> reward() {
        Map<String, Object> reward = new LinkedHashMap<>();
        double total = 0;
        for (String component : REWARD_COMPONENTS) {
            double value = switch (random.nextInt(5)) {
                case 0 -> 0.0;
                case 1 -> -0.0;
                case 2 -> random.nextDouble() * 1.0E-3;
                default -> (random.nextInt(1_000) - 500) * 6.2088E-7 * 1.0000001;
            };
            total += value;
            reward.put(component, component.equals("total") ? total : value);
        }
        return Collections.unmodifiableMap(reward);
    }

    private Map<String, Object> economy() {
        Map<String, Object> prices = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            prices.put("item_" + i, Map.of("price", 1.0 + random.nextInt(300) / 100.0, "stock", (long) i));
        }
        return Collections.unmodifiableMap(Map.of("prices", prices, "inflation", 0.02));
    }

    private Map<String, Object> conflict() {
        List<Object> history = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            history.add(Map.of("tick", tick - i, "delta", Map.of("cooldown_events", 0L), "totals",
                    Map.of("cooldown_events", 7L, "rotation_events", 13L - i)));
        }
        Map<String, Object> conflict = new LinkedHashMap<>();
        conflict.put("queues", Map.of("cooldown_events", 7L));
        conflict.put("queue_history", history);
        conflict.put("rivalry", Map.of("agent_1", Map.of("agent_2", 0.25)));
        conflict.put("rivalry_events", List.of());
        return conflict;
    }

    private List<Object> events() {
        List<Object> events = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("event", "affordance_finish");
            event.put("agent", agent(random.nextInt(agents)));
            event.put("tick", tick);
            event.put("success", random.nextBoolean());
            events.add(event);
        }
        return events;
    }

    private List<Object> narrations() {
        if (random.nextInt(5) > 0) {
            return List.of();
        }
        Map<String, Object> narration = new LinkedHashMap<>();
        narration.put("tick", tick);
        narration.put("category", "social");
        narration.put("message", "Zo\u00eb met Andr\u00e9 at the caf\u00e9 \u2014 \"great\" \ud83c\udf89\n\ttab");
        narration.put("priority", false);
        narration.put("data", Map.of("trust", 0.1 * 3));
        return List.of(narration);
    }

    private Map<String, Object> stability() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("starvation_incidents", 0L);
        metrics.put("reward_variance", random.nextDouble() * 1.0E-4);
        metrics.put("reward_mean", random.nextDouble() * 0.01);
        metrics.put("alerts", List.of());
        Map<String, Object> stability = new LinkedHashMap<>();
        stability.put("metrics", metrics);
        stability.put("alerts", random.nextInt(4) == 0 ? List.of("queue_pressure") : List.of());
        stability.put("inputs", Map.of("hunger_levels", Map.of("agent_1", random.nextDouble())));
        return stability;
    }

    private List<Object> series() {
        List<Object> series = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            series.add(random.nextDouble() / (i + 1));
        }
        return series;
    }
}

package org.townlet.telemetry.core.publish;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.townlet.telemetry.api.event.LoopTick;
import org.townlet.telemetry.api.event.Perturbations;
import org.townlet.telemetry.api.event.PerturbationCooldowns;
import org.townlet.telemetry.api.event.PolicyIdentity;
import org.townlet.telemetry.api.event.PriceSpike;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.event.RelationshipTie;
import org.townlet.telemetry.api.event.RivalryEvent;
import org.townlet.telemetry.api.event.RunningAffordance;
import org.townlet.telemetry.api.event.SocialEvent;
import org.townlet.telemetry.api.event.StabilityInputs;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.event.WorldView;

/**
 * Hand-built {@code loop.tick} payloads in which every world-view field and payload field is filled, with values
 * that change from tick to tick, for publisher tests (the shapes of SPEC §4.2, §17.4).
 */
final class Worlds {
    private Worlds() {
    }

    /** A full payload for {@code tick} of a town with alice, bob and carol. */
    static LoopTick rich(long tick) {
        return LoopTick.builder()
                .world(richWorld(tick))
                .rewards(Map.of("alice", 0.1 * tick, "bob", -0.2))
                .events(List.of(
                        WorldEvent.of("queue_conflict", "object_id", "shower_1", "actor", "alice", "rival", "bob",
                                "reason", tick % 3 == 0 ? "ghost_step" : "patience", "intensity", 0.25,
                                "queue_length", 2),
                        WorldEvent.of("queue_conflict", "object_id", "stove_1", "actor", "carol", "rival", "bob",
                                "reason", "rotation", "intensity", 0.5, "queue_length", 1),
                        WorldEvent.of("late_help", "agent_id", "bob", "helper", "carol"),
                        WorldEvent.of("affordance_start", "agent_id", "alice", "object_id", "bed_1"),
                        WorldEvent.of("shower_complete", "agent_id", "carol", "object_id", "shower_1")))
                .socialEvents(List.of(
                        SocialEvent.of("chat_success", "speaker", "alice", "listener", "bob", "quality", 0.7),
                        SocialEvent.of("rivalry_avoidance", "agent", "carol", "object", "stove_1", "reason",
                                "rival_waiting")))
                .rewardBreakdown(Map.of("alice", Map.of("total", 0.5, "wage", 0.1), "bob", Map.of("total", -0.1)))
                .policySnapshot(Map.of("alice", Map.of("option", "sleep", "commit_tick", tick)))
                .stabilityInputs(new StabilityInputs(Map.of("alice", 0.4), Map.of("alice", tick), Map.of("alice",
                        0.5)))
                .perturbations(new Perturbations(Map.of("spike_1", Map.of("spec", "price_spike", "ends", 240)),
                        List.of(Map.of("spec", "power_outage", "tick", 300)),
                        new PerturbationCooldowns(Map.of("price_spike", 720L), Map.of("alice", 5L))))
                .policyIdentity(new PolicyIdentity("townlet-default", "hash-" + tick, "compact", null))
                .policyMetadata(Map.of("option_switch_counts", Map.of("alice", tick)))
                .possessedAgents(List.of("carol", "alice"))
                .annealContext(Map.of("anneal_ratio", 0.25, "blend_enabled", false))
                .runtimeVariant("facade")
                .observationEnvelope(Map.of("slots", 8))
                .build();
    }

    /** The world view of {@link #rich(long)}. */
    static WorldView richWorld(long tick) {
        LinkedHashMap<String, Map<String, RelationshipTie>> ties = new LinkedHashMap<>();
        ties.put("alice", Map.of("bob", new RelationshipTie(0.5 + 0.01 * tick, 0.3, 0.1),
                "carol", new RelationshipTie(0.2, 0.1, 0.0)));
        ties.put("bob", Map.of("alice", new RelationshipTie(0.3, 0.2, 0.85)));
        return WorldView.builder()
                .queueMetrics(new QueueMetrics(tick, tick / 2, 2 * tick))
                .employment(Map.of("pending", List.of(), "pending_count", 0, "exits_today", 0, "daily_exit_cap", 2,
                        "queue_limit", 8, "review_window", 1440))
                .jobs(Map.of("alice", job("cook", tick % 4), "bob", job("clerk", 1)))
                .economy(Map.of("objects", Map.of("fridge_1", Map.of("type", "fridge", "stock", Map.of("meal",
                        3 + tick % 2))), "prices", Map.of("meal", 0.4)))
                .economySettings(Map.of("meal_cost", 0.4, "wage_rate", 0.01))
                .priceSpikes(Map.of("spike_1", new PriceSpike(1.5, List.of("meal"))))
                .utilities(Map.of("power", tick % 5 != 0, "water", true))
                .relationships(ties)
                .relationshipMetrics(Map.of("window_start", 0, "window_end", 600, "total", 1,
                        "owners", Map.of("alice", 1), "reasons", Map.of("decay", 1), "history", List.of()))
                .rivalryEvents(List.of(new RivalryEvent(tick, "alice", "bob", 0.25, "patience")))
                .runningAffordances(Map.of("bed_1", new RunningAffordance("alice", "rest_sleep", 1, 60)))
                .activeReservations(Map.of("bed_1", Map.of("agent_id", "alice", "tick", 1)))
                .affordanceManifest(Map.of("path", "builtin:core", "checksum", "abc123", "object_count", 4,
                        "affordance_count", 4))
                .embeddingMetrics(Map.of("allocations_total", (double) tick, "reuse_warning", 0.0))
                .personalities(Map.of("alice", Map.of("profile", "social",
                        "traits", Map.of("extroversion", 0.8, "forgiveness", 0.2, "ambition", 0.1),
                        "multipliers", Map.of("needs", 1.0, "rewards", 1.0,
                                "behaviour", Map.of("conflict_tolerance", 0.5)))))
                .build();
    }

    private static Map<String, Object> job(String jobId, long lateness) {
        return Map.of("job_id", jobId, "on_shift", true, "wallet", 5.0, "lateness_counter", lateness,
                "shift_state", "on_time", "inventory", Map.of("wages_earned", 0.5));
    }
}

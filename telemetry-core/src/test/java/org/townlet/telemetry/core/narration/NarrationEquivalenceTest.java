package org.townlet.telemetry.core.narration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.townlet.telemetry.api.event.AgentRelationshipSummary;
import org.townlet.telemetry.api.event.NarrationEntry;
import org.townlet.telemetry.api.event.RelationshipStatus;
import org.townlet.telemetry.api.event.RelationshipSummary;
import org.townlet.telemetry.api.event.RelationshipTie;
import org.townlet.telemetry.api.event.RelationshipUpdate;
import org.townlet.telemetry.api.event.RivalEntry;
import org.townlet.telemetry.api.event.SocialEvent;
import org.townlet.telemetry.api.event.WorldEvent;

/**
 * The generator decides before it builds (thresholds, then cooldowns and window, then the keyed decision) and formats
 * without BigDecimal. These tests run it side by side with the previous implementation, kept verbatim in
 * {@link ReferenceNarrationGenerator} and {@link ReferenceNarrationLimiter}, over thousands of random ticks, with
 * manual narrations and stale ticks interleaved, and require the same entries (including the order of their data) and
 * the same limiter state after every tick.
 */
class NarrationEquivalenceTest {
    private static final String[] AGENTS = {"alice", "bob", "carol", "dave", "erin", "frank"};
    private static final String[] OBJECTS = {"shower_1", "stove_1", "fridge_1", "bed_2", " ", ""};

    static List<Arguments> limiters() {
        return List.of(
                Arguments.of("defaults", NarrationSettings.DEFAULTS),
                Arguments.of("open", NarrationSettings.builder().globalCooldownTicks(0).dedupeWindowTicks(0)
                        .globalWindowLimit(1000).build()),
                Arguments.of("tight", NarrationSettings.builder().globalCooldownTicks(2).dedupeWindowTicks(5)
                        .globalWindowTicks(20).globalWindowLimit(6)
                        .categoryCooldownTicks("relationship_friendship", 0)
                        .categoryCooldownTicks("queue_conflict", 4)
                        .priorityCategories(List.of("sleep_complete", "relationship_rivalry")).build()),
                Arguments.of("dedupe only", NarrationSettings.builder().globalCooldownTicks(0).dedupeWindowTicks(3)
                        .globalWindowTicks(1).globalWindowLimit(1000).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limiters")
    void generatesTheSameEntriesAndLimiterStateAsThePreviousImplementation(String name, NarrationSettings settings) {
        long narrated = 0;
        for (long seed = 1; seed <= 3; seed++) {
            narrated += runSideBySide(settings, RelationshipNarrationSettings.DEFAULTS,
                    PersonalityNarrationSettings.DEFAULTS, new SplittableRandom(seed));
        }
        RelationshipNarrationSettings lowThresholds = RelationshipNarrationSettings.builder()
                .friendshipTrustThreshold(0.1).friendshipDeltaThreshold(0.05).friendshipPriorityThreshold(0.3)
                .rivalryAvoidThreshold(0.2).rivalryEscalationThreshold(0.5).build();
        PersonalityNarrationSettings personality = PersonalityNarrationSettings.builder()
                .chatExtroversionThreshold(0.2).chatQualityThreshold(0.1).chatPriorityThreshold(0.6)
                .conflictToleranceThreshold(0.7).build();
        narrated += runSideBySide(settings, lowThresholds, personality, new SplittableRandom(99));
        narrated += runSideBySide(settings, lowThresholds,
                PersonalityNarrationSettings.builder().enabled(false).build(), new SplittableRandom(100));
        assertThat(narrated).as("entries generated, so the comparison is not vacuous").isGreaterThan(50);
    }

    /** Runs both generators over the same random ticks; returns how many entries they generated. */
    private static long runSideBySide(NarrationSettings settings, RelationshipNarrationSettings relationships,
            PersonalityNarrationSettings personality, SplittableRandom random) {
        NarrationLimiter limiter = new NarrationLimiter(settings);
        NarrationGenerator generator = new NarrationGenerator(limiter, relationships, personality);
        ReferenceNarrationLimiter referenceLimiter = new ReferenceNarrationLimiter(settings);
        ReferenceNarrationGenerator reference = new ReferenceNarrationGenerator(referenceLimiter, relationships,
                personality);
        long tick = 0;
        long narrated = 0;
        for (int step = 0; step < 2_000; step++) {
            tick += random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(3);
            long begin = random.nextInt(20) == 0 ? Math.max(0, tick - 5) : tick; // a stale tick never rewinds
            limiter.beginTick(begin);
            referenceLimiter.beginTick(begin);
            if (random.nextInt(5) == 0) {
                manual(random, limiter, referenceLimiter);
            }
            List<WorldEvent> events = worldEvents(random);
            List<SocialEvent> social = socialEvents(random);
            List<RelationshipUpdate> updates = updates(random);
            RelationshipSummary summary = summary(random);
            Map<String, Map<String, Object>> personalities = personalities(random);

            List<NarrationEntry> actual = generator.generate(tick, events, social, updates, summary, personalities);
            List<NarrationEntry> expected = reference.generate(tick, events, social, updates, summary, personalities);

            narrated += actual.size();
            // toString shows each entry's data in iteration order, which equals() would not compare.
            if (!actual.equals(expected) || !actual.toString().equals(expected.toString())) {
                assertThat(actual.toString()).as("entries at step %d", step).isEqualTo(expected.toString());
                assertThat(actual).as("entries at step %d", step).isEqualTo(expected);
            }
            if (!limiter.state().equals(referenceLimiter.state())
                    || !limiter.state().toString().equals(referenceLimiter.state().toString())) {
                assertThat(limiter.state().toString()).as("limiter state at step %d", step)
                        .isEqualTo(referenceLimiter.state().toString());
            }
            assertThat(limiter.currentTick()).isEqualTo(referenceLimiter.currentTick());
        }
        return narrated;
    }

    private static void manual(SplittableRandom random, NarrationLimiter limiter,
            ReferenceNarrationLimiter referenceLimiter) {
        String category = pick(random, new String[] {"relationship_friendship", "queue_conflict", "console", "x"});
        String message = "manual " + random.nextInt(4);
        boolean priority = random.nextBoolean();
        String key = random.nextBoolean() ? null : "relationship_friendship:" + pick(random, AGENTS) + ":"
                + pick(random, AGENTS);
        assertThat(limiter.allow(category, message, priority, key))
                .hasToString(referenceLimiter.allow(category, message, priority, key).toString());
    }

    private static List<WorldEvent> worldEvents(SplittableRandom random) {
        List<WorldEvent> events = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            switch (random.nextInt(7)) {
                case 0, 1 -> events.add(WorldEvent.of("queue_conflict", "actor", maybe(random, pick(random, AGENTS)),
                        "rival", maybe(random, pick(random, AGENTS)), "object_id", maybe(random, pick(random, OBJECTS)),
                        "reason", maybe(random, random.nextBoolean() ? "ghost_step" : "patience"),
                        "intensity", random.nextInt(3) == 0 ? "0.125" : value(random),
                        "queue_length", random.nextInt(3) == 0 ? "7" : (Object) (long) random.nextInt(9)));
                case 2 -> events.add(WorldEvent.of("shower_power_outage", "object_id",
                        maybe(random, pick(random, OBJECTS))));
                case 3 -> events.add(WorldEvent.of("shower_complete", "agent_id", maybe(random, pick(random, AGENTS)),
                        "object_id", maybe(random, pick(random, OBJECTS))));
                case 4 -> events.add(WorldEvent.of("sleep_complete", "agent_id", maybe(random, pick(random, AGENTS)),
                        "object_id", maybe(random, pick(random, OBJECTS))));
                case 5 -> events.add(WorldEvent.of("late_help", "agent_id", pick(random, AGENTS)));
                default -> events.add(WorldEvent.of("affordance_start", "object_id", pick(random, OBJECTS)));
            }
        }
        return events;
    }

    private static List<SocialEvent> socialEvents(SplittableRandom random) {
        List<SocialEvent> events = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            switch (random.nextInt(4)) {
                case 0 -> events.add(SocialEvent.of("chat_failure", "speaker", maybe(random, pick(random, AGENTS)),
                        "listener", maybe(random, pick(random, AGENTS)), "quality", value(random)));
                case 1 -> events.add(SocialEvent.of("rivalry_avoidance", "agent", maybe(random, pick(random, AGENTS)),
                        "object", maybe(random, pick(random, OBJECTS)), "reason", maybe(random, "queue_rival")));
                case 2 -> events.add(SocialEvent.of("chat_success", "speaker", maybe(random, pick(random, AGENTS)),
                        "listener", maybe(random, pick(random, AGENTS)),
                        "quality", random.nextInt(8) == 0 ? 0.0 : value(random)));
                default -> events.add(SocialEvent.of("gift", "speaker", pick(random, AGENTS)));
            }
        }
        return events;
    }

    private static List<RelationshipUpdate> updates(SplittableRandom random) {
        List<RelationshipUpdate> updates = new ArrayList<>();
        RelationshipStatus[] statuses = RelationshipStatus.values();
        for (int i = random.nextInt(12); i > 0; i--) {
            RelationshipTie tie = new RelationshipTie(signedValue(random), value(random), value(random));
            RelationshipTie delta = new RelationshipTie(signedValue(random) / 2, signedValue(random) / 4, 0.0);
            updates.add(RelationshipUpdate.of(pick(random, AGENTS), pick(random, AGENTS), tie,
                    statuses[random.nextInt(statuses.length)], delta));
        }
        return updates;
    }

    private static RelationshipSummary summary(SplittableRandom random) {
        LinkedHashMap<String, AgentRelationshipSummary> agents = new LinkedHashMap<>();
        for (String owner : AGENTS) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            List<RivalEntry> rivals = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                rivals.add(new RivalEntry(pick(random, AGENTS), value(random)));
            }
            agents.put(owner, new AgentRelationshipSummary(List.of(), rivals));
        }
        return new RelationshipSummary(agents, Map.of());
    }

    private static Map<String, Map<String, Object>> personalities(SplittableRandom random) {
        LinkedHashMap<String, Map<String, Object>> personalities = new LinkedHashMap<>();
        for (String agent : AGENTS) {
            if (random.nextInt(4) == 0) {
                continue;
            }
            Object tolerance = random.nextInt(5) == 0 ? "0.5" : value(random);
            personalities.put(agent, Map.of(
                    "traits", Map.of("extroversion", random.nextInt(6) == 0 ? -value(random) : value(random)),
                    "multipliers", random.nextInt(5) == 0 ? Map.of()
                            : Map.of("behaviour", Map.of("conflict_tolerance", tolerance))));
        }
        return personalities;
    }

    /** A value in [0, 1], often four decimals as the simulation writes them, sometimes a two-decimal tie. */
    private static double value(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> random.nextDouble();
            case 1 -> Math.round(random.nextDouble() * 10_000) / 10_000.0;
            default -> (random.nextInt(200) * 5 + 5) / 1000.0;
        };
    }

    private static double signedValue(SplittableRandom random) {
        return random.nextInt(10) == 0 ? -0.0 : value(random) * 2 - 1;
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** {@code value}, or (one time in eight) nothing, so the defaults and the "missing" paths run too. */
    private static Object maybe(SplittableRandom random, Object value) {
        return random.nextInt(8) == 0 ? null : value;
    }
}

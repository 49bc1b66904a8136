package org.townlet.telemetry.core.narration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.event.AgentRelationshipSummary;
import org.townlet.telemetry.api.event.FriendEntry;
import org.townlet.telemetry.api.event.NarrationEntry;
import org.townlet.telemetry.api.event.RelationshipStatus;
import org.townlet.telemetry.api.event.RelationshipSummary;
import org.townlet.telemetry.api.event.RelationshipTie;
import org.townlet.telemetry.api.event.RelationshipUpdate;
import org.townlet.telemetry.api.event.RivalEntry;
import org.townlet.telemetry.api.event.SocialEvent;
import org.townlet.telemetry.api.event.WorldEvent;

class NarrationGeneratorTest {
    /** No cooldowns, no dedupe across ticks, a wide window: only the thresholds decide. */
    private static final NarrationSettings OPEN = NarrationSettings.builder().globalCooldownTicks(0)
            .dedupeWindowTicks(0).globalWindowLimit(1000).build();

    private static NarrationEngine engine(NarrationSettings narration, RelationshipNarrationSettings relationships,
            PersonalityNarrationSettings personality) {
        return new NarrationEngine(narration, relationships, personality);
    }

    private static List<NarrationEntry> events(NarrationEngine engine, long tick, WorldEvent... events) {
        engine.beginTick(tick);
        return engine.generate(tick, List.of(events), List.of(), List.of(), RelationshipSummary.EMPTY, Map.of());
    }

    private static List<NarrationEntry> updates(NarrationEngine engine, long tick, RelationshipUpdate... updates) {
        engine.beginTick(tick);
        return engine.generate(tick, List.of(), List.of(), List.of(updates), RelationshipSummary.EMPTY, Map.of());
    }

    private static List<NarrationEntry> rivals(NarrationEngine engine, long tick, String owner, RivalEntry... rivals) {
        engine.beginTick(tick);
        RelationshipSummary summary = new RelationshipSummary(
                Map.of(owner, new AgentRelationshipSummary(List.of(), List.of(rivals))), Map.of());
        return engine.generate(tick, List.of(), List.of(), List.of(), summary, Map.of());
    }

    private static List<NarrationEntry> social(NarrationEngine engine, long tick,
            Map<String, Map<String, Object>> personalities, SocialEvent... events) {
        engine.beginTick(tick);
        return engine.generate(tick, List.of(), List.of(events), List.of(), RelationshipSummary.EMPTY, personalities);
    }

    private static WorldEvent conflict(String object, String reason) {
        return WorldEvent.of("queue_conflict", "object_id", object, "actor", "bob", "rival", "alice", "reason", reason,
                "intensity", 0.5, "queue_length", 3);
    }

    private static Map<String, Map<String, Object>> profile(String agent, double extroversion, double tolerance) {
        return Map.of(agent, Map.of("profile", "social",
                "traits", Map.of("extroversion", extroversion, "forgiveness", 0.1, "ambition", 0.2),
                "multipliers", Map.of("needs", 1.0, "rewards", 1.0,
                        "behaviour", Map.of("conflict_tolerance", tolerance))));
    }

    @Test
    void queueConflictThrottledThenPriority() {
        NarrationEngine engine = NarrationEngine.withDefaults();

        List<NarrationEntry> tick0 = events(engine, 0, conflict("shower_1", "patience"));
        List<NarrationEntry> tick2 = events(engine, 2, conflict("stove_1", "patience"));
        List<NarrationEntry> tick3 = events(engine, 3, conflict("fridge_1", "ghost_step"));

        assertThat(tick0).singleElement().satisfies(entry -> {
            assertThat(entry.category()).isEqualTo("queue_conflict");
            assertThat(entry.message()).isEqualTo("bob clashed with alice at shower_1 (intensity 0.50, queue 3).");
            assertThat(entry.priority()).isFalse();
            assertThat(entry.tick()).isZero();
            assertThat(entry.dedupeKey()).isNull();
        });
        assertThat(tick2).isEmpty();
        assertThat(tick3).singleElement().satisfies(entry -> {
            assertThat(entry.priority()).isTrue();
            assertThat(entry.data()).containsEntry("reason", "ghost_step").containsEntry("actor", "bob")
                    .containsEntry("rival", "alice").containsEntry("object_id", "fridge_1")
                    .containsEntry("intensity", 0.5).containsEntry("queue_length", 3L);
        });
    }

    @Test
    void queueConflictDedupeKeySortsTheAgents() {
        NarrationEngine engine = NarrationEngine.withDefaults();
        events(engine, 0, conflict("shower_1", "ghost_step"));

        // Same pair the other way round, same object, within the dedupe window: the key matches, so it is denied.
        List<NarrationEntry> swapped = events(engine, 5, WorldEvent.of("queue_conflict", "object_id", "shower_1",
                "actor", "alice", "rival", "bob", "reason", "ghost_step", "intensity", 0.9, "queue_length", 2));

        assertThat(swapped).isEmpty();
        assertThat(engine.state().recentEntries()).containsKey("queue_conflict:shower_1:alice::bob");
    }

    @Test
    void utilityAndCompletionEventsNarrate() {
        NarrationEngine engine = engine(OPEN, RelationshipNarrationSettings.DEFAULTS,
                PersonalityNarrationSettings.DEFAULTS);

        List<NarrationEntry> entries = events(engine, 4,
                WorldEvent.of("shower_power_outage", "object_id", "shower_1"),
                WorldEvent.of("shower_complete", "agent_id", "alice", "object_id", "shower_2"),
                WorldEvent.of("sleep_complete", "agent_id", "bob"),
                WorldEvent.of("shower_complete", "object_id", "shower_3"),
                WorldEvent.of("affordance_start", "agent_id", "carol"));

        assertThat(entries).extracting(NarrationEntry::message).containsExactly(
                "shower_1 lost power; showers paused.",
                "alice finished showering at shower_2.",
                "bob woke rested after sleeping at bed.");
        assertThat(entries).extracting(NarrationEntry::category)
                .containsExactly("utility_outage", "shower_complete", "sleep_complete");
        assertThat(entries.get(0).priority()).isTrue();
        assertThat(entries.get(0).data()).containsExactly(Map.entry("object_id", "shower_1"),
                Map.entry("reason", "power_off"));
    }

    @Test
    void newTieNarratesFriendship() {
        NarrationEngine engine = NarrationEngine.withDefaults();
        RelationshipTie tie = new RelationshipTie(0.72, 0.4, 0.0);

        List<NarrationEntry> entries = updates(engine, 1,
                RelationshipUpdate.of("alice", "bob", tie, RelationshipStatus.ADDED, tie));

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.category()).isEqualTo("relationship_friendship");
            assertThat(entry.message()).isEqualTo("alice bonded with bob: trust 0.72, familiarity 0.40.");
            assertThat(entry.priority()).isTrue();
            assertThat(entry.data()).containsEntry("status", "added").containsEntry("trust", 0.72)
                    .containsEntry("delta_trust", 0.72).containsEntry("delta_familiarity", 0.4);
        });
    }

    @Test
    void thresholdsSuppressFriendship() {
        RelationshipUpdate update = RelationshipUpdate.of("alice", "bob", new RelationshipTie(0.88, 0.3, 0.0),
                RelationshipStatus.UPDATED, new RelationshipTie(0.05, 0.0, 0.0));
        RelationshipNarrationSettings strict = RelationshipNarrationSettings.builder().friendshipTrustThreshold(0.9)
                .friendshipDeltaThreshold(0.5).friendshipPriorityThreshold(0.95).build();

        List<NarrationEntry> suppressed = updates(engine(OPEN, strict, PersonalityNarrationSettings.DEFAULTS), 1,
                update);
        List<NarrationEntry> withDefaults = updates(engine(OPEN, RelationshipNarrationSettings.DEFAULTS,
                PersonalityNarrationSettings.DEFAULTS), 1, update);

        assertThat(suppressed).isEmpty();
        assertThat(withDefaults).singleElement().satisfies(entry -> assertThat(entry.priority()).isTrue());
    }

    @Test
    void friendshipByDeltaIsNotPriorityAndRemovedTiesAreSilent() {
        NarrationEngine engine = engine(OPEN, RelationshipNarrationSettings.DEFAULTS,
                PersonalityNarrationSettings.DEFAULTS);

        List<NarrationEntry> entries = updates(engine, 1,
                RelationshipUpdate.of("alice", "bob", new RelationshipTie(0.3, 0.1, 0.0), RelationshipStatus.UPDATED,
                        new RelationshipTie(0.25, 0.0, 0.0)),
                RelationshipUpdate.of("alice", "carol", RelationshipTie.ZERO, RelationshipStatus.REMOVED,
                        new RelationshipTie(-0.9, -0.1, 0.0)));

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.message()).isEqualTo("alice bonded with bob: trust 0.30, familiarity 0.10.");
            assertThat(entry.priority()).isFalse();
        });
    }

    @Test
    void rivalryEscalationIsPriority() {
        NarrationEngine engine = NarrationEngine.withDefaults();

        List<NarrationEntry> entries = rivals(engine, 1, "alice", new RivalEntry("bob", 0.92));

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.category()).isEqualTo("relationship_rivalry");
            assertThat(entry.message()).isEqualTo("Rivalry between alice and bob is at 0.92 (escalation).");
            assertThat(entry.priority()).isTrue();
            assertThat(entry.data()).containsExactly(Map.entry("owner", "alice"), Map.entry("rival", "bob"),
                    Map.entry("rivalry", 0.92), Map.entry("threshold", "escalation"));
        });
    }

    @Test
    void rivalryBelowThresholdIsSilent() {
        RelationshipNarrationSettings high = RelationshipNarrationSettings.builder().rivalryAvoidThreshold(0.95)
                .rivalryEscalationThreshold(0.97).build();

        List<NarrationEntry> below = rivals(engine(OPEN, high, PersonalityNarrationSettings.DEFAULTS), 1, "alice",
                new RivalEntry("bob", 0.92));
        List<NarrationEntry> between = rivals(engine(OPEN, high, PersonalityNarrationSettings.DEFAULTS), 1, "alice",
                new RivalEntry("bob", 0.96));

        assertThat(below).isEmpty();
        assertThat(between).singleElement().satisfies(entry -> {
            assertThat(entry.message()).isEqualTo("Rivalry between alice and bob is at 0.96 (avoid_threshold).");
            assertThat(entry.priority()).isFalse();
        });
    }

    @Test
    void socialAlertsNarrate() {
        NarrationEngine engine = NarrationEngine.withDefaults();

        List<NarrationEntry> entries = social(engine, 1, Map.of(),
                SocialEvent.of("chat_failure", "speaker", "alice", "listener", "bob", "quality", 0.1),
                SocialEvent.of("rivalry_avoidance", "agent", "carol", "object", "stove_1", "reason", "rival_waiting"),
                SocialEvent.of("chat_success", "speaker", "dave", "listener", "erin", "quality", 0.9));

        assertThat(entries).hasSize(2).allSatisfy(entry ->
                assertThat(entry.category()).isEqualTo("relationship_social_alert"));
        assertThat(entries).extracting(NarrationEntry::message).containsExactly(
                "Chat between alice and bob failed.",
                "carol avoided a rivalry interaction at stove_1");
        assertThat(entries).filteredOn(NarrationEntry::priority).hasSize(1);
    }

    @Test
    void personalityChatNarrates() {
        PersonalityNarrationSettings personality = PersonalityNarrationSettings.builder()
                .chatExtroversionThreshold(0.6).chatPriorityThreshold(0.75).chatQualityThreshold(0.2).build();
        NarrationEngine engine = engine(NarrationSettings.DEFAULTS, RelationshipNarrationSettings.DEFAULTS,
                personality);

        List<NarrationEntry> entries = social(engine, 1, profile("alice", 0.82, 1.0),
                SocialEvent.of("chat_success", "speaker", "alice", "listener", "bob", "quality", 0.65));

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.category()).isEqualTo("personality_event");
            assertThat(entry.message())
                    .isEqualTo("alice's extroversion (+0.82) sparked a high-energy chat with bob (quality 0.65).");
            assertThat(entry.priority()).isTrue();
            assertThat(entry.dedupeKey()).isEqualTo("personality_chat:alice:bob");
            assertThat(entry.data()).containsEntry("agent", "alice").containsEntry("listener", "bob")
                    .containsEntry("trait", "extroversion").containsEntry("value", 0.82)
                    .containsEntry("quality", 0.65);
        });
    }

    @Test
    void personalityDisabledIsSilent() {
        PersonalityNarrationSettings disabled = PersonalityNarrationSettings.builder().enabled(false).build();
        NarrationEngine engine = engine(OPEN, RelationshipNarrationSettings.DEFAULTS, disabled);

        List<NarrationEntry> entries = social(engine, 1, profile("alice", 0.9, 0.1),
                SocialEvent.of("chat_success", "speaker", "alice", "listener", "bob", "quality", 0.65));

        assertThat(entries).isEmpty();
    }

    @Test
    void personalityAvoidanceNarratesLowConflictTolerance() {
        NarrationEngine engine = engine(OPEN, RelationshipNarrationSettings.DEFAULTS,
                PersonalityNarrationSettings.DEFAULTS);

        List<NarrationEntry> entries = social(engine, 1, profile("carol", 0.1, 0.5),
                SocialEvent.of("rivalry_avoidance", "agent", "carol"));

        assertThat(entries).extracting(NarrationEntry::message).containsExactly(
                "carol avoided a rivalry interaction at unknown",
                "carol stayed composed (conflict tolerance 0.50) and avoided trouble near the area "
                        + "(conflict avoidance).");
        assertThat(entries.get(1).priority()).isFalse();
        assertThat(entries.get(1).dedupeKey()).isEqualTo("personality_avoid:carol:the area");
    }

    @Test
    void narrationsFollowTheSpecOrder() {
        NarrationEngine engine = engine(OPEN, RelationshipNarrationSettings.DEFAULTS,
                PersonalityNarrationSettings.DEFAULTS);
        RelationshipTie tie = new RelationshipTie(0.7, 0.2, 0.0);
        RelationshipSummary summary = new RelationshipSummary(Map.of("bob", new AgentRelationshipSummary(
                List.of(new FriendEntry("alice", 0.7, 0.2, 0.0)), List.of(new RivalEntry("carol", 0.8)))), Map.of());
        engine.beginTick(1);

        List<NarrationEntry> entries = engine.generate(1,
                List.of(WorldEvent.of("sleep_complete", "agent_id", "alice", "object_id", "bed_1")),
                List.of(SocialEvent.of("chat_success", "speaker", "dave", "listener", "erin", "quality", 0.9),
                        SocialEvent.of("chat_failure", "speaker", "erin", "listener", "dave", "quality", 0.1)),
                List.of(RelationshipUpdate.of("bob", "alice", tie, RelationshipStatus.ADDED, tie)),
                summary, profile("dave", 0.9, 1.0));

        assertThat(entries).extracting(NarrationEntry::category).containsExactly("sleep_complete",
                "relationship_friendship", "relationship_rivalry", "relationship_social_alert", "personality_event");
        assertThat(entries).allSatisfy(entry -> assertThat(entry.tick()).isEqualTo(1));
    }
}

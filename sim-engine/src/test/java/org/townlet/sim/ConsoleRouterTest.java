package org.townlet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.townlet.sim.config.EmploymentSettings;
import org.townlet.sim.config.PerturbationSettings;
import org.townlet.sim.config.StoryBeat;
import org.townlet.sim.config.StorySettings;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.ConsoleEvent;
import org.townlet.telemetry.api.event.ConsoleMode;
import org.townlet.telemetry.api.event.ConsoleResult;
import org.townlet.telemetry.api.event.ConsoleStatus;
import org.townlet.telemetry.api.event.EventTypes;
import org.townlet.telemetry.api.event.LoopTick;
import org.townlet.telemetry.api.event.ManualNarration;
import org.townlet.telemetry.api.event.PolicyPossession;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.testing.ManualTicker;

/** The console commands of SPEC §17.8 through the loop (results per §8.3). */
class ConsoleRouterTest {

    private static SimulationConfig aliceAndBob(StoryBeat... beats) {
        return SimulationConfig.builder().agentNames("alice", "bob").story(StorySettings.of(beats))
                .perturbations(PerturbationSettings.builder().priceSpikeRate(0.0).build()).build();
    }

    private static ConsoleCommand command(String name, Map<String, Object> kwargs, ConsoleMode mode, String cmdId) {
        return new ConsoleCommand(name, null, kwargs, cmdId, "tester", mode, null, null);
    }

    private static List<ConsoleEvent> results(JournalSink sink) {
        return sink.recording.events(EventTypes.CONSOLE_RESULT).stream()
                .map(event -> (ConsoleEvent) event.payload()).toList();
    }

    private static JournalSink run(SimulationConfig config, JournalSink sink, long ticks) {
        new SimulationLoop(config, sink, new ManualTicker()).run(ticks);
        return sink;
    }

    @Test
    void consoleCommandsGiveOkAndError() {
        JournalSink sink = run(aliceAndBob(), new JournalSink().commandsAt(1,
                command("snapshot", Map.of(), ConsoleMode.VIEWER, "snap-1"), ConsoleCommand.of("oops"),
                ConsoleCommand.of("help")), 2);

        List<ConsoleEvent> results = results(sink);
        assertThat(results).hasSize(3);
        ConsoleResult snapshot = results.get(0).result();
        assertThat(snapshot.status()).isEqualTo(ConsoleStatus.OK);
        assertThat(snapshot.cmdId()).isEqualTo("snap-1");
        assertThat(snapshot.tick()).isEqualTo(1L);
        assertThat(snapshot.result()).containsEntry("tick", 1L).containsEntry("agents", 2L);
        ConsoleResult oops = results.get(1).result();
        assertThat(oops.status()).isEqualTo(ConsoleStatus.ERROR);
        assertThat(oops.error().code()).isEqualTo("unknown_command");
        assertThat(oops.error().message()).isEqualTo("unknown command 'oops'");
        @SuppressWarnings("unchecked")
        Map<String, Object> commands = (Map<String, Object>) results.get(2).result().result().get("commands");
        assertThat(commands).containsOnlyKeys("help", "snapshot", "telemetry_snapshot", "announce_story",
                "employment_exit", "relationship_summary", "relationship_detail", "social_events", "possess",
                "release", "utility_outage");
    }

    @Test
    void telemetrySnapshotAnswersFromTheReadModelsAndWarnsForTheStub() {
        JournalSink recording = run(aliceAndBob(), new JournalSink()
                .commandsAt(1, ConsoleCommand.of("telemetry_snapshot")), 1);
        JournalSink stub = run(aliceAndBob(), new JournalSink()
                .transportStatus(TransportStatus.initial("stub", "drop_oldest"))
                .commandsAt(1, ConsoleCommand.of("telemetry_snapshot")), 1);

        Map<String, Object> snapshot = results(recording).get(0).result().result();
        assertThat(snapshot).containsEntry("schema_version", "0.9.9").containsEntry("schema_warning", null)
                .containsKeys("console_commands", "jobs", "economy", "economy_settings", "price_spikes", "utilities",
                        "employment", "queue_metrics", "conflict", "relationships", "relationship_snapshot",
                        "relationship_updates", "relationship_summary", "social_events", "events", "narrations",
                        "narration_state", "anneal_status", "policy_snapshot", "policy_identity",
                        "snapshot_migrations", "affordance_manifest", "affordance_runtime", "reward_breakdown",
                        "personalities", "stability", "perturbations", "transport", "health", "console_results",
                        "possessed_agents", "precondition_failures")
                .doesNotContainKey("telemetry_warning");
        assertThat(List.copyOf(((Map<?, ?>) snapshot.get("console_commands")).keySet())).isEqualTo(List.of(
                "relationship_summary", "relationship_detail", "social_events", "announce_story"));
        assertThat(List.copyOf(((Map<?, ?>) snapshot.get("stability")).keySet()))
                .isEqualTo(List.of("alerts", "metrics", "promotion_state"));
        assertThat(results(stub).get(0).result().result()).containsEntry("telemetry_warning",
                Map.of("provider", "stub", "message", "Telemetry running in stub mode; real-time streaming disabled."));
    }

    @Test
    void announceStoryIsAManualNarration() {
        JournalSink sink = run(aliceAndBob(), new JournalSink().commandsAt(2,
                command("announce_story", Map.of("message", "The fair opens.", "category", "fair", "priority", true),
                        ConsoleMode.VIEWER, "a-1"),
                command("announce_story", Map.of("message", "  "), ConsoleMode.VIEWER, "a-2")), 2);

        assertThat(sink.recording.manualNarrations()).singleElement().satisfies(narration -> {
            assertThat(narration.message()).isEqualTo("The fair opens.");
            assertThat(narration.category()).isEqualTo("fair");
            assertThat(narration.priority()).isTrue();
        });
        assertThat(results(sink).get(0).result().result()).containsEntry("accepted", false);
        assertThat(results(sink).get(1).result().error().code()).isEqualTo("invalid_args");
    }

    @Test
    void possessionIsReportedAndReleased() {
        JournalSink sink = run(aliceAndBob(), new JournalSink()
                .commandsAt(2, command("possess", Map.of("agent", "alice"), ConsoleMode.ADMIN, "p-1"))
                .commandsAt(3, new ConsoleCommand("possess", List.of("carol"), null, "p-2", null, null, null, null))
                .commandsAt(4, command("release", Map.of("agent", "alice"), ConsoleMode.ADMIN, "p-3")), 5);

        List<PolicyPossession> possession = sink.recording.events(EventTypes.POLICY_POSSESSION).stream()
                .map(event -> (PolicyPossession) event.payload()).toList();
        assertThat(possession).extracting(PolicyPossession::agents)
                .containsExactly(List.of(), List.of("alice"), List.of());
        List<LoopTick> ticks = sink.recording.events(EventTypes.LOOP_TICK).stream()
                .map(event -> (LoopTick) event.payload()).toList();
        assertThat(ticks.get(1).possessedAgents()).containsExactly("alice");
        assertThat(ticks.get(1).annealContext().get("possessed_agents")).isEqualTo(List.of("alice"));
        assertThat(ticks.get(1).policySnapshot().get("alice")).containsEntry("possessed", true);
        assertThat(results(sink).get(1).result().error().code()).isEqualTo("unknown_agent");
        assertThat(ticks.get(4).possessedAgents()).isEmpty();
    }

    @Test
    void utilityOutageCutsTheUtilityThisTick() {
        JournalSink sink = run(aliceAndBob(), new JournalSink().commandsAt(3,
                command("utility_outage", Map.of("utility", "power", "ticks", 5), ConsoleMode.ADMIN, "u-1"),
                command("utility_outage", Map.of("utility", "power"), ConsoleMode.ADMIN, "u-2"),
                command("utility_outage", Map.of("utility", "gas", "ticks", 5), ConsoleMode.ADMIN, "u-3")), 8);

        List<LoopTick> ticks = sink.recording.events(EventTypes.LOOP_TICK).stream()
                .map(event -> (LoopTick) event.payload()).toList();
        assertThat(ticks.get(2).world().utilities()).containsEntry("power", false);
        assertThat(ticks.get(2).events()).anySatisfy(event -> {
            assertThat(event.name()).isEqualTo("utility_outage");
            assertThat(event.attribute("reason")).isEqualTo("console");
        });
        assertThat(ticks.get(7).world().utilities()).containsEntry("power", true);
        List<ConsoleEvent> results = results(sink);
        assertThat(results.get(0).result().status()).isEqualTo(ConsoleStatus.OK);
        assertThat(results.get(1).result().error().message()).isEqualTo("utility_outage needs 'ticks' (kwargs.ticks "
                + "or args[1])");
        assertThat(results.get(2).result().error().message())
                .isEqualTo("utility_outage unknown utility 'gas'; known: [power, water]");
    }

    @Test
    void worldChangingCommandsNeedAdminWhenAuthIsOn() {
        TransportStatus auth = TransportStatus.builder("recording", "drop_oldest").authEnabled(true).build();
        JournalSink sink = run(aliceAndBob(), new JournalSink().transportStatus(auth).commandsAt(2,
                command("possess", Map.of("agent", "alice"), ConsoleMode.VIEWER, "v-1"),
                command("possess", Map.of("agent", "alice"), ConsoleMode.ADMIN, "a-1"),
                command("employment_exit", Map.of("action", "review"), ConsoleMode.VIEWER, "v-2")), 2);

        List<ConsoleEvent> results = results(sink);
        assertThat(results.get(0).result().error().code()).isEqualTo("forbidden");
        assertThat(results.get(0).result().error().message())
                .isEqualTo("command 'possess' changes the world and needs mode admin while console auth is enabled");
        assertThat(results.get(1).result().status()).isEqualTo(ConsoleStatus.OK);
        assertThat(results.get(2).result().status()).isEqualTo(ConsoleStatus.OK);
    }

    @Test
    void approvalsBeyondTheDailyCapComeBackAsOrphanResults() {
        SimulationConfig config = aliceAndBob(StoryBeat.lateArrival(2, "alice"), StoryBeat.lateArrival(2, "bob"))
                .toBuilder().ticksPerDay(20)
                .employment(EmploymentSettings.builder().latenessExitThreshold(1).dailyExitCap(1).build()).build();
        JournalSink sink = run(config, new JournalSink().commandsAt(4,
                command("employment_exit", Map.of("action", "approve", "agent", "alice"), ConsoleMode.ADMIN, "x-1"),
                command("employment_exit", Map.of("action", "approve", "agent", "bob"), ConsoleMode.ADMIN, "x-2"),
                command("employment_exit", Map.of("action", "defer", "agent", "nobody"), ConsoleMode.ADMIN, "x-3")),
                25);

        List<TelemetryEvent> events = sink.recording.events(EventTypes.CONSOLE_RESULT);
        assertThat(events).hasSize(4);
        ConsoleResult alice = ((ConsoleEvent) events.get(0).payload()).result();
        assertThat(alice.result()).containsEntry("action", "approve").containsEntry("exited", true);
        ConsoleResult bob = ((ConsoleEvent) events.get(1).payload()).result();
        assertThat(bob.result()).containsEntry("exited", false).containsEntry("deferred_by", "daily_exit_cap");
        assertThat(((ConsoleEvent) events.get(2).payload()).result().error().code()).isEqualTo("not_pending");
        ConsoleEvent orphan = (ConsoleEvent) events.get(3).payload();
        assertThat(events.get(3).tick()).isEqualTo(21);
        assertThat(orphan.command()).isEqualTo(ConsoleCommand.orphan("employment_exit", "x-2", "tester"));
        assertThat(orphan.result().result()).containsEntry("agent", "bob").containsEntry("exited", true);
    }

    @Test
    void relationshipCommandsReadTheTelemetry() {
        JournalSink sink = run(aliceAndBob(), new JournalSink().commandsAt(1,
                ConsoleCommand.of("relationship_summary"),
                command("relationship_detail", Map.of("agent", "alice"), ConsoleMode.VIEWER, "r-1"),
                ConsoleCommand.of("relationship_detail"),
                ConsoleCommand.of("social_events")), 1);

        List<ConsoleEvent> results = results(sink);
        assertThat(results.get(0).result().result()).containsKey("relationship_summary");
        assertThat(results.get(1).result().result()).containsEntry("agent", "alice")
                .containsKeys("ties", "incoming", "updates", "summary");
        assertThat(results.get(2).result().error().code()).isEqualTo("invalid_args");
        assertThat(results.get(3).result().result()).containsEntry("social_events", List.of());
    }

    @Test
    void storyAnnouncementsAreNarratedThroughTheSink() {
        JournalSink sink = run(aliceAndBob(StoryBeat.announce(3, "Rain tonight.")), new JournalSink(), 3);

        assertThat(sink.recording.manualNarrations()).extracting(ManualNarration::message, ManualNarration::tick,
                ManualNarration::category).containsExactly(org.assertj.core.groups.Tuple.tuple("Rain tonight.", 3L,
                        "story"));
    }
}

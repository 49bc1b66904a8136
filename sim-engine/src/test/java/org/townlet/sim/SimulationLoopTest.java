package org.townlet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.ConsoleEvent;
import org.townlet.telemetry.api.event.ConsoleStatus;
import org.townlet.telemetry.api.event.EventTypes;
import org.townlet.telemetry.api.event.LoopFailure;
import org.townlet.telemetry.api.event.LoopHealth;
import org.townlet.telemetry.api.event.LoopTick;
import org.townlet.telemetry.api.event.MetricSample;
import org.townlet.telemetry.api.event.PolicyPossession;
import org.townlet.telemetry.api.event.StabilityMetrics;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.event.WorldView;
import org.townlet.telemetry.testing.LogCapture;
import org.townlet.telemetry.testing.ManualTicker;
import org.townlet.telemetry.testing.RecordingSink;

class SimulationLoopTest {
    private LogCapture logs;

    @BeforeEach
    void captureLogs() {
        logs = LogCapture.of(SimulationLoop.class);
    }

    @AfterEach
    void releaseLogs() {
        logs.close();
    }

    private static List<LoopTick> loopTicks(RecordingSink sink) {
        return sink.events(EventTypes.LOOP_TICK).stream().map(event -> (LoopTick) event.payload()).toList();
    }

    private static RecordingSink runWith(SimulationConfig config, long ticks) {
        RecordingSink sink = new RecordingSink();
        new SimulationLoop(config, sink, new ManualTicker()).run(ticks);
        return sink;
    }

    @Test
    void sameSeedGivesIdenticalWorldViews() {
        SimulationConfig config = SimulationConfig.builder().seed(7).build();

        List<LoopTick> first = loopTicks(runWith(config, 600));
        List<LoopTick> second = loopTicks(runWith(config, 600));
        List<LoopTick> otherSeed = loopTicks(runWith(config.toBuilder().seed(8).build(), 600));

        assertThat(first).hasSize(600);
        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).hasSize(600).isNotEqualTo(first);
    }

    @Test
    void loopStartsSinkBeforeFirstTickAndStopsInFinally() {
        JournalSink sink = new JournalSink();

        new SimulationLoop(SimulationConfig.defaults(), sink, new ManualTicker()).run(3);

        List<String> journal = sink.journal();
        assertThat(journal.get(0)).isEqualTo(JournalSink.START);
        assertThat(journal.get(journal.size() - 1)).isEqualTo(JournalSink.STOP);
        assertThat(journal.subList(1, journal.size() - 1))
                .doesNotContain(JournalSink.START, JournalSink.STOP)
                .contains(EventTypes.LOOP_TICK);
        assertThat(sink.recording.startCount()).isEqualTo(1);
        assertThat(sink.recording.stopCount()).isEqualTo(1);
    }

    @Test
    void loopStopsSinkInFinallyWhenAStepThrows() {
        JournalSink sink = new JournalSink()
                .failOn(event -> event.eventType().equals(EventTypes.LOOP_TICK) && event.tick() == 3);
        SimulationLoop loop = new SimulationLoop(SimulationConfig.defaults(), sink, new ManualTicker());

        assertThatThrownBy(() -> loop.run(10))
                .isInstanceOf(SimulationLoopException.class)
                .hasMessage("Simulation step failed (tick=3)")
                .hasCauseInstanceOf(IllegalStateException.class);

        List<String> journal = sink.journal();
        assertThat(journal.get(0)).isEqualTo(JournalSink.START);
        assertThat(journal.subList(journal.size() - 2, journal.size()))
                .containsExactly(EventTypes.LOOP_FAILURE, JournalSink.STOP);
        TelemetryEvent failure = sink.recording.events(EventTypes.LOOP_FAILURE).get(0);
        assertThat(failure.tick()).isEqualTo(3);
        LoopFailure payload = (LoopFailure) failure.payload();
        assertThat(payload.error()).isEqualTo("IllegalStateException: boom");
        assertThat(payload.failureCount()).isEqualTo(1);
        assertThat(loop.currentTick()).isEqualTo(2);
    }

    @Test
    void failureToReportAFailureIsAttachedAsSuppressed() {
        JournalSink sink = new JournalSink().failOn(event -> event.tick() >= 2
                && (event.eventType().equals(EventTypes.LOOP_TICK)
                        || event.eventType().equals(EventTypes.LOOP_FAILURE)));
        SimulationLoop loop = new SimulationLoop(SimulationConfig.defaults(), sink, new ManualTicker());

        assertThatThrownBy(() -> loop.run(5))
                .isInstanceOf(SimulationLoopException.class)
                .hasMessage("Simulation step failed (tick=2)")
                .satisfies(thrown -> assertThat(thrown.getSuppressed()).singleElement()
                        .satisfies(suppressed -> assertThat(suppressed).hasMessage("boom")));
        assertThat(sink.journal().get(sink.journal().size() - 1)).isEqualTo(JournalSink.STOP);
        assertThat(logs.messages(Level.SEVERE)).containsExactly("loop.failure could not be emitted (tick=2)");
    }

    @Test
    void everyTickEmitsTickStabilityHealthInOrder() {
        RecordingSink sink = runWith(SimulationConfig.defaults(), 50);

        List<TelemetryEvent> events = sink.events();
        for (long tick = 1; tick <= 50; tick++) {
            long t = tick;
            List<String> types = events.stream().filter(e -> e.tick() == t).map(TelemetryEvent::eventType).toList();
            assertThat(types).as("tick %d", tick)
                    .endsWith(EventTypes.LOOP_TICK, EventTypes.STABILITY_METRICS, EventTypes.LOOP_HEALTH)
                    .containsOnlyOnce(EventTypes.LOOP_TICK, EventTypes.STABILITY_METRICS, EventTypes.LOOP_HEALTH);
        }
        assertThat(sink.events(EventTypes.LOOP_TICK)).extracting(TelemetryEvent::tick)
                .isEqualTo(LongStream.rangeClosed(1, 50).boxed().toList());
        assertThat(sink.events(EventTypes.POLICY_POSSESSION)).singleElement()
                .satisfies(event -> {
                    assertThat(event.tick()).isEqualTo(1);
                    assertThat(((PolicyPossession) event.payload()).agents()).isEmpty();
                });
        for (TelemetryEvent event : sink.events(EventTypes.STABILITY_METRICS)) {
            assertThat(((StabilityMetrics) event.payload()).metrics()).containsKey("promotion_state");
        }
        for (TelemetryEvent event : sink.events(EventTypes.LOOP_HEALTH)) {
            LoopHealth health = (LoopHealth) event.payload();
            assertThat(health.status()).isEqualTo("ok");
            assertThat(health.transport()).isEqualTo(RecordingSink.TRANSPORT_STATUS);
            assertThat(health.summary().queueLength()).isEqualTo(health.transport().queueLength());
        }
        assertThat(sink.runtimeVariant()).contains("facade");
        assertThat(loopTicks(sink)).allSatisfy(tick -> assertThat(tick.runtimeVariant()).isEqualTo("facade"));
    }

    @Test
    void healthMonitorEmitsFourMetricsTaggedWithTheTick() {
        RecordingSink sink = runWith(SimulationConfig.defaults(), 3);

        List<MetricSample> metrics = sink.metrics();
        assertThat(metrics).hasSize(12);
        assertThat(metrics.subList(8, 12)).extracting(MetricSample::name).containsExactly(
                "world.events.count", "world.events.avg", "queue.length.latest", "queue.length.avg");
        assertThat(metrics.subList(8, 12)).allSatisfy(sample ->
                assertThat(sample.tags()).isEqualTo(Map.of("tick", "3")));
    }

    @Test
    void healthDurationComesFromTheInjectedTicker() {
        ManualTicker ticker = new ManualTicker();
        JournalSink timed = new JournalSink().afterEvent(event -> {
            if (event.eventType().equals(EventTypes.STABILITY_METRICS)) {
                ticker.advanceNanos(2_500_000);
            }
        });
        new SimulationLoop(SimulationConfig.defaults(), timed, ticker).run(1);

        LoopHealth health = (LoopHealth) timed.recording.events(EventTypes.LOOP_HEALTH).get(0).payload();
        assertThat(health.durationMs()).isEqualTo(2.5);
        assertThat(health.summary().durationMs()).isEqualTo(2.5);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"small_story", "empty_town"})
    void zeroAgentsStillFillEverySection(String scenario) {
        RecordingSink sink = runWith(SimulationConfig.builder().scenario(scenario).agents(0).build(), 20);

        LoopTick last = loopTicks(sink).get(19);
        WorldView world = last.world();
        assertThat(world.jobs()).isEmpty();
        assertThat(world.relationships()).isEmpty();
        assertThat(last.rewards()).isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> objects = (Map<String, Object>) world.economy().get("objects");
        assertThat(objects).containsOnlyKeys("bed_1", "fridge_1", "shower_1", "stove_1");
        assertThat(world.economy()).containsKeys("objects", "prices");
        assertThat(world.economySettings()).containsOnlyKeys("meal_cost", "ingredients_cost", "wage_rate",
                "starting_wallet", "restock_interval_ticks", "restock_amount");
        assertThat(world.utilities()).containsOnlyKeys("power", "water");
        assertThat(world.employment()).containsExactlyEntriesOf(orderedEmployment());
        assertThat(world.affordanceManifest()).containsEntry("path", "builtin:core")
                .containsEntry("object_count", 4L)
                .containsEntry("affordance_count", 4L)
                .containsKey("checksum");
        assertThat(world.relationshipMetrics()).containsKeys("window_start", "window_end", "total", "owners",
                "reasons", "history");
        assertThat(world.embeddingMetrics()).containsKeys("allocations_total", "forced_reuse_count",
                "forced_reuse_rate", "reuse_warning");
        assertThat(last.annealContext()).containsKeys("anneal_ratio", "blend_enabled", "commit_state",
                "option_commit_ticks", "possessed_agents");
        assertThat(last.policyIdentity()).isNotNull();
        assertThat(last.policyIdentity().policyHash()).hasSize(64);
        assertThat(sink.events(EventTypes.LOOP_HEALTH)).hasSize(20);
    }

    private static Map<String, Object> orderedEmployment() {
        LinkedHashMap<String, Object> employment = new LinkedHashMap<>();
        employment.put("pending", List.of());
        employment.put("pending_count", 0L);
        employment.put("exits_today", 0L);
        employment.put("daily_exit_cap", 2L);
        employment.put("queue_limit", 8L);
        employment.put("review_window", 1440L);
        return employment;
    }

    @Test
    void requestStopEndsRunAfterCurrentTick() {
        SimulationLoop[] loop = new SimulationLoop[1];
        JournalSink sink = new JournalSink().afterEvent(event -> {
            if (event.eventType().equals(EventTypes.LOOP_TICK) && event.tick() == 5) {
                loop[0].requestStop();
            }
        });
        loop[0] = new SimulationLoop(SimulationConfig.defaults(), sink, new ManualTicker());

        long completed = loop[0].run(100);

        assertThat(completed).isEqualTo(5);
        assertThat(loop[0].currentTick()).isEqualTo(5);
        List<TelemetryEvent> events = sink.recording.events();
        assertThat(events.get(events.size() - 1).eventType()).isEqualTo(EventTypes.LOOP_HEALTH);
        assertThat(events.get(events.size() - 1).tick()).isEqualTo(5);
        assertThat(sink.journal().get(sink.journal().size() - 1)).isEqualTo(JournalSink.STOP);
    }

    @Test
    void requestStopFromAnotherThreadEndsRun() throws Exception {
        RecordingSink sink = new RecordingSink();
        SimulationLoop loop = new SimulationLoop(SimulationConfig.defaults(), sink, new ManualTicker());
        Thread stopper = new Thread(loop::requestStop, "stopper");
        stopper.start();
        stopper.join(10_000);

        long completed = loop.run(Long.MAX_VALUE);

        assertThat(completed).isZero();
        assertThat(sink.started()).isTrue();
        assertThat(sink.stopped()).isTrue();
    }

    @Test
    void consoleAnswersHelpAndRejectsUnknownCommands() {
        JournalSink sink = new JournalSink().commands(List.of(ConsoleCommand.of("help"), ConsoleCommand.of("oops")));

        new SimulationLoop(SimulationConfig.defaults(), sink, new ManualTicker()).run(2);

        List<TelemetryEvent> results = sink.recording.events(EventTypes.CONSOLE_RESULT);
        assertThat(results).hasSize(2).allSatisfy(event -> assertThat(event.tick()).isEqualTo(1));
        ConsoleEvent help = (ConsoleEvent) results.get(0).payload();
        assertThat(help.result().status()).isEqualTo(ConsoleStatus.OK);
        assertThat(help.result().result()).containsKey("commands");
        ConsoleEvent oops = (ConsoleEvent) results.get(1).payload();
        assertThat(oops.result().status()).isEqualTo(ConsoleStatus.ERROR);
        assertThat(oops.result().error().code()).isEqualTo("unknown_command");
        assertThat(oops.result().error().message()).isEqualTo("unknown command 'oops'");
        List<String> tickOne = sink.recording.events().stream().filter(e -> e.tick() == 1)
                .map(TelemetryEvent::eventType).toList();
        assertThat(tickOne.indexOf(EventTypes.CONSOLE_RESULT)).isLessThan(tickOne.indexOf(EventTypes.LOOP_TICK));
    }

    @Test
    void tickHealthLineIsLoggedEveryHundredTicksAsKeyValueNumbers() {
        runWith(SimulationConfig.defaults(), 200);

        List<String> lines = logs.messages(Level.INFO);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("tick_health tick=100 ");
        Matcher pair = Pattern.compile("(\\w+)=(\\S+)").matcher(lines.get(1));
        List<String> keys = new ArrayList<>();
        while (pair.find()) {
            keys.add(pair.group(1));
            assertThat(Double.parseDouble(pair.group(2))).as(pair.group(1)).isFinite();
        }
        assertThat(keys).containsExactly("tick", "duration_ms", "queue", "dropped", "flush_ms", "payloads_total",
                "bytes_total", "perturbations_pending", "perturbations_active", "exit_queue");
        assertThat(lines.get(1)).startsWith("tick_health tick=200 duration_ms=0.00 queue=0 dropped=0 flush_ms=0.00 ");
    }

    @Test
    void providerInfoNamesWorldPolicyAndTelemetry() {
        RecordingSink sink = new RecordingSink();

        assertThat(new SimulationLoop(SimulationConfig.defaults(), sink, new ManualTicker()).providerInfo())
                .isEqualTo(new ProviderInfo("town", "scripted", "unknown"));
        assertThat(new SimulationLoop(SimulationConfig.defaults(), sink, new ManualTicker(), "stdout")
                .providerInfo().telemetry()).isEqualTo("stdout");
    }

    @Test
    void namedAgentsUseTheirNames() {
        RecordingSink sink = runWith(SimulationConfig.builder().agentNames("bob", "alice").build(), 1);

        LoopTick tick = loopTicks(sink).get(0);
        assertThat(tick.world().jobs()).containsOnlyKeys("alice", "bob");
        assertThat(tick.world().jobs().keySet()).containsExactly("alice", "bob");
        assertThat(tick.world().jobs().get("alice")).containsEntry("job_id", "cook");
    }

    @ParameterizedTest(name = "{0} agents, {1} ticks per day")
    @CsvSource({"1, 1", "2, 7", "3, 1440", "13, 100", "40, 3"})
    void smallTownsAndShortDaysRunCleanly(int agents, int ticksPerDay) {
        RecordingSink sink = runWith(SimulationConfig.builder().agents(agents).ticksPerDay(ticksPerDay).build(), 1500);

        assertThat(sink.events(EventTypes.LOOP_HEALTH)).hasSize(1500);
        assertThat(sink.events(EventTypes.LOOP_FAILURE)).isEmpty();
        for (LoopTick tick : loopTicks(sink)) {
            // exits make room for replacements, so the town is never larger than configured
            assertThat(tick.world().jobs().size()).isLessThanOrEqualTo(agents);
            assertThat(tick.rewards().values()).allSatisfy(total -> assertThat(total).isBetween(-1.0, 1.0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"small_story", "empty_town", "queue_conflict"})
    void everyScenarioRuns(String scenario) {
        RecordingSink sink = runWith(SimulationConfig.builder().scenario(scenario).build(), 300);

        assertThat(sink.events(EventTypes.LOOP_HEALTH)).hasSize(300);
        assertThat(sink.events(EventTypes.LOOP_FAILURE)).isEmpty();
    }

    @Test
    void largeTownRunsTwoThousandAgents() {
        RecordingSink sink = runWith(SimulationConfig.builder().scenario("large_town").build(), 3);

        assertThat(loopTicks(sink).get(2).world().jobs()).hasSize(2000);
        assertThat(loopTicks(sink).get(2).rewardBreakdown()).hasSize(2000);
    }
}

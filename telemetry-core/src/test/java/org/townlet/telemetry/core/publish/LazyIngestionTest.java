package org.townlet.telemetry.core.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.event.ManualNarration;
import org.townlet.telemetry.api.event.PolicyAnneal;
import org.townlet.telemetry.api.event.StabilityMetrics;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.core.aggregate.ReadModels;

/**
 * What the simulation thread emits is ingested by its first reader (SPEC §2, §20 P1): the same read models and the
 * same frames as eager ingestion, whoever reads and whenever.
 */
class LazyIngestionTest {

    @Test
    void emittedEventsWaitForTheirFirstReaderAndEveryReadSeesThem() {
        try (PublisherHarness harness = new PublisherHarness()) {
            TelemetryPublisher publisher = harness.unstarted(PublisherSettings.DEFAULTS, PublisherHarness.FAST);

            publisher.emitEvent(Events.tick(3, Worlds.rich(3)));
            publisher.emitMetric("queue_length", 4.0, Map.of("tick", "3"));

            assertThat(publisher.ingestionPending()).isTrue();
            assertThat(publisher.currentTick()).isEqualTo(3);
            assertThat(publisher.ingestionPending()).isFalse();
            assertThat(publisher.latestHealthStatus().metrics()).containsKey("queue_length");
        }
    }

    @Test
    void theEmittingThreadIngestsItselfBeyondTheBound() {
        try (PublisherHarness harness = new PublisherHarness()) {
            TelemetryPublisher publisher = harness.unstarted(PublisherSettings.DEFAULTS, PublisherHarness.FAST);

            // The bound is checked every BOUND_CHECK_EVERY appends. The first check catches up whatever waits (so that
            // the JIT sees that path), and the first check past the bound ingests the oldest part.
            long first = IngestionLog.BOUND_CHECK_EVERY;
            long appends = (IngestionLog.MAX_PENDING / IngestionLog.BOUND_CHECK_EVERY + 2)
                    * IngestionLog.BOUND_CHECK_EVERY;
            for (long i = 1; i < appends; i++) {
                publisher.emitMetric("m", i, Map.of());
            }
            assertThat(publisher.ingestedEntries()).isEqualTo(first);
            publisher.emitMetric("m", appends, Map.of());
            assertThat(publisher.ingestedEntries()).isEqualTo(first + IngestionLog.CATCH_UP_ENTRIES);
            publisher.emitMetric("m", -1.0, Map.of());
            assertThat(publisher.ingestionPending()).isTrue();
            assertThat(publisher.latestHealthStatus().metrics().get("m").value()).isEqualTo(-1.0);
        }
    }

    @Test
    void framesAndModelsEqualThoseOfEagerIngestion() {
        List<List<Map<String, Object>>> frames = new ArrayList<>();
        List<ReadModels> finals = new ArrayList<>();
        // fail_on_ingest_error makes ingestion eager, and changes nothing else while no ingestion step fails.
        for (PublisherSettings settings : List.of(PublisherSettings.DEFAULTS,
                PublisherSettings.DEFAULTS.toBuilder().failOnIngestError(true).build())) {
            try (PublisherHarness harness = new PublisherHarness()) {
                TelemetryPublisher publisher = harness.started(settings);
                Random random = new Random(42);
                for (long tick = 1; tick <= 150; tick++) {
                    publisher.emitMetric("tick_duration_ms", tick * 0.5, Map.of("tick", Long.toString(tick)));
                    if (tick % 7 == 0) {
                        publisher.emitEvent(TelemetryEvent.policyAnneal(tick,
                                new PolicyAnneal("scripted", null, Map.of("ratio", tick))));
                    }
                    if (tick % 11 == 0) {
                        publisher.emitManualNarration(ManualNarration.builder("news " + tick).priority(true).build());
                    }
                    publisher.emitEvent(Events.tick(tick, Worlds.rich(tick)));
                    publisher.emitEvent(TelemetryEvent.stabilityMetrics(tick,
                            new StabilityMetrics(Map.of("alerts", List.of(), "starvation", tick % 5))));
                    if (tick % 13 == 0) {
                        publisher.emitEvent(Events.generic(tick, "custom.thing"));
                    }
                    if (random.nextInt(4) == 0) { // a read in the middle of a tick, as a console command makes
                        publisher.latestJobSnapshot();
                    }
                    publisher.emitEvent(tick % 50 == 0 ? Events.failure(tick, "boom") : Events.health(tick));
                }
                publisher.stop();
                List<Map<String, Object>> stream = harness.frames();
                // The transport section is read from the live counters when the frame is built: timing, not content.
                for (Map<String, Object> frame : stream) {
                    frame.remove("transport");
                    if (frame.get("changes") != null) {
                        PublisherHarness.map(frame.get("changes")).remove("transport");
                    }
                }
                frames.add(stream);
                finals.add(publisher.readModels());
            }
        }

        assertThat(frames.get(0)).hasSize(150);
        assertThat(frames.get(0)).isEqualTo(frames.get(1));
        ReadModels lazy = finals.get(0);
        ReadModels eager = finals.get(1);
        // A failure's health summary takes the live transport status: compare what is not timing.
        assertThat(lazy.health().tick()).isEqualTo(eager.health().tick()).isEqualTo(150);
        assertThat(lazy.health().status()).isEqualTo(eager.health().status());
        assertThat(lazy.health().error()).isEqualTo(eager.health().error()).isEqualTo("boom");
        assertThat(lazy.health().metrics()).isEqualTo(eager.health().metrics());
        assertThat(lazy.narrations()).isEqualTo(eager.narrations());
        assertThat(lazy.events()).isEqualTo(eager.events());
        assertThat(lazy.jobs()).isEqualTo(eager.jobs());
        assertThat(lazy.kpiHistory()).isEqualTo(eager.kpiHistory());
    }
}

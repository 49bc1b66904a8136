package org.townlet.telemetry.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.event.LoopTick;
import org.townlet.telemetry.api.event.ManualNarration;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.event.RelationshipTie;
import org.townlet.telemetry.api.event.RivalryEvent;
import org.townlet.telemetry.api.event.SocialEvent;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.event.WorldView;
import org.townlet.telemetry.core.narration.NarrationEngine;

/**
 * The derived models of a tick are computed by their first reader, not by ingestion (SPEC §2), and reading them late,
 * on another thread or after many ticks, gives exactly what eager ingestion gives.
 */
class LazyDerivationTest {
    private static final String[] AGENTS = {"alice", "bob", "carol", "dave", "erin"};

    private static ReadModelStore store(boolean eager, List<String> errors) {
        return new ReadModelStore(Map.of(), NarrationEngine.withDefaults(),
                (step, error) -> errors.add(step + ": " + error), eager);
    }

    /** A town of five whose ties, queues, events and chats change from tick to tick (seeded). */
    private static List<LoopTick> story(int ticks, long seed) {
        Random random = new Random(seed);
        List<LoopTick> payloads = new ArrayList<>();
        Map<String, Map<String, RelationshipTie>> ties = new LinkedHashMap<>();
        long cooldown = 0;
        for (int tick = 1; tick <= ticks; tick++) {
            if (tick % 3 != 0) { // some ticks leave the ties alone, so reuse paths run too
                String owner = AGENTS[random.nextInt(AGENTS.length)];
                String other = AGENTS[random.nextInt(AGENTS.length)];
                Map<String, RelationshipTie> row = new LinkedHashMap<>(ties.getOrDefault(owner, Map.of()));
                if (random.nextInt(10) == 0) {
                    row.remove(other);
                } else {
                    row.put(other, new RelationshipTie(random.nextDouble() * 2 - 1, random.nextDouble(),
                            random.nextDouble() * 0.5));
                }
                ties.put(owner, Map.copyOf(row));
            }
            cooldown += random.nextInt(2);
            List<WorldEvent> events = new ArrayList<>();
            if (random.nextBoolean()) {
                events.add(WorldEvent.of("queue_conflict", "object_id", "stove_1", "actor", "alice", "rival", "bob",
                        "reason", "ghost_step", "intensity", random.nextDouble(), "queue_length", 2));
            }
            if (random.nextInt(4) == 0) {
                events.add(WorldEvent.of("affordance_precondition_fail", "agent_id", "carol"));
            }
            events.add(WorldEvent.of("affordance_start", "agent_id", "dave", "object_id", "bed_1"));
            List<SocialEvent> social = random.nextBoolean()
                    ? List.of(SocialEvent.of("chat_failure", "speaker", "erin", "listener", "bob"))
                    : List.of();
            List<RivalryEvent> rivalry = random.nextInt(5) == 0
                    ? List.of(new RivalryEvent(tick, "alice", "bob", 0.4, "queue"))
                    : List.of();
            payloads.add(LoopTick.builder()
                    .world(WorldView.builder()
                            .queueMetrics(new QueueMetrics(cooldown, tick / 7, tick / 11))
                            .relationships(Map.copyOf(ties))
                            .relationshipMetrics(tick % 10 == 0 ? Map.of("churn", tick) : Map.of())
                            .rivalryEvents(rivalry)
                            .jobs(Map.of("alice", Map.of("lateness_counter", tick % 4)))
                            .build())
                    .events(events)
                    .socialEvents(social)
                    .build());
        }
        return payloads;
    }

    @Test
    void ingestionLeavesTheDerivedModelsToTheirFirstReader() {
        ReadModelStore store = store(false, new ArrayList<>());
        store.ingestLoopTick(1, story(1, 1).get(0));

        ReadModels models = store.current();
        assertThat(models.derivation().isComputed()).isFalse();
        assertThat(models.queueHistory()).singleElement().satisfies(entry -> assertThat(entry.tick()).isEqualTo(1));
        assertThat(models.derivation().isComputed()).isTrue();
    }

    @Test
    void readingLateOnAnotherThreadGivesWhatEagerIngestionGives() throws Exception {
        List<LoopTick> story = story(400, 7);
        List<String> eagerErrors = new ArrayList<>();
        ReadModelStore eager = store(true, eagerErrors);
        List<DerivedModels> expected = new ArrayList<>();
        for (int tick = 1; tick <= story.size(); tick++) {
            eager.ingestLoopTick(tick, story.get(tick - 1));
            assertThat(eager.current().derivation().isComputed()).isTrue();
            expected.add(eager.current().derivation().get());
        }

        List<String> lazyErrors = new ArrayList<>();
        ReadModelStore lazy = store(false, lazyErrors);
        List<ReadModels> kept = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        // A reader racing the ingestion, as the worker does: it computes whatever is pending at that moment.
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                lazy.current().conflict();
                Thread.onSpinWait();
            }
        }, "test-reader");
        reader.start();
        try {
            for (int tick = 1; tick <= story.size(); tick++) {
                lazy.ingestLoopTick(tick, story.get(tick - 1));
                kept.add(lazy.current());
            }
        } finally {
            done.set(true);
            reader.join(10_000);
        }

        List<DerivedModels> actual = new ArrayList<>();
        for (ReadModels models : kept) {
            actual.add(models.derivation().get());
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(lazyErrors).isEqualTo(eagerErrors).isEmpty();
    }

    @Test
    void unreadDerivationsAreComputedByIngestionBeyondTheBound() {
        ReadModelStore store = store(false, new ArrayList<>());
        List<LoopTick> story = story(ReadModelStore.MAX_PENDING_DERIVATIONS + 50, 3);
        List<ReadModels> kept = new ArrayList<>();
        for (int tick = 1; tick <= story.size(); tick++) {
            store.ingestLoopTick(tick, story.get(tick - 1));
            kept.add(store.current());
        }
        ReadModels first = kept.get(0);

        // Beyond the bound, each ingestion computes the two oldest pending derivations: the backlog shrinks by one
        // per tick from there on, so the first ticks are computed and the newest still wait for their reader.
        assertThat(first.derivation().isComputed()).isTrue();
        assertThat(store.current().derivation().isComputed()).isFalse();
        assertThat(kept.get(story.size() - 50 - 1).derivation().isComputed()).isFalse();
        assertThat(kept.get(49).derivation().isComputed()).isTrue();
    }

    @Test
    void manualNarrationsLandInTheSameTicksAsWithEagerIngestion() {
        List<LoopTick> story = story(120, 11);
        List<List<String>> byMode = new ArrayList<>();
        for (boolean eagerMode : new boolean[] {true, false}) {
            ReadModelStore store = store(eagerMode, new ArrayList<>());
            List<String> narrated = new ArrayList<>();
            for (int tick = 1; tick <= story.size(); tick++) {
                if (tick % 17 == 0) { // before the tick's ingestion: joins this tick at its step 2
                    store.emitManualNarration(ManualNarration.builder("before " + tick).priority(true).build());
                }
                store.ingestLoopTick(tick, story.get(tick - 1));
                if (tick % 13 == 0) { // after it: joins this tick at its completion
                    store.emitManualNarration(ManualNarration.builder("after " + tick).priority(true).build());
                }
                store.completeTick();
                long at = tick;
                store.current().narrations().forEach(entry -> narrated.add(at + ": " + entry.message()));
            }
            byMode.add(narrated);
        }

        assertThat(byMode.get(1)).isEqualTo(byMode.get(0)).anyMatch(line -> line.endsWith("after 13"))
                .anyMatch(line -> line.endsWith("before 17"));
    }

    @Test
    void conflictOverlayAndAffordanceRuntimeWaitForAReaderAndMayBeReadInAnyOrder() {
        List<LoopTick> story = story(300, 11);
        ReadModelStore eager = store(true, new ArrayList<>());
        ReadModelStore lazy = store(false, new ArrayList<>());
        List<DerivedModels> expected = new ArrayList<>();
        List<DerivedModels> derived = new ArrayList<>();
        for (int tick = 1; tick <= story.size(); tick++) {
            eager.ingestLoopTick(tick, story.get(tick - 1));
            expected.add(eager.current().derivation().get());
            lazy.ingestLoopTick(tick, story.get(tick - 1));
            // The tick's derivation runs (histories, narrations must advance every tick); these three wait.
            derived.add(lazy.current().derivation().get());
        }
        assertThat(derived).allSatisfy(models -> {
            assertThat(models.deferredConflict().isComputed()).isFalse();
            assertThat(models.deferredAffordanceRuntime().isComputed()).isFalse();
        });
        assertThat(derived).filteredOn(models -> !models.deferredOverlay().isComputed()).isNotEmpty();

        // Read as a worker that drops frames reads them: some ticks never, the others out of order.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < derived.size(); i += 1 + i % 3) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(5));
        for (int i : order) {
            assertThat(derived.get(i).relationshipOverlay()).as("overlay of tick %d", i + 1)
                    .isEqualTo(expected.get(i).relationshipOverlay());
            assertThat(derived.get(i).conflict()).as("conflict of tick %d", i + 1)
                    .isEqualTo(expected.get(i).conflict());
            assertThat(derived.get(i).affordanceRuntime()).as("affordance runtime of tick %d", i + 1)
                    .isEqualTo(expected.get(i).affordanceRuntime());
        }
        assertThat(derived).isEqualTo(expected);
    }
}

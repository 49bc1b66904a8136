package org.townlet.telemetry.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.event.WorldEvent;

/**
 * {@link KpiHistory} shares one append-only array between successive versions of a series. These tests compare it
 * with the previous implementation (a fresh copy per tick, kept in {@link ReferenceKpiHistory}) over long random runs,
 * with versions appended to twice (a branch), imported histories of any length, and appends from several threads.
 */
class KpiHistoryTest {

    @Test
    void appendsEqualThePreviousImplementationOverLongRunsWithBranches() {
        SplittableRandom random = new SplittableRandom(65);
        Map<String, List<Number>> history = ReadModels.EMPTY_KPI_HISTORY;
        Map<String, List<Number>> reference = ReadModels.EMPTY_KPI_HISTORY;
        List<Map<String, List<Number>>> versions = new ArrayList<>();
        List<Map<String, List<Number>>> referenceVersions = new ArrayList<>();
        for (int tick = 0; tick < 3_000; tick++) {
            if (tick > 0 && random.nextInt(25) == 0) { // go on from an older version: its next slot is taken
                int back = random.nextInt(versions.size());
                history = versions.get(back);
                reference = referenceVersions.get(back);
            }
            List<WorldEvent> events = events(random);
            Map<String, Map<String, Object>> jobs = jobs(random);
            QueueMetrics fairness = new QueueMetrics(random.nextInt(3), random.nextInt(300), random.nextInt(3));

            history = KpiHistory.append(history, events, jobs, fairness);
            reference = ReferenceKpiHistory.append(reference, events, jobs, fairness);

            assertThat(history).as("tick %d", tick).isEqualTo(reference);
            assertThat(history.toString()).isEqualTo(reference.toString());
            versions.add(history);
            referenceVersions.add(reference);
        }
        for (int i = 0; i < versions.size(); i++) {
            assertThat(versions.get(i)).as("version %d, after every later append", i)
                    .isEqualTo(referenceVersions.get(i));
        }
    }

    @Test
    void appendsToImportedSeriesOfAnyLengthKeepTheLastValues() {
        for (int length : new int[] {0, 1, 48, 49, 50, 51, 120}) {
            List<Number> imported = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                imported.add((long) i);
            }
            Map<String, List<Number>> history = new LinkedHashMap<>();
            history.put(KpiHistory.QUEUE_ROTATION_EVENTS, imported);
            QueueMetrics fairness = new QueueMetrics(0, 7, 9);

            Map<String, List<Number>> appended = KpiHistory.append(history, List.of(), Map.of(), fairness);

            assertThat(appended).as("length %d", length)
                    .isEqualTo(ReferenceKpiHistory.append(history, List.of(), Map.of(), fairness));
            assertThat(appended.get(KpiHistory.QUEUE_ROTATION_EVENTS)).last().isEqualTo(9L);
        }
    }

    @Test
    void seriesAreImmutableLists() {
        Map<String, List<Number>> history = ReadModels.EMPTY_KPI_HISTORY;
        for (int tick = 0; tick < 60; tick++) {
            history = KpiHistory.append(history, List.of(), Map.of(), QueueMetrics.ZERO);
        }
        Map<String, List<Number>> last = history;
        List<Number> series = last.get(KpiHistory.LATE_HELP_EVENTS);

        assertThat(series).hasSize(KpiHistory.CAP).isEqualTo(java.util.Collections.nCopies(KpiHistory.CAP, 0.0));
        assertThat(series.hashCode()).isEqualTo(java.util.Collections.nCopies(KpiHistory.CAP, 0.0).hashCode());
        assertThatThrownBy(() -> series.add(1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> series.set(0, 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> series.get(KpiHistory.CAP)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> last.put("x", List.of())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aFullSeriesOfValuesEqualToTheNewOneIsKeptAsTheSameObjectAndSoIsAQuietHistory() {
        Map<String, List<Number>> history = ReadModels.EMPTY_KPI_HISTORY;
        for (int tick = 0; tick < KpiHistory.CAP; tick++) {
            history = KpiHistory.append(history, List.of(), Map.of(), QueueMetrics.ZERO);
        }
        Map<String, List<Number>> full = history;

        Map<String, List<Number>> quiet = KpiHistory.append(full, List.of(), Map.of(), QueueMetrics.ZERO);
        Map<String, List<Number>> rotated = KpiHistory.append(full, List.of(), Map.of(), new QueueMetrics(0, 0, 1));

        assertThat(quiet).isSameAs(full);
        assertThat(rotated).isNotSameAs(full)
                .isEqualTo(ReferenceKpiHistory.append(full, List.of(), Map.of(), new QueueMetrics(0, 0, 1)));
        assertThat(rotated.get(KpiHistory.QUEUE_ROTATION_EVENTS)).last().isEqualTo(1L);
        for (String series : List.of(KpiHistory.QUEUE_CONFLICT_INTENSITY, KpiHistory.EMPLOYMENT_LATENESS,
                KpiHistory.LATE_HELP_EVENTS, KpiHistory.QUEUE_GHOST_STEP_EVENTS)) {
            assertThat(rotated.get(series)).as(series).isSameAs(full.get(series));
        }
        // 0 and 0.0 are written differently: a value of another type is appended, never taken as equal
        Map<String, List<Number>> doubles = new LinkedHashMap<>(full);
        doubles.put(KpiHistory.QUEUE_ROTATION_EVENTS, java.util.Collections.nCopies(KpiHistory.CAP, 0.0));
        assertThat(KpiHistory.append(doubles, List.of(), Map.of(), QueueMetrics.ZERO)
                .get(KpiHistory.QUEUE_ROTATION_EVENTS)).last().isEqualTo(0L);
    }

    @Test
    void concurrentAppendsToOneVersionEachSeeTheirOwnValue() throws Exception {
        Map<String, List<Number>> base = ReadModels.EMPTY_KPI_HISTORY;
        for (int tick = 0; tick < 70; tick++) {
            base = KpiHistory.append(base, List.of(), Map.of(), new QueueMetrics(0, 0, tick));
        }
        Map<String, List<Number>> start = base;
        int threads = 4;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<List<Map<String, List<Number>>>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long mark = 1_000 * (t + 1);
            results.add(CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                List<Map<String, List<Number>>> mine = new ArrayList<>();
                Map<String, List<Number>> history = start;
                for (int i = 0; i < 500; i++) {
                    history = KpiHistory.append(history, List.of(), Map.of(), new QueueMetrics(0, 0, mark + i));
                    mine.add(history);
                }
                return mine;
            }));
        }
        go.countDown();
        for (int t = 0; t < threads; t++) {
            long mark = 1_000 * (t + 1);
            List<Map<String, List<Number>>> mine = results.get(t).get();
            for (int i = 0; i < mine.size(); i++) {
                List<Number> rotation = mine.get(i).get(KpiHistory.QUEUE_ROTATION_EVENTS);
                assertThat(rotation).hasSize(KpiHistory.CAP);
                assertThat(rotation.get(KpiHistory.CAP - 1)).isEqualTo(mark + i);
                long first = mark + i - (KpiHistory.CAP - 1);
                assertThat(rotation.get(0)).isEqualTo(first >= mark ? first : 69L - (mark - first) + 1);
            }
        }
        assertThat(start.get(KpiHistory.QUEUE_ROTATION_EVENTS)).last().isEqualTo(69L);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<WorldEvent> events(SplittableRandom random) {
        List<WorldEvent> events = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            switch (random.nextInt(4)) {
                case 0 -> events.add(WorldEvent.of("queue_conflict", "intensity", random.nextDouble() * 3));
                case 1 -> events.add(WorldEvent.of("queue_conflict", "intensity", "not a number"));
                case 2 -> events.add(WorldEvent.of("late_help"));
                default -> events.add(WorldEvent.of("affordance_start"));
            }
        }
        return events;
    }

    private static Map<String, Map<String, Object>> jobs(SplittableRandom random) {
        Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            jobs.put("agent_" + i, random.nextInt(6) == 0 ? Map.of() : Map.of("lateness_counter", random.nextInt(5)));
        }
        return jobs;
    }
}

package org.townlet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.event.EventTypes;
import org.townlet.telemetry.api.event.LoopTick;
import org.townlet.telemetry.api.event.StabilityMetrics;
import org.townlet.telemetry.testing.ManualTicker;
import org.townlet.telemetry.testing.RecordingSink;

/**
 * The telemetry worker reuses its work by object identity, so a value the town did not change must reach it as the
 * same object as on the previous tick: through the api's defensive copies and the loop's per-tick maps.
 */
class ViewIdentityTest {
    private static final int AGENTS = 30;
    private static final long TICKS = 600;

    private static final RecordingSink RUN = run();

    private static RecordingSink run() {
        RecordingSink sink = new RecordingSink();
        new SimulationLoop(SimulationConfig.builder().seed(7).agents(AGENTS).build(), sink, new ManualTicker())
                .run(TICKS);
        return sink;
    }

    private static List<LoopTick> loopTicks() {
        return RUN.events(EventTypes.LOOP_TICK).stream().map(event -> (LoopTick) event.payload()).toList();
    }

    @Test
    void aViewThatDidNotChangeIsTheSameObjectAsOnThePreviousTick() {
        assertEqualMeansSame(tick -> tick.world().jobs()); // some job changes on most ticks: no count to expect
        assertThat(assertEqualMeansSame(tick -> tick.world().relationships())).isPositive();
        assertThat(assertEqualMeansSame(tick -> tick.world().activeReservations())).isPositive();
        assertThat(assertEqualMeansSame(tick -> tick.world().personalities())).isEqualTo(TICKS - 1);
        assertThat(assertEqualMeansSame(LoopTick::policySnapshot)).isPositive();
        assertThat(assertEqualMeansSame(LoopTick::annealContext)).isPositive();
        assertThat(assertEqualMeansSame(LoopTick::policyMetadata)).isPositive();
    }

    @Test
    void anEntryThatDidNotChangeIsTheSameObjectAsOnThePreviousTick() {
        List<LoopTick> ticks = loopTicks();
        long unchanged = 0;
        for (int i = 1; i < ticks.size(); i++) {
            unchanged += sameWhereEqual(ticks.get(i - 1).world().jobs(), ticks.get(i).world().jobs());
            unchanged += sameWhereEqual(ticks.get(i - 1).world().relationships(), ticks.get(i).world().relationships());
            unchanged += sameWhereEqual(ticks.get(i - 1).policySnapshot(), ticks.get(i).policySnapshot());
        }
        assertThat(unchanged).as("unchanged entries seen").isGreaterThan(TICKS * AGENTS);
    }

    @Test
    void theStabilityMetricsKeepTheirUnchangedParts() {
        List<Map<String, Object>> metrics = RUN.events(EventTypes.STABILITY_METRICS).stream()
                .map(event -> ((StabilityMetrics) event.payload()).metrics()).toList();
        for (String part : List.of("queue_totals", "queue_deltas", "promotion", "promotion_state", "thresholds")) {
            assertThat(assertEqualMeansSame(metrics.stream().map(map -> map.get(part)).toList(), part)).isPositive();
        }
    }

    /** Fails when a view equals the previous tick's but is a new object; returns on how many ticks it was kept. */
    private static long assertEqualMeansSame(Function<LoopTick, Object> view) {
        return assertEqualMeansSame(loopTicks().stream().map(view).toList(), "view");
    }

    private static long assertEqualMeansSame(List<Object> values, String what) {
        List<Long> equalButNew = new ArrayList<>();
        long same = 0;
        for (int i = 1; i < values.size(); i++) {
            Object before = values.get(i - 1);
            Object now = values.get(i);
            if (before == now) {
                same++;
            } else if (now.equals(before)) {
                equalButNew.add((long) i + 1);
            }
        }
        assertThat(equalButNew).as("ticks where %s was equal to the previous tick's but a new object", what)
                .isEmpty();
        return same;
    }

    /** How many entries of {@code now} equal those of {@code before}; fails on an equal entry that is a new object. */
    private static long sameWhereEqual(Map<String, ?> before, Map<String, ?> now) {
        long same = 0;
        for (Map.Entry<String, ?> entry : now.entrySet()) {
            Object previous = before.get(entry.getKey());
            if (entry.getValue().equals(previous)) {
                assertThat(entry.getValue()).as(entry.getKey()).isSameAs(previous);
                same++;
            }
        }
        return same;
    }
}

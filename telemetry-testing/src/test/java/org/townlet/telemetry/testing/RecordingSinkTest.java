package org.townlet.telemetry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.townlet.telemetry.testing.EventAssertions.assertThatEvents;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.event.AffordanceRuntime;
import org.townlet.telemetry.api.event.ConflictSnapshot;
import org.townlet.telemetry.api.event.EventTypes;
import org.townlet.telemetry.api.event.ManualNarration;
import org.townlet.telemetry.api.event.MetricSample;
import org.townlet.telemetry.api.event.NarrationLimiterState;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.event.RelationshipSummary;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.sink.EventSubscriber;
import org.townlet.telemetry.api.sink.TelemetryReadModel;
import org.townlet.telemetry.api.state.TelemetryStateSnapshot;
import org.townlet.telemetry.api.status.HealthStatus;
import org.townlet.telemetry.api.status.TransportStatus;

class RecordingSinkTest {
    private final RecordingSink sink = new RecordingSink();

    @Test
    void recordsLifecycleCalls() {
        assertThat(sink.started()).isFalse();
        assertThat(sink.stopped()).isFalse();

        sink.start();
        sink.stop();
        sink.stop();

        assertThat(sink.started()).isTrue();
        assertThat(sink.stopped()).isTrue();
        assertThat(sink.startCount()).isEqualTo(1);
        assertThat(sink.stopCount()).isEqualTo(2);
    }

    @Test
    void recordsEventsInOrderAndTracksTheTick() {
        sink.emitEvent(TelemetryEvent.generic("demo.seed", 3, Map.of("a", 1)));
        sink.emitEvent(TelemetryEvent.metric(4, MetricSample.of("tick_ms", 1.5)));
        sink.emitEvent(TelemetryEvent.generic("demo.seed", 2, Map.of()));

        assertThatEvents(sink.events()).haveTypes("demo.seed", EventTypes.METRICS, "demo.seed")
                .containType(EventTypes.METRICS)
                .doNotContainType(EventTypes.LOOP_TICK);
        assertThat(sink.events("demo.seed")).extracting(TelemetryEvent::tick).containsExactly(3L, 2L);
        assertThat(sink.currentTick()).isEqualTo(4);
    }

    @Test
    void recordsMetricsWithLastValuePerName() {
        sink.emitMetric("queue_length", 1.0, Map.of("sink", "a"));
        sink.emitMetric("queue_length", 2.0, null);

        assertThat(sink.metrics()).extracting(MetricSample::value).containsExactly(1.0, 2.0);
        assertThat(sink.latestMetric("queue_length")).map(MetricSample::tags).contains(Map.of());
        assertThat(sink.latestMetric("missing")).isEmpty();
    }

    @Test
    void recordsEventsFromManyThreadsWithoutLoss() throws Exception {
        int threads = 4;
        int perThread = 500;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    sink.emitEvent(TelemetryEvent.generic("demo", i, Map.of()));
                    sink.emitMetric("m", i, Map.of());
                }
            });
            workers.add(worker);
            worker.start();
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        }

        assertThat(sink.events()).hasSize(threads * perThread);
        assertThat(sink.metrics()).hasSize(threads * perThread);
    }

    @Test
    void writesAreRecordedButReadsStayEmpty() {
        EventSubscriber subscriber = (tick, events) -> {
            throw new AssertionError("a recording sink never calls subscribers");
        };
        sink.registerEventSubscriber(subscriber);
        sink.registerEventSubscriber(subscriber);
        sink.setRuntimeVariant("facade");
        sink.updateRelationshipMetrics(Map.of("churn", 1));
        sink.importConsoleBuffer(List.of("snapshot"));
        sink.importState(TelemetryStateSnapshot.empty(5));

        assertThat(sink.emitManualNarration(ManualNarration.builder("hello").build())).isEmpty();
        assertThat(sink.manualNarrations()).extracting(ManualNarration::message).containsExactly("hello");
        assertThat(sink.subscribers()).containsExactly(subscriber);
        assertThat(sink.runtimeVariant()).contains("facade");
        assertThat(sink.relationshipMetrics()).containsEntry("churn", 1);
        assertThat(sink.consoleImports()).containsExactly(List.of("snapshot"));
        assertThat(sink.importedStates()).hasSize(1);

        assertThat(sink.latestRelationshipMetrics()).isEmpty();
        assertThat(sink.drainConsoleBuffer()).isEmpty();
        assertThat(sink.currentTick()).isZero();
    }

    @Test
    void readsReturnTheTableEmptyValues() {
        assertThat(sink.schema()).isEqualTo("0.9.9");
        assertThat(sink.latestQueueMetrics()).isEqualTo(QueueMetrics.ZERO);
        assertThat(sink.latestConflictSnapshot()).isEqualTo(ConflictSnapshot.EMPTY);
        assertThat(sink.latestAffordanceRuntime()).isEqualTo(AffordanceRuntime.EMPTY);
        assertThat(sink.latestAffordanceRuntime().tick()).isZero();
        assertThat(sink.latestRelationshipSummary()).isEqualTo(RelationshipSummary.EMPTY);
        assertThat(sink.latestNarrationState()).isEqualTo(NarrationLimiterState.INITIAL);
        assertThat(sink.latestHealthStatus()).isEqualTo(HealthStatus.EMPTY);
        assertThat(sink.latestUtilities()).containsExactly(Map.entry("power", true), Map.entry("water", true));
        assertThat(sink.latestEconomySettings()).isEmpty();
        assertThat(sink.latestPolicyIdentity()).isEmpty();
        assertThat(sink.latestAnnealStatus()).isEmpty();
        assertThat(sink.transportStatus()).isEqualTo(TransportStatus.initial("recording", "drop_oldest"));
        assertThat(sink.latestTransportStatus()).isSameAs(sink.transportStatus());
    }

    @Test
    void noReadReturnsNullOrAMutableCollection() throws Exception {
        for (Method method : TelemetryReadModel.class.getMethods()) {
            if (method.getParameterCount() != 0) {
                continue;
            }
            Object value = method.invoke(sink);
            assertThat(value).as(method.getName()).isNotNull();
            if (value instanceof Collection<?> collection) {
                assertThatThrownBy(() -> collection.add(null)).as(method.getName())
                        .isInstanceOf(UnsupportedOperationException.class);
            }
            if (value instanceof Map<?, ?> map) {
                assertThatThrownBy(map::clear).as(method.getName())
                        .isInstanceOf(UnsupportedOperationException.class);
            }
            if (value instanceof Optional<?> optional) {
                assertThat(optional).as(method.getName()).isEmpty();
            }
        }
    }

    @Test
    void nullEventIsRejected() {
        assertThatThrownBy(() -> sink.emitEvent(null)).isInstanceOf(NullPointerException.class).hasMessage("event");
    }
}

package org.townlet.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.townlet.sim.SimulationConfig;
import org.townlet.sim.SimulationLoop;
import org.townlet.telemetry.api.TelemetrySink;
import org.townlet.telemetry.api.event.ManualNarration;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.core.aggregate.ReadModels;
import org.townlet.telemetry.core.publish.TelemetryPublisher;

/**
 * What the read models cost per tick off the simulation thread (SPEC §2, §6): ingesting a tick's events, metrics and
 * manual narrations and computing its derived models (histories, relationship updates and summary, narrations, KPI
 * history), which the deriver thread must do at the simulation's pace. Conflict, overlay and affordance runtime are
 * deferred to the frame builder and not read here. Replays the writes the default town made over {@value #TICKS}
 * ticks into a fresh, never-started publisher, reading the derived models after each tick; reported per tick.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DerivationBenchmark {
    static final int TICKS = 500;
    /** Ticks run before recording, so the town is past its start. */
    static final int WARMUP_TICKS = 500;

    @Param({"50"})
    public int agents;

    /** One sink write call, recorded in emission order. */
    private sealed interface Write permits Emit, Metric, Narration {
    }

    private record Emit(TelemetryEvent event) implements Write {
    }

    private record Metric(String name, double value, Map<String, String> tags) implements Write {
    }

    private record Narration(ManualNarration narration) implements Write {
    }

    /** The writes of each recorded tick. */
    private List<List<Write>> ticks;

    @Setup(Level.Trial)
    public void record() {
        List<Write> current = new ArrayList<>();
        ticks = new ArrayList<>();
        TelemetryPublisher publisher = Frames.publisher();
        boolean[] recording = {false};
        // Only setup goes through the proxy; the measured replay calls the publisher directly.
        TelemetrySink recorder = (TelemetrySink) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TelemetrySink.class}, (proxy, method, args) -> {
                    if (recording[0] && method.getName().equals("emitEvent")) {
                        current.add(new Emit((TelemetryEvent) args[0]));
                    } else if (recording[0] && method.getName().equals("emitMetric")) {
                        @SuppressWarnings("unchecked")
                        Map<String, String> tags = (Map<String, String>) args[2];
                        current.add(new Metric((String) args[0], (Double) args[1], tags));
                    } else if (recording[0] && method.getName().equals("emitManualNarration")) {
                        current.add(new Narration((ManualNarration) args[0]));
                    }
                    try {
                        return method.invoke(publisher, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        SimulationLoop loop = new SimulationLoop(SimulationConfig.builder().agents(agents).build(), recorder,
                System::nanoTime, "benchmark");
        for (int i = 0; i < WARMUP_TICKS; i++) {
            loop.step();
        }
        recording[0] = true;
        for (int i = 0; i < TICKS; i++) {
            loop.step();
            ticks.add(List.copyOf(current));
            current.clear();
        }
    }

    /** Ingests and derives every recorded tick in a fresh publisher; per tick. */
    @Benchmark
    @OperationsPerInvocation(TICKS)
    public ReadModels ingestAndDerive() {
        TelemetryPublisher publisher = Frames.publisher();
        ReadModels models = null;
        for (List<Write> tick : ticks) {
            for (Write write : tick) {
                if (write instanceof Emit emit) {
                    publisher.emitEvent(emit.event());
                } else if (write instanceof Metric metric) {
                    publisher.emitMetric(metric.name(), metric.value(), metric.tags());
                } else if (write instanceof Narration narration) {
                    publisher.emitManualNarration(narration.narration());
                }
            }
            models = publisher.readModels();
            models.narrations();
        }
        return models;
    }
}

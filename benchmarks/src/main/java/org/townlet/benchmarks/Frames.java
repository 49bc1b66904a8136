package org.townlet.benchmarks;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.townlet.sim.SimulationConfig;
import org.townlet.sim.SimulationLoop;
import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.SendReport;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.core.aggregate.ReadModels;
import org.townlet.telemetry.core.encode.TickRecord;
import org.townlet.telemetry.core.publish.TelemetryPublisher;

/** Inputs shared by the benchmarks: the read models of consecutive ticks of the default town. */
final class Frames {
    private Frames() {
    }

    /** A transport that discards what it is sent. */
    static Transport discarding() {
        return new Transport() {
            @Override
            public void start() {
            }

            @Override
            public SendReport send(FrameBatch batch) {
                return SendReport.SAME_CONNECTION;
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    /** A publisher with the {@link #discarding()} transport, never started here. */
    static TelemetryPublisher publisher() {
        return TelemetryPublisher.builder()
                .transport("discard", context -> discarding())
                .clock(Clock.systemUTC())
                .seed(42)
                .build();
    }

    /**
     * Runs the town with {@code agents} agents for {@code warmup} ticks, then records the tick records of the next
     * {@code ticks} ticks (the publisher is never started: nothing is sent).
     */
    static List<TickRecord> records(int agents, int warmup, int ticks) {
        TelemetryPublisher publisher = publisher();
        SimulationConfig config = SimulationConfig.builder().agents(agents).build();
        SimulationLoop loop = new SimulationLoop(config, publisher, System::nanoTime, "benchmark");
        for (int i = 0; i < warmup; i++) {
            loop.step();
        }
        List<TickRecord> records = new ArrayList<>(ticks);
        for (int i = 0; i < ticks; i++) {
            loop.step();
            ReadModels models = publisher.readModels();
            records.add(new TickRecord(i, models.currentTick(), TickRecord.Kind.TICK, models));
        }
        return records;
    }
}

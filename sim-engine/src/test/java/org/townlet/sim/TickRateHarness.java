package org.townlet.sim;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.ConsoleResult;
import org.townlet.telemetry.api.event.ManualNarration;
import org.townlet.telemetry.api.event.NarrationEntry;
import org.townlet.telemetry.api.event.PolicyIdentity;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.sink.ConsoleBridge;
import org.townlet.telemetry.api.sink.EventSubscriber;
import org.townlet.telemetry.api.sink.TelemetryIngress;
import org.townlet.telemetry.api.sink.TelemetryPort;
import org.townlet.telemetry.api.status.TransportStatus;

/**
 * A small timing harness, not a test: runs the loop against a sink that does nothing and prints ticks per second, so
 * what is measured is the world's own tick (world view, rewards and policy payloads included). It prints wall-clock
 * ticks/s and ticks per second of the simulation thread's CPU time (steadier on a busy machine; GC threads
 * excluded). Run it from the module with the test classpath, e.g.
 * {@code java -cp target/classes:target/test-classes:<deps> org.townlet.sim.TickRateHarness 2000 200}; arguments:
 * agents (50), measured ticks (500), warm-up ticks (200), scenario (small_story).
 */
public final class TickRateHarness {
    private TickRateHarness() {
    }

    public static void main(String[] args) {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        long ticks = args.length > 1 ? Long.parseLong(args[1]) : 500;
        long warmUp = args.length > 2 ? Long.parseLong(args[2]) : 200;
        String scenario = args.length > 3 ? args[3] : "small_story";
        SimulationConfig config = SimulationConfig.builder().scenario(scenario).agents(agents).build();
        SimulationLoop loop = new SimulationLoop(config, new NullSink(), System::nanoTime);
        for (long i = 0; i < warmUp; i++) {
            loop.step();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStarted = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        for (long i = 0; i < ticks; i++) {
            loop.step();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
        System.out.printf(Locale.ROOT, "agents=%d ticks=%d warm_up=%d seconds=%.3f ticks_per_second=%.1f "
                + "ms_per_tick=%.3f cpu_ticks_per_second=%.1f%n", agents, ticks, warmUp, seconds, ticks / seconds,
                seconds * 1000 / ticks, ticks / cpuSeconds);
    }

    /** Accepts everything, keeps nothing. */
    private static final class NullSink implements TelemetryIngress, ConsoleBridge, TelemetryPort {
        private static final TransportStatus STATUS = TransportStatus.initial("none", "drop_oldest");

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public void emitEvent(TelemetryEvent event) {
        }

        @Override
        public void emitMetric(String name, double value, Map<String, String> tags) {
        }

        @Override
        public TransportStatus transportStatus() {
            return STATUS;
        }

        @Override
        public void setRuntimeVariant(String variantOrNull) {
        }

        @Override
        public void registerEventSubscriber(EventSubscriber subscriber) {
        }

        @Override
        public Optional<NarrationEntry> emitManualNarration(ManualNarration narration) {
            return Optional.empty();
        }

        @Override
        public void updatePolicyIdentity(PolicyIdentity identityOrNull) {
        }

        @Override
        public void updateRelationshipMetrics(Map<String, Object> metrics) {
        }

        @Override
        public List<ConsoleCommand> drainConsoleBuffer() {
            return List.of();
        }

        @Override
        public void importConsoleBuffer(List<?> items) {
        }

        @Override
        public List<ConsoleResult> latestConsoleResults() {
            return List.of();
        }

        @Override
        public List<ConsoleResult> consoleHistory() {
            return List.of();
        }
    }
}

package org.townlet.app.run;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.townlet.app.config.ConfigurationException;
import org.townlet.app.cli.ExitCodes;
import org.townlet.app.logging.StderrLogging;
import org.townlet.app.wiring.BuiltinTransportsModule;
import org.townlet.app.wiring.TransportDiscovery;
import org.townlet.app.wiring.TransportRegistry;
import org.townlet.sim.SimulationConfig;
import org.townlet.sim.SimulationLoop;
import org.townlet.telemetry.api.TelemetrySink;

/**
 * One {@code townlet run}: wires the sink, runs the loop on the calling thread, and stops within a bound on Ctrl-C.
 *
 * <p>Threads: the calling thread is the simulation thread. The JVM shutdown hook ({@code townlet-shutdown}) asks the
 * loop to stop after its current tick and waits, bounded, until the run has stopped its sink and printed its
 * summary.
 */
public final class SimulationRun {
    /** The sink's own drain bound (worker stop timeout, 2 s) plus its close bound (2 s), plus a margin. */
    private static final long SHUTDOWN_WAIT_MILLIS = 5_000;

    private final RunSettings settings;

    public SimulationRun(RunSettings settings) {
        this.settings = settings;
    }

    /** Runs to completion or interruption and returns the exit code. */
    public int execute() {
        TransportRegistry registry = createRegistry();
        SimulationConfig config = simulationConfig();
        TelemetrySink sink = new TelemetryAssembly(registry).build(settings);
        SimulationLoop loop = new SimulationLoop(config, sink, System::nanoTime);

        PrintStream console = StderrLogging.progressStream();
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted.set(true);
            loop.requestStop();
            try {
                finished.await(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "townlet-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        long started = System.nanoTime();
        try (ProgressReporter progress = new ProgressReporter(loop::currentTick, sink::transportStatus, console)) {
            if (!settings.quiet()) {
                progress.start();
            }
            loop.run(settings.ticks());
        } finally {
            double seconds = (System.nanoTime() - started) / 1e9;
            RunSummary summary = new RunSummary(loop.currentTick(), seconds, sink.transportStatus());
            if (!settings.quiet() || interrupted.get()) {
                console.println(summary.toLine());
            }
            console.flush();
            finished.countDown();
            if (!interrupted.get()) {
                removeHook(hook);
            }
        }
        return interrupted.get() ? ExitCodes.INTERRUPTED : ExitCodes.OK;
    }

    private SimulationConfig simulationConfig() {
        if (settings.ticks() < 0) {
            throw new ConfigurationException("--ticks: must be >= 0; got " + settings.ticks());
        }
        try {
            return SimulationConfig.builder()
                    .seed(settings.seed())
                    .agents(settings.agents())
                    .ticks(settings.ticks())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    private static TransportRegistry createRegistry() {
        ClassLoader loader = SimulationRun.class.getClassLoader();
        Injector injector = Guice.createInjector(new BuiltinTransportsModule(TransportDiscovery.discover(loader)));
        return injector.getInstance(TransportRegistry.class);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting; the hook will find the run finished.
        }
    }
}

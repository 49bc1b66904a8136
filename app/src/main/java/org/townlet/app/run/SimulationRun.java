package org.townlet.app.run;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.security.Security;
import java.time.Duration;
import java.util.Locale;
import org.townlet.app.config.TownletConfig;
import org.townlet.app.config.WorkerConfig;
import org.townlet.app.lifecycle.LifecycleException;
import org.townlet.app.lifecycle.LifecycleManager;
import org.townlet.app.lifecycle.ShutdownHook;
import org.townlet.app.wiring.TransportRegistry;
import org.townlet.sim.SimulationLoop;
import org.townlet.telemetry.api.TelemetrySink;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.core.worker.BackpressureStrategy;

/**
 * One {@code townlet run} (SPEC §11.8, §18, §19): builds the sink the configuration names and the simulation loop,
 * starts the run's components, runs the loop on the calling thread (paced by {@code --tick-rate}), and writes the
 * closing summary, also when SIGINT or SIGTERM ends the run.
 *
 * <p>Threads: the calling thread is the simulation thread; it starts the sink before the first tick and stops it in
 * {@code finally}. The shutdown hook ({@code townlet-shutdown}) asks the loop to stop after its current tick, waits
 * (bounded by {@code stop_timeout_seconds + 2 s}) until the simulation thread has stopped the sink and written the
 * summary, and exits 130. The summary is written once, by whichever thread gets there first.
 */
public final class SimulationRun {
    /** The exit code of a run ended by SIGINT or SIGTERM. */
    public static final int INTERRUPTED = 130;
    private static final System.Logger LOG = System.getLogger(SimulationRun.class.getName());
    /** Lookups are redone on every reconnect (SPEC §12.3); the JDK caches them for 30 s by default. */
    private static final String DNS_CACHE_SECONDS = "5";

    private final TownletConfig config;
    private final TransportRegistry registry;
    private final RunOptions options;
    private final LifecycleManager lifecycle;

    private final Object reportLock = new Object();
    private boolean reported;
    private boolean summaryWriteFailed;
    private volatile boolean stopRequested;

    /**
     * @param lifecycle the run's components added so far (the plugins); the run adds its own and stops them all
     */
    public SimulationRun(TownletConfig config, TransportRegistry registry, RunOptions options,
                         LifecycleManager lifecycle) {
        this.config = config;
        this.registry = registry;
        this.options = options;
        this.lifecycle = lifecycle;
    }

    /**
     * Runs to completion or interruption.
     *
     * @return 0, or 130 when interrupted, or 1 when the summary file could not be written
     * @throws org.townlet.sim.SimulationLoopException when a tick fails (after the summary is written)
     */
    public int execute() {
        Security.setProperty("networkaddress.cache.ttl", DNS_CACHE_SECONDS);
        TelemetrySink sink = new TelemetryAssembly(registry).build(config, options.runId());
        String telemetryName = config.stubSelected() ? "stub" : config.telemetry().transport().type();
        SimulationLoop loop = new SimulationLoop(config.simulation(), sink, System::nanoTime, telemetryName);
        TickPacer pacer = new TickPacer(options.tickRate());
        boolean stdoutCarriesFrames = !config.stubSelected() && "stdout".equals(telemetryName);
        PrintStream summaryStream = stdoutCarriesFrames ? System.err : System.out;
        if (!options.quiet()) {
            lifecycle.add("progress reporter", new ProgressReporter(loop::currentTick, sink::transportStatus,
                    System.err));
        }
        long ticks = config.simulation().ticks();
        LOG.log(Level.INFO, "townlet_run_start run_id=" + options.runId() + " transport=" + telemetryName
                + " ticks=" + ticks + " seed=" + config.simulation().seed() + " agents="
                + config.simulation().agents() + " scenario=" + config.simulation().scenario()
                + (pacer.paced() ? " tick_rate=" + options.tickRate() : "")
                + (config.stubSelected() ? "" : " backpressure=" + backpressure(config)));

        long started = System.nanoTime();
        Duration bound = Duration.ofNanos(Math.round(config.telemetry().worker().stopTimeoutSeconds() * 1e9))
                .plusSeconds(2);
        Runnable close = () -> finish(loop, sink, started, summaryStream, true);
        ShutdownHook hook = ShutdownHook.install(bound, () -> {
            stopRequested = true;
            loop.requestStop();
            pacer.wake();
        }, close, INTERRUPTED);
        try {
            lifecycle.start();
            drive(loop, sink, pacer, ticks);
        } finally {
            finish(loop, sink, started, summaryStream, hook.fired());
            hook.runFinished();
            hook.uninstall();
        }
        if (hook.fired()) {
            return INTERRUPTED;
        }
        return summaryWriteFailed ? 1 : 0;
    }

    /** The effective backpressure for the start log line, with the wait of {@code block}. */
    private static String backpressure(TownletConfig config) {
        WorkerConfig worker = config.telemetry().worker();
        return worker.backpressure().configName() + (worker.backpressure() == BackpressureStrategy.BLOCK
                ? " block_timeout_s=" + worker.blockTimeoutSeconds() : "");
    }

    /**
     * Runs the ticks: through the loop's own run, or step by step when paced or under {@code block} (same start/stop
     * contract). Under {@code block}, a run that completed its ticks waits for its backlog to drain before stopping
     * ({@link BacklogDrain}).
     */
    private void drive(SimulationLoop loop, TelemetrySink sink, TickPacer pacer, long ticks) {
        boolean drainsBacklog = !config.stubSelected()
                && config.telemetry().worker().backpressure() == BackpressureStrategy.BLOCK;
        if (!pacer.paced() && !drainsBacklog) {
            loop.run(ticks);
            return;
        }
        sink.start();
        try {
            pacer.begin();
            long completed = 0;
            while (completed < ticks && !stopRequested) {
                loop.step();
                completed++;
                if (completed < ticks) {
                    pacer.awaitNext(completed);
                }
            }
            if (drainsBacklog && !stopRequested) {
                drainBacklog(sink);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sink.stop();
        }
    }

    /** Simulation thread, after the last tick of a {@code block} run: waits while the pipeline ships its backlog. */
    private void drainBacklog(TelemetrySink sink) {
        TransportStatus status = sink.transportStatus();
        // Not the queue length: an empty buffer is not drained while the worker's last batch is on its way.
        if (status.allFramesSettled()) {
            return;
        }
        long unsettled = status.framesBuiltTotal() - status.framesSettled();
        long started = System.nanoTime();
        BacklogDrain.Outcome outcome = new BacklogDrain(sink::transportStatus, BacklogDrain.STALL_LIMIT)
                .await(() -> stopRequested);
        LOG.log(Level.INFO, "townlet_run_drain backlog=" + unsettled + " outcome=" + outcome.name().toLowerCase(
                Locale.ROOT) + " waited_s=" + String.format(Locale.ROOT, "%.2f",
                (System.nanoTime() - started) / 1e9));
    }

    /** Stops the components and writes the summary; once, whichever thread comes first. */
    private void finish(SimulationLoop loop, TelemetrySink sink, long started, PrintStream out, boolean interrupted) {
        synchronized (reportLock) {
            if (reported) {
                return;
            }
            reported = true;
            try {
                lifecycle.stop();
            } catch (LifecycleException e) {
                LOG.log(Level.WARNING, e.getMessage(), e);
            }
            RunSummary summary = new RunSummary(loop.currentTick(), (System.nanoTime() - started) / 1e9,
                    sink.transportStatus(), interrupted);
            if (!options.quiet() || interrupted) {
                out.println(summary.toLine());
                out.flush();
            }
            if (options.summaryJson() != null) {
                try {
                    summary.writeJson(options.summaryJson());
                } catch (IOException e) {
                    summaryWriteFailed = true;
                    System.err.println("townlet: --summary-json: cannot write " + options.summaryJson() + ": " + e);
                }
            }
            System.err.flush();
        }
    }
}

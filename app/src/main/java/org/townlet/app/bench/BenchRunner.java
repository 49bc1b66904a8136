package org.townlet.app.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.townlet.app.config.TownletConfig;
import org.townlet.app.run.TelemetryAssembly;
import org.townlet.app.run.TickPacer;
import org.townlet.app.wiring.TransportRegistry;
import org.townlet.sim.SimulationLoop;
import org.townlet.telemetry.adapter.tcp.TcpSettings;
import org.townlet.telemetry.adapter.tcp.TcpTransportFactory;
import org.townlet.telemetry.api.TelemetrySink;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.api.transport.TransportContext;
import org.townlet.telemetry.core.publish.TelemetryPublisher;
import org.townlet.telemetry.core.publish.TelemetrySinks;
import org.townlet.telemetry.core.worker.BackpressureStrategy;
import org.townlet.telemetry.core.worker.BufferedItem;
import org.townlet.telemetry.core.worker.FrameProducer;
import org.townlet.telemetry.core.worker.PipelineCounters;
import org.townlet.telemetry.core.worker.TelemetryWorker;
import org.townlet.telemetry.core.worker.WorkerSettings;

/**
 * Runs the rounds of one {@code townlet bench} on the calling thread (the simulation thread), SPEC §19 and §20:
 * warm-up, then interleaved unpaced on/off rounds, a round paced at 5,000 ticks/s into the file transport, and the
 * TCP loopback round. Progress goes to {@code progress} (stderr).
 */
final class BenchRunner {
    static final double PACED_TICKS_PER_SECOND = 5_000.0;
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);
    /** At most this many recorded frames, and bytes in all, feed the TCP round. */
    private static final int TCP_MAX_FRAMES = 20_000;
    private static final long TCP_MAX_BYTES = 256L << 20;
    /** The TCP round sends at least this many frames (the recorded ones, cycled). */
    private static final int TCP_MIN_FRAMES = 4_000;
    private static final int TCP_ROUNDS = 5;

    /** Builds the configuration of a round: {@code true} = telemetry on into {@code file} (null: the configured transport). */
    interface Configs {
        TownletConfig on(Path fileOrNull, long ticks);

        TownletConfig fileDefaults(Path file, long ticks);

        /** The "on" configuration with the batching knobs of one {@code --sweep} row. */
        TownletConfig sweep(Path fileOrNull, long ticks, int maxBatchSize, long flushIntervalTicks, double pollSeconds);
    }

    /** The {@code --sweep} grid of SPEC §19. */
    static final int[] SWEEP_BATCH = {16, 32};
    static final long[] SWEEP_FLUSH_TICKS = {1, 2};
    static final double[] SWEEP_POLL_SECONDS = {0.5, 1.0};
    static final String SWEEP_HEADER = "max_batch_size,flush_interval_ticks,worker_poll_seconds,ticks_per_second_on,"
            + "sink_share,emit_p99_us,frames_per_second,bytes_per_second,frames_dropped,queue_peak,"
            + "alloc_bytes_per_frame";

    private final Configs configs;
    private final TransportRegistry registry;
    private final BenchSettings settings;
    private final PrintStream progress;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final SchedStats schedStats = new SchedStats();

    BenchRunner(Configs configs, TransportRegistry registry, BenchSettings settings, PrintStream progress) {
        this.configs = configs;
        this.registry = registry;
        this.settings = settings;
        this.progress = progress;
    }

    /** A finished round. */
    private record Round(long ticks, long loopNanos, long wallNanos, TimingSink timing, TransportStatus status,
                         long allocatedBytes, ThreadCpu cpu, BenchResult.Contention contention) {
    }

    /**
     * What the rest of the JVM and the machine did around a round's threads, as totals so far: time compiling, time
     * collecting, and the time the simulation, deriver and worker threads waited for a core (Linux only). Compiling is
     * the compiler threads' CPU time where {@code /proc} shows it: {@code CompilationMXBean} counts a compilation only
     * when it ends, so it misses one that overlaps a round's start or end.
     */
    private record MachineSample(long jitMillis, OptionalLong compilerRun, long gcMillis, long gcCollections,
                                 OptionalLong simulationWait, OptionalLong deriverWait, OptionalLong workerWait,
                                 OptionalLong steal) {
        static MachineSample take(SchedStats stats) {
            CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
            long compiling = jit != null && jit.isCompilationTimeMonitoringSupported()
                    ? jit.getTotalCompilationTime() : 0;
            long collecting = 0;
            long collections = 0;
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                collecting += Math.max(0, collector.getCollectionTime());
                collections += Math.max(0, collector.getCollectionCount());
            }
            return new MachineSample(compiling, stats.threadsNamedRunNanos(COMPILER_THREADS), collecting, collections,
                    stats.currentThreadWaitNanos(),
                    stats.threadsNamedWaitNanos(TelemetryPublisher.DERIVER_THREAD_NAME),
                    stats.threadsNamedWaitNanos(TelemetryWorker.THREAD_NAME), stats.stealNanos());
        }

        BenchResult.Contention since(MachineSample start) {
            double compiling = millisBetween(start.compilerRun, compilerRun).orElse(jitMillis - start.jitMillis);
            return new BenchResult.Contention(compiling, gcMillis - start.gcMillis,
                    gcCollections - start.gcCollections, millisBetween(start.simulationWait, simulationWait),
                    millisBetween(start.deriverWait, deriverWait), millisBetween(start.workerWait, workerWait),
                    millisBetween(start.steal, steal));
        }

        /** How many milliseconds a nanosecond total grew by, when both readings are there. */
        private static OptionalDouble millisBetween(OptionalLong before, OptionalLong after) {
            return before.isPresent() && after.isPresent()
                    ? OptionalDouble.of(Math.max(0, after.getAsLong() - before.getAsLong()) / 1e6)
                    : OptionalDouble.empty();
        }
    }

    /** CPU time of the pipeline's threads: a sample, or the time from one sample to another. */
    private record ThreadCpu(long simulationNanos, long deriverNanos, long workerNanos) {
        static final ThreadCpu ZERO = new ThreadCpu(0, 0, 0);

        static ThreadCpu sample(com.sun.management.ThreadMXBean threads, long simulation, long[] derivers,
                long[] workers) {
            return new ThreadCpu(Math.max(0, threads.getThreadCpuTime(simulation)),
                    sum(threads.getThreadCpuTime(derivers)), sum(threads.getThreadCpuTime(workers)));
        }

        ThreadCpu since(ThreadCpu start) {
            return new ThreadCpu(Math.max(0, simulationNanos - start.simulationNanos),
                    Math.max(0, deriverNanos - start.deriverNanos), Math.max(0, workerNanos - start.workerNanos));
        }

        ThreadCpu plus(ThreadCpu other) {
            return new ThreadCpu(simulationNanos + other.simulationNanos, deriverNanos + other.deriverNanos,
                    workerNanos + other.workerNanos);
        }

        BenchResult.CpuPerTick perTick(long ticks) {
            double scale = 1e-3 / Math.max(1, ticks);
            return new BenchResult.CpuPerTick(simulationNanos * scale, deriverNanos * scale, workerNanos * scale);
        }
    }

    /** The JIT's compiler threads, by the first characters of their names ({@code C1 CompilerThread0}, …). */
    static final List<String> COMPILER_THREADS = List.of("C1 CompilerThre", "C2 CompilerThre");
    /** A round starts once the compiler threads used less than this CPU time within one {@link #JIT_QUIET_WINDOW}. */
    static final Duration JIT_QUIET_BUSY = Duration.ofMillis(1);
    static final Duration JIT_QUIET_WINDOW = Duration.ofMillis(20);
    /** A round starts after this wait in any case. */
    static final Duration JIT_QUIET_LIMIT = Duration.ofSeconds(1);
    /** A warm-up cycle in which compiling took at most this share of its time means the JIT has settled. */
    static final double JIT_SETTLED_SHARE = 0.05;
    /** How many warm-up cycles in a row must be under {@link #JIT_SETTLED_SHARE}: single quiet cycles come and go. */
    static final int JIT_SETTLED_CYCLES = 3;
    /** Warm-up stops at this multiple of {@code --warmup-seconds} even if the JIT has not settled. */
    static final double WARMUP_LIMIT_FACTOR = 2.0;

    BenchResult run(Path workDir) throws IOException {
        threads.setThreadAllocatedMemoryEnabled(true);
        warmUp(workDir);
        double timerOverhead = TimingSink.timerOverheadNanos();
        progress.printf("bench: timing one sink call costs %.0f ns; taken out of sink_share%n", timerOverhead);
        Histogram emit = new Histogram(3_600_000_000_000L, 3);
        long sinkNanos = 0;
        long loopNanosOn = 0;
        long wallNanosOn = 0;
        long framesSent = 0;
        long bytesSent = 0;
        long framesBuilt = 0;
        long droppedOn = 0;
        long allocated = 0;
        double tpsOn = 0;
        double tpsOff = 0;
        long ticksOn = 0;
        Map<String, long[]> byCall = new HashMap<>();
        ThreadCpu cpuOn = ThreadCpu.ZERO;
        for (int r = 1; r <= settings.repeat(); r++) {
            Path file = workDir.resolve("round-" + r + ".jsonl");
            Round on = runOn(file, settings.ticks(), 0);
            Round off = runOff(settings.ticks());
            emit.add(on.timing().histogram());
            sinkNanos += on.timing().totalNanos();
            ticksOn += on.ticks();
            on.timing().byCall().forEach((call, cost) -> {
                long[] sum = byCall.computeIfAbsent(call, name -> new long[2]);
                sum[0] += cost[0];
                sum[1] += cost[1];
            });
            loopNanosOn += on.loopNanos();
            wallNanosOn += on.wallNanos();
            framesSent += on.status().payloadsSentTotal();
            bytesSent += on.status().bytesSentTotal();
            framesBuilt += on.status().framesBuiltTotal();
            droppedOn += on.status().framesDroppedTotal();
            allocated += on.allocatedBytes();
            cpuOn = cpuOn.plus(on.cpu());
            double roundOn = on.ticks() / (on.loopNanos() / 1e9);
            double roundOff = off.ticks() / (off.loopNanos() / 1e9);
            tpsOn += roundOn;
            tpsOff += roundOff;
            progress.printf("bench: round %d/%d: on %.0f ticks/s (sink %.1f%%, sent %d, dropped %d; meanwhile %s), "
                    + "off %.0f ticks/s%n", r, settings.repeat(), roundOn, 100.0 * sinkShare(on, timerOverhead),
                    on.status().payloadsSentTotal(), on.status().framesDroppedTotal(), on.contention().describe(),
                    roundOff);
        }
        progress.printf("bench: paced round, %d ticks at %.0f ticks/s into the file transport (defaults)%n",
                settings.ticks(), PACED_TICKS_PER_SECOND);
        Path pacedFile = workDir.resolve("paced.jsonl");
        Round paced = runPaced(pacedFile, settings.ticks());
        progress.printf("bench: paced round: dropped %d, queue peak %d; meanwhile %s%n",
                paced.status().framesDroppedTotal(), paced.status().queueLengthPeak(), paced.contention().describe());
        List<EncodedFrame> frames = readFrames(pacedFile);
        progress.printf("bench: tcp loopback round, %d pre-encoded frames%n", frames.size());
        double[] tcp = tcpRound(frames);
        int repeat = settings.repeat();
        double sinkShareRaw = (double) sinkNanos / loopNanosOn;
        double sinkShare = sinkShare(sinkNanos, emit.getTotalCount(), loopNanosOn, timerOverhead);
        // emit holds every recorded call of the rounds, so its count is the number of calls timed
        return new BenchResult(tpsOn / repeat, tpsOff / repeat, sinkShare, sinkShareRaw, timerOverhead,
                emit.getValueAtPercentile(50.0) / 1000.0, emit.getValueAtPercentile(99.0) / 1000.0,
                emit.getValueAtPercentile(99.9) / 1000.0, framesSent / (wallNanosOn / 1e9),
                bytesSent / (wallNanosOn / 1e9), droppedOn, paced.status().framesDroppedTotal(),
                paced.status().queueLengthPeak(), paced.ticks() / (paced.loopNanos() / 1e9),
                framesBuilt == 0 ? 0 : (double) allocated / framesBuilt, tcp[0], tcp[1],
                tcp[1] > 0 ? tcp[0] / tcp[1] : 0, frames.size(), perTick(byCall, ticksOn), cpuOn.perTick(ticksOn),
                paced.cpu().perTick(paced.ticks()), paced.contention());
    }

    /** The calls' totals per tick, most expensive first. */
    private static Map<String, BenchResult.CallCost> perTick(Map<String, long[]> byCall, long ticks) {
        Map<String, BenchResult.CallCost> costs = new LinkedHashMap<>();
        byCall.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .forEach(entry -> costs.put(entry.getKey(), new BenchResult.CallCost(
                        (double) entry.getValue()[0] / Math.max(1, ticks),
                        (double) entry.getValue()[1] / Math.max(1, ticks))));
        return costs;
    }

    /**
     * Warm-up cycles (an unpaced on round, an off round, a paced round, {@code --warmup} ticks each) until
     * {@code --warmup-seconds} have passed and the JIT has settled: C2 keeps compiling (and recompiling after
     * deoptimisations) for 15–30 s on two cores, and measuring before it settles measures the compiler taking a core.
     * Methods called once per batch rather than per frame ({@code TelemetryWorker.flushOnce}, {@code sendWithRetry})
     * reach C2 last, 25–39 s after start (after a detour through C1's level 2 while C2 is busy), and their C2
     * compilation (~200 ms of a core) inside the paced round cost it hundreds of frames; hence the 40 s default.
     * Settled means {@link #JIT_SETTLED_CYCLES} cycles in a row in each of which compiling took at most
     * {@link #JIT_SETTLED_SHARE} of the cycle's time (one quiet cycle after 20 s was often followed by one compiling
     * 200 % of it, and C2 then took a core during the paced round); cycles stop at {@link #WARMUP_LIMIT_FACTOR} ×
     * {@code --warmup-seconds} in any case (with a note when the JIT was still busy).
     */
    private void warmUp(Path workDir) {
        if (settings.warmup() == 0) {
            return;
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long started = System.nanoTime();
        long until = started + Math.round(settings.warmupSeconds() * 1e9);
        long limit = started + Math.round(settings.warmupSeconds() * WARMUP_LIMIT_FACTOR * 1e9);
        int cycles = 0;
        int quietInARow = 0;
        double jitShare;
        do {
            long cycleStart = System.nanoTime();
            long compiledBefore = jitTimed ? jit.getTotalCompilationTime() : 0;
            Path file = workDir.resolve("warmup.jsonl");
            Path pacedFile = workDir.resolve("warmup-paced.jsonl");
            runOn(file, settings.warmup(), 0);
            runOff(settings.warmup());
            runPaced(pacedFile, settings.warmup());
            deleteQuietly(file);
            deleteQuietly(pacedFile);
            cycles++;
            double cycleMs = (System.nanoTime() - cycleStart) / 1e6;
            jitShare = jitTimed ? (jit.getTotalCompilationTime() - compiledBefore) / cycleMs : 0.0;
            quietInARow = jitShare <= JIT_SETTLED_SHARE ? quietInARow + 1 : 0;
            progress.printf("bench: warm-up cycle %d (%.0f s, JIT compiling %.0f%% of it)%n", cycles,
                    (System.nanoTime() - started) / 1e9, 100 * jitShare);
        } while (System.nanoTime() < until
                || jitTimed && quietInARow < JIT_SETTLED_CYCLES && System.nanoTime() < limit);
        if (jitTimed && quietInARow < JIT_SETTLED_CYCLES) {
            progress.printf("bench: the JIT was still compiling (%.0f%% of the last cycle) after %.0f s of warm-up; "
                    + "the figures may include its cost%n", 100 * jitShare, (System.nanoTime() - started) / 1e9);
        }
    }

    /** A round's sink time, less the timer's own cost per recorded call, ÷ its tick-loop time. */
    private static double sinkShare(Round round, double timerOverheadNanos) {
        return sinkShare(round.timing().totalNanos(), round.timing().histogram().getTotalCount(), round.loopNanos(),
                timerOverheadNanos);
    }

    /** Sink time less the timer's cost per recorded call, ÷ tick-loop time. */
    private static double sinkShare(long sinkNanos, long calls, long loopNanos, double timerOverheadNanos) {
        return Math.max(0.0, (sinkNanos - timerOverheadNanos * calls) / loopNanos);
    }

    /** One unpaced "on" round per point of the sweep grid; the CSV lines, header first. */
    List<String> sweep(Path workDir) {
        double timerOverhead = TimingSink.timerOverheadNanos();
        List<String> lines = new ArrayList<>();
        lines.add(SWEEP_HEADER);
        int row = 0;
        for (int batch : SWEEP_BATCH) {
            for (long flush : SWEEP_FLUSH_TICKS) {
                for (double poll : SWEEP_POLL_SECONDS) {
                    row++;
                    Path file = workDir.resolve("sweep-" + row + ".jsonl");
                    TownletConfig config = configs.sweep(file, settings.ticks(), batch, flush, poll);
                    Round on = runRound(config, new TelemetryAssembly(registry).build(config), settings.ticks(), 0);
                    long built = Math.max(1, on.status().framesBuiltTotal());
                    double seconds = on.wallNanos() / 1e9;
                    lines.add(String.format(java.util.Locale.ROOT, "%d,%d,%.2f,%.1f,%.5f,%.2f,%.1f,%.0f,%d,%d,%.0f",
                            batch, flush, poll, on.ticks() / (on.loopNanos() / 1e9),
                            sinkShare(on, timerOverhead),
                            on.timing().histogram().getValueAtPercentile(99.0) / 1000.0,
                            on.status().payloadsSentTotal() / seconds, on.status().bytesSentTotal() / seconds,
                            on.status().framesDroppedTotal(), on.status().queueLengthPeak(),
                            (double) on.allocatedBytes() / built));
                    progress.printf("bench: sweep %d/8: batch=%d flush_ticks=%d poll=%.1fs%n", row, batch, flush,
                            poll);
                    deleteQuietly(file);
                }
            }
        }
        return lines;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the temporary directory is removed at the end anyway
        }
    }

    private Round runOn(Path file, long ticks, double tickRate) {
        TownletConfig config = configs.on(file, ticks);
        return runRound(config, new TelemetryAssembly(registry).build(config), ticks, tickRate);
    }

    private Round runOff(long ticks) {
        TownletConfig config = configs.on(null, ticks);
        return runRound(config, TelemetrySinks.stub(), ticks, 0);
    }

    private Round runPaced(Path file, long ticks) {
        TownletConfig config = configs.fileDefaults(file, ticks);
        return runRound(config, new TelemetryAssembly(registry).build(config), ticks, PACED_TICKS_PER_SECOND);
    }

    private Round runRound(TownletConfig config, TelemetrySink real, long ticks, double tickRate) {
        TimingSink timing = TimingSink.wrap(real);
        SimulationLoop loop = new SimulationLoop(config.simulation(), timing, System::nanoTime, "bench");
        Thread sim = Thread.currentThread();
        timing.start();
        awaitJitQuiet();
        long[] workers = threadIds(TelemetryWorker.THREAD_NAME);
        long[] derivers = threadIds(TelemetryPublisher.DERIVER_THREAD_NAME);
        long[] pipeline = concat(workers, derivers);
        long allocStart = threads.getThreadAllocatedBytes(sim.getId()) + sum(threads.getThreadAllocatedBytes(pipeline));
        ThreadCpu cpuStart = ThreadCpu.sample(threads, sim.getId(), derivers, workers);
        MachineSample machineStart = MachineSample.take(schedStats);
        long started = System.nanoTime();
        long loopNanos;
        boolean measured = false;
        try {
            timing.recording(true);
            // Paced as `townlet run --tick-rate` paces (it never spins, and runs the ticks due in a millisecond
            // together), so the paced round's pipeline shares the machine with what a paced run has, not with a
            // spinning harness.
            TickPacer pacer = new TickPacer(tickRate);
            pacer.begin();
            for (long t = 0; t < ticks; t++) {
                pacer.awaitNext(t);
                loop.step();
            }
            loopNanos = System.nanoTime() - started;
            timing.recording(false);
            awaitDrained(real);
            measured = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bench interrupted", e);
        } finally {
            if (!measured) {
                timing.stop();
            }
        }
        long wallNanos = System.nanoTime() - started;
        long allocEnd = threads.getThreadAllocatedBytes(sim.getId()) + sum(threads.getThreadAllocatedBytes(pipeline));
        ThreadCpu cpu = ThreadCpu.sample(threads, sim.getId(), derivers, workers).since(cpuStart);
        BenchResult.Contention contention = MachineSample.take(schedStats).since(machineStart);
        timing.stop();
        return new Round(ticks, loopNanos, wallNanos, timing, real.transportStatus(), Math.max(0, allocEnd - allocStart),
                cpu, contention);
    }

    /**
     * Waits until the JIT's compiler threads are idle ({@link #JIT_QUIET_BUSY} within {@link #JIT_QUIET_WINDOW}), at
     * most {@link #JIT_QUIET_LIMIT}; at once where the OS does not report them. Setting a round up (its town,
     * configuration and pipeline) runs code that only set-up runs, so it reaches C2's thresholds at some arbitrary
     * round, and C2 compiled it (story-beat validation, the SHA-256 of the affordance table, the configuration's
     * regular expressions) for 16–241 ms at the start of that round, on one of the two cores the round measures
     * (docs/PERFORMANCE.md, change 46). A long-running simulation sets up once.
     */
    private void awaitJitQuiet() {
        long limit = System.nanoTime() + JIT_QUIET_LIMIT.toNanos();
        OptionalLong before = schedStats.threadsNamedRunNanos(COMPILER_THREADS);
        while (before.isPresent() && System.nanoTime() < limit) {
            LockSupport.parkNanos(JIT_QUIET_WINDOW.toNanos());
            OptionalLong now = schedStats.threadsNamedRunNanos(COMPILER_THREADS);
            if (now.isEmpty() || now.getAsLong() - before.getAsLong() < JIT_QUIET_BUSY.toNanos()) {
                return;
            }
            before = now;
        }
    }

    /** Waits until every frame built was delivered or dropped (the stub is drained at once). */
    private static void awaitDrained(TelemetrySink sink) {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            TransportStatus status = sink.transportStatus();
            if (status.allFramesSettled()) {
                return;
            }
            LockSupport.parkNanos(200_000);
        }
    }

    /** The live threads whose names start with {@code prefix}. */
    private static long[] threadIds(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .mapToLong(Thread::getId).toArray();
    }

    private static long[] concat(long[] first, long[] second) {
        long[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total += Math.max(0, v);
        }
        return total;
    }

    /**
     * The frames of {@code file} (real frames of the paced round), cycled until there are at least
     * {@value #TCP_MIN_FRAMES} (or {@link #TCP_MAX_BYTES} bytes), renumbered 0, 1, 2, ...
     */
    private static List<EncodedFrame> readFrames(Path file) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        byte[] all = Files.readAllBytes(file);
        int start = 0;
        for (int i = 0; i < all.length && lines.size() < TCP_MAX_FRAMES; i++) {
            if (all[i] == '\n') {
                lines.add(Arrays.copyOfRange(all, start, i + 1));
                start = i + 1;
            }
        }
        List<EncodedFrame> frames = new ArrayList<>();
        long total = 0;
        while (!lines.isEmpty() && frames.size() < TCP_MIN_FRAMES && total < TCP_MAX_BYTES) {
            for (byte[] line : lines) {
                int n = frames.size();
                frames.add(new EncodedFrame(n, n + 1L, n == 0 ? FrameKind.SNAPSHOT : FrameKind.DIFF, line));
                total += line.length;
                if (total >= TCP_MAX_BYTES) {
                    break;
                }
            }
        }
        return frames;
    }

    /** Returns {worker+tcp frames/s, raw frames/s}, measured against the same loopback receiver. */
    private double[] tcpRound(List<EncodedFrame> frames) throws IOException {
        if (frames.isEmpty()) {
            return new double[] {0, 0};
        }
        long totalBytes = frames.stream().mapToLong(EncodedFrame::size).sum();
        try (LoopbackReceiver receiver = new LoopbackReceiver()) {
            // one warm-up pair, then TCP_ROUNDS interleaved pairs; the median of each
            rawRound(receiver, frames, totalBytes);
            workerRound(receiver, frames, totalBytes);
            double[] raw = new double[TCP_ROUNDS];
            double[] worker = new double[TCP_ROUNDS];
            for (int i = 0; i < TCP_ROUNDS; i++) {
                raw[i] = rawRound(receiver, frames, totalBytes);
                worker[i] = workerRound(receiver, frames, totalBytes);
            }
            Arrays.sort(raw);
            Arrays.sort(worker);
            return new double[] {worker[TCP_ROUNDS / 2], raw[TCP_ROUNDS / 2]};
        }
    }

    private static double rawRound(LoopbackReceiver receiver, List<EncodedFrame> frames, long totalBytes)
            throws IOException {
        long before = receiver.bytes();
        long started = System.nanoTime();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), receiver.port());
             OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16)) {
            socket.setTcpNoDelay(true);
            for (EncodedFrame frame : frames) {
                out.write(frame.bytes());
            }
            out.flush();
            if (!receiver.awaitBytes(before + totalBytes, DRAIN_TIMEOUT_NANOS)) {
                throw new IOException("loopback receiver did not receive the raw frames in time");
            }
        }
        return frames.size() / ((System.nanoTime() - started) / 1e9);
    }

    /** A pre-encoded frame as a buffer item. */
    private record Preencoded(EncodedFrame frame) implements BufferedItem {
        @Override
        public long seq() {
            return frame.seq();
        }

        @Override
        public long tick() {
            return frame.tick();
        }
    }

    private double workerRound(LoopbackReceiver receiver, List<EncodedFrame> frames, long totalBytes) {
        // wait until the previous connection has been read to its end
        receiver.awaitBytes(receiver.bytes(), 0);
        long before = receiver.bytes();
        WorkerSettings workerSettings = WorkerSettings.DEFAULTS.toBuilder()
                .maxBufferBytes(Math.max(WorkerSettings.DEFAULT_MAX_BUFFER_BYTES, totalBytes * 2))
                .maxBufferFrames(Math.max(WorkerSettings.DEFAULT_MAX_BUFFER_FRAMES, frames.size() * 2))
                .backpressure(BackpressureStrategy.BLOCK)
                .build();
        PipelineCounters counters = new PipelineCounters(TcpTransportFactory.NAME, "block", false, false, false,
                false);
        TcpTransportFactory factory = new TcpTransportFactory();
        TcpSettings tcp = TcpSettings.of("127.0.0.1:" + receiver.port());
        TransportContext context = new TransportContext(Clock.systemUTC(), new Random(1), counters::toStatus,
                "org.townlet.telemetry.transport.tcp", counters.transportCallbacks());
        FrameProducer<Preencoded> producer = new FrameProducer<>() {
            @Override
            public Optional<EncodedFrame> encode(Preencoded item) {
                return Optional.of(item.frame());
            }

            @Override
            public void requestKeyframe() {
            }
        };
        TelemetryWorker<Preencoded> worker = TelemetryWorker.<Preencoded>builder()
                .transport(factory.create(tcp, context))
                .producer(producer)
                .counters(counters)
                .settings(workerSettings)
                .build();
        List<Preencoded> items = new ArrayList<>(frames.size());
        for (EncodedFrame frame : frames) {
            items.add(new Preencoded(frame));
        }
        worker.start();
        long started = System.nanoTime();
        for (Preencoded item : items) {
            counters.incrementFramesBuilt();
            worker.offer(item);
        }
        receiver.awaitBytes(before + totalBytes, DRAIN_TIMEOUT_NANOS);
        long elapsed = System.nanoTime() - started;
        worker.stop();
        return frames.size() / (elapsed / 1e9);
    }

}

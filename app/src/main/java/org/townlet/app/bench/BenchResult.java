package org.townlet.app.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.StringJoiner;

/**
 * The figures of one {@code townlet bench} (SPEC §19, §20). Rates are per second; times in microseconds.
 *
 * @param ticksPerSecondOn   unpaced ticks/s with the publisher and the chosen transport (mean of the rounds)
 * @param ticksPerSecondOff  unpaced ticks/s with the stub sink
 * @param sinkShare          sink time on the simulation thread ÷ tick time, telemetry on (0..1), without the timer's
 *                           own cost ({@code timerOverheadNs} per call)
 * @param sinkShareRaw       the same with the timer's cost left in
 * @param timerOverheadNs    the measured cost of timing one call
 * @param emitP50Us          one sink call on the simulation thread, p50
 * @param emitP99Us          p99
 * @param emitP999Us         p99.9
 * @param framesPerSecond    frames delivered ÷ time from the first tick until the pipeline was drained
 * @param bytesPerSecond     bytes delivered, likewise
 * @param framesDroppedOn    frames dropped in the unpaced rounds (informational)
 * @param framesDropped      frames dropped in the round paced at 5,000 ticks/s into the file transport (P2)
 * @param queuePeak          the buffer's peak item count in that round
 * @param pacedTicksPerSecond the rate the paced round achieved
 * @param allocBytesPerFrame bytes allocated by the simulation, deriver and worker threads ÷ frames built, telemetry on
 * @param tcpFramesPerSecond frames/s through the worker and TCP transport from pre-encoded frames
 * @param rawFramesPerSecond frames/s of one thread writing the same bytes straight to the socket
 * @param tcpVsRawRatio      the two divided
 * @param tcpFrames          frames used in the TCP round
 * @param sinkCalls          where the sink time of the unpaced "on" rounds went, by call (an event's type for
 *                           {@code emitEvent}), most expensive first
 * @param cpuOn              CPU time per tick of the simulation, deriver and worker threads in the unpaced "on"
 *                           rounds, from the first tick until the pipeline was drained
 * @param cpuPaced           the same in the paced round
 * @param pacedContention    what else took or withheld CPU during the paced round (P2 is a question of CPU to spare)
 */
record BenchResult(double ticksPerSecondOn, double ticksPerSecondOff, double sinkShare, double sinkShareRaw,
                   double timerOverheadNs, double emitP50Us,
                   double emitP99Us, double emitP999Us, double framesPerSecond, double bytesPerSecond,
                   long framesDroppedOn, long framesDropped, long queuePeak, double pacedTicksPerSecond,
                   double allocBytesPerFrame, double tcpFramesPerSecond, double rawFramesPerSecond,
                   double tcpVsRawRatio, int tcpFrames, Map<String, CallCost> sinkCalls, CpuPerTick cpuOn,
                   CpuPerTick cpuPaced, Contention pacedContention) {

    /** One kind of sink call, per tick of the "on" rounds; the timer's cost is included. */
    record CallCost(double callsPerTick, double nanosPerTick) {
        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("calls_per_tick", round(callsPerTick, 3));
            map.put("ns_per_tick", round(nanosPerTick, 1));
            return map;
        }
    }

    /** Microseconds of CPU per tick, by thread ({@code ThreadMXBean}): where the pipeline's work runs. */
    record CpuPerTick(double simulationUs, double deriverUs, double workerUs) {
        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("simulation", round(simulationUs, 1));
            map.put("deriver", round(deriverUs, 1));
            map.put("worker", round(workerUs, 1));
            return map;
        }
    }

    /**
     * What else took or withheld CPU during a round, from its first tick until its pipeline was drained: milliseconds
     * the JIT spent compiling (its compiler threads' CPU time from {@link SchedStats}; {@code CompilationMXBean} where
     * the OS does not report it), milliseconds and count of garbage collections as the collectors report them, and
     * milliseconds the simulation, deriver and worker threads spent runnable but waiting for a core, and CPU
     * milliseconds the hypervisor gave to others while this machine's cores wanted them (steal, summed over the cores)
     * ({@link SchedStats}; empty where the OS does not report them).
     */
    record Contention(double jitMs, double gcMs, long gcCollections, OptionalDouble simulationWaitMs,
                      OptionalDouble deriverWaitMs, OptionalDouble workerWaitMs, OptionalDouble stealMs) {
        Contention {
            Objects.requireNonNull(simulationWaitMs, "simulationWaitMs");
            Objects.requireNonNull(deriverWaitMs, "deriverWaitMs");
            Objects.requireNonNull(workerWaitMs, "workerWaitMs");
            Objects.requireNonNull(stealMs, "stealMs");
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("jit_ms", round(jitMs, 1));
            map.put("gc_ms", round(gcMs, 1));
            map.put("gc_collections", gcCollections);
            Map<String, Object> waits = waitsMs();
            if (!waits.isEmpty()) {
                map.put("runqueue_wait_ms", waits);
            }
            stealMs.ifPresent(ms -> map.put("steal_ms", round(ms, 1)));
            return map;
        }

        /** One line for the progress output. */
        String describe() {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                    "the JIT compiled for %.0f ms and GC took %.0f ms (%d collections)", jitMs, gcMs, gcCollections));
            Map<String, Object> waits = waitsMs();
            if (!waits.isEmpty()) {
                StringJoiner each = new StringJoiner(", ", "; waiting for a core: ", "");
                waits.forEach((thread, ms) -> each.add(thread + " " + ms + " ms"));
                text.append(each);
            }
            // Only when there was any: on bare metal (and on most rounds of a virtual machine) it is always 0.
            stealMs.stream().filter(ms -> ms >= 0.5).forEach(ms -> text.append(String.format(Locale.ROOT,
                    "; the hypervisor withheld %.0f ms of CPU from this machine's cores", ms)));
            return text.toString();
        }

        private Map<String, Object> waitsMs() {
            Map<String, Object> waits = new LinkedHashMap<>();
            simulationWaitMs.ifPresent(ms -> waits.put("simulation", round(ms, 1)));
            deriverWaitMs.ifPresent(ms -> waits.put("deriver", round(ms, 1)));
            workerWaitMs.ifPresent(ms -> waits.put("worker", round(ms, 1)));
            return waits;
        }
    }

    /** The SPEC §20 targets, each with whether it was met. */
    Map<String, Boolean> targets() {
        Map<String, Boolean> targets = new LinkedHashMap<>();
        targets.put("P1 sink_share <= 0.05", sinkShare <= 0.05);
        targets.put("P2 frames_dropped = 0 at 5,000 ticks/s", framesDropped == 0);
        targets.put("P3 emit_p99_us <= 50", emitP99Us <= 50.0);
        targets.put("P4 tcp_vs_raw_ratio >= 0.5", tcpVsRawRatio >= 0.5);
        targets.put("P5 alloc_bytes_per_frame reported", allocBytesPerFrame >= 0);
        return targets;
    }

    boolean allTargetsMet() {
        return !targets().containsValue(false);
    }

    /** The flat top-level keys of {@code --json}. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ticks_per_second_on", round(ticksPerSecondOn, 1));
        map.put("ticks_per_second_off", round(ticksPerSecondOff, 1));
        map.put("overhead_ratio", round(ticksPerSecondOff > 0 ? ticksPerSecondOn / ticksPerSecondOff : 0, 4));
        map.put("sink_share", round(sinkShare, 5));
        map.put("sink_share_raw", round(sinkShareRaw, 5));
        map.put("timer_overhead_ns", round(timerOverheadNs, 1));
        map.put("emit_p50_us", round(emitP50Us, 2));
        map.put("emit_p99_us", round(emitP99Us, 2));
        map.put("emit_p999_us", round(emitP999Us, 2));
        map.put("frames_per_second", round(framesPerSecond, 1));
        map.put("bytes_per_second", round(bytesPerSecond, 0));
        map.put("frames_dropped", framesDropped);
        map.put("queue_peak", queuePeak);
        map.put("paced_ticks_per_second", round(pacedTicksPerSecond, 1));
        map.put("frames_dropped_unpaced", framesDroppedOn);
        map.put("alloc_bytes_per_frame", round(allocBytesPerFrame, 0));
        map.put("tcp_vs_raw_ratio", round(tcpVsRawRatio, 4));
        map.put("tcp_frames_per_second", round(tcpFramesPerSecond, 1));
        map.put("raw_frames_per_second", round(rawFramesPerSecond, 1));
        map.put("tcp_frames", tcpFrames);
        map.put("targets_met", allTargetsMet());
        return map;
    }

    static double round(double value, int places) {
        if (!Double.isFinite(value)) {
            return 0.0;
        }
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}

package org.townlet.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Linux's {@code /proc/<task>/schedstat} of this JVM's threads: how long they ran on a core, and how long they waited
 * for one while they could run. A paced round that drops frames while its threads wait for a large part of the round
 * was short of CPU (other threads, the JIT, another process), not slow in its own work; docs/PERFORMANCE.md shows
 * both kinds of round. The run time of the JIT's compiler threads, which {@code ThreadMXBean} does not show, tells
 * whether the JIT is busy. On a virtual machine, {@code /proc/stat}'s steal time says how much of the waiting the host
 * caused ({@link #stealNanos()}).
 *
 * <p>Threads are found by name: Linux keeps the first 15 bytes of a thread's name ({@code comm}), so a prefix that
 * long matches, e.g., every {@code telemetry-worker*} thread alive at the time. Elsewhere (no {@code /proc}, or a
 * kernel without schedstats) every reading is empty. Stateless.
 */
final class SchedStats {
    /** The length of a Linux task name ({@code TASK_COMM_LEN} less its terminator). */
    static final int COMM_LENGTH = 15;
    private static final int RUN_FIELD = 0;
    private static final int WAIT_FIELD = 1;
    /** The position of "steal" on {@code /proc/stat}'s {@code cpu} line, the label being position 0. */
    private static final int STEAL_FIELD = 8;
    /** {@code /proc/stat} counts in USER_HZ ticks, 100 a second on every Linux architecture. */
    private static final long NANOS_PER_USER_HZ_TICK = 10_000_000L;

    private final Path proc;

    /** Reads the running JVM's tasks. */
    SchedStats() {
        this(Path.of("/proc"));
    }

    /** Reads a {@code /proc}-like tree (tests). */
    SchedStats(Path proc) {
        this.proc = proc;
    }

    /**
     * CPU time the hypervisor gave to others while this machine's virtual cores wanted it ("steal", summed over the
     * cores) since boot, from the {@code cpu} line of {@code /proc/stat}; empty elsewhere. On a virtual machine a
     * thread waits for a core here too, and this says how much of that wait the host caused, not this machine.
     */
    OptionalLong stealNanos() {
        try (Stream<String> lines = Files.lines(proc.resolve("stat"))) {
            String total = lines.filter(line -> line.startsWith("cpu ")).findFirst().orElse("");
            String[] fields = total.strip().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...; in USER_HZ ticks, which Linux fixes at 100/s
            return fields.length > STEAL_FIELD
                    ? OptionalLong.of(Long.parseLong(fields[STEAL_FIELD]) * NANOS_PER_USER_HZ_TICK)
                    : OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The calling thread's run-queue wait so far, if the OS reports it. */
    OptionalLong currentThreadWaitNanos() {
        return schedstat(proc.resolve("thread-self"), WAIT_FIELD);
    }

    /**
     * The summed run-queue wait so far of the live threads of this process whose names start with {@code prefix}
     * (compared on its first {@value #COMM_LENGTH} characters), or empty when the OS reports none.
     */
    OptionalLong threadsNamedWaitNanos(String prefix) {
        return threadsNamed(List.of(prefix), WAIT_FIELD);
    }

    /**
     * The summed time on a core so far of the live threads of this process whose names start with any of
     * {@code prefixes}, compared as in {@link #threadsNamedWaitNanos}; empty when the OS reports none.
     */
    OptionalLong threadsNamedRunNanos(List<String> prefixes) {
        return threadsNamed(prefixes, RUN_FIELD);
    }

    private OptionalLong threadsNamed(List<String> prefixes, int field) {
        List<String> comms = prefixes.stream()
                .map(prefix -> prefix.length() > COMM_LENGTH ? prefix.substring(0, COMM_LENGTH) : prefix)
                .toList();
        Path tasks = proc.resolve("self").resolve("task");
        if (!Files.isDirectory(tasks)) {
            return OptionalLong.empty();
        }
        long total = 0;
        boolean found = false;
        try (Stream<Path> all = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) all::iterator) {
                String name = nameOf(task);
                if (comms.stream().noneMatch(name::startsWith)) {
                    continue;
                }
                OptionalLong value = schedstat(task, field);
                if (value.isPresent()) {
                    total += value.getAsLong();
                    found = true;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the task list changes while it is read; a round without the figure is still a round
            return OptionalLong.empty();
        }
        return found ? OptionalLong.of(total) : OptionalLong.empty();
    }

    private static String nameOf(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return ""; // the thread ended meanwhile
        }
    }

    /** Field {@code field} of {@code schedstat}, which is "run-ns wait-ns timeslices". */
    private static OptionalLong schedstat(Path task, int field) {
        try {
            String[] fields = Files.readString(task.resolve("schedstat")).strip().split("\\s+");
            return fields.length > field ? OptionalLong.of(Long.parseLong(fields[field])) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}

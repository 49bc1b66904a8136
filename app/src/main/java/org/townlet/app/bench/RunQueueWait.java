package org.townlet.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * How long threads waited for a core while they could run: the second field of Linux's
 * {@code /proc/<task>/schedstat} (nanoseconds runnable but not running). A paced round that drops frames while its
 * threads wait here for a large part of the round was short of CPU (other threads, the JIT, another process), not
 * slow in its own work; docs/PERFORMANCE.md shows both kinds of round.
 *
 * <p>The first field, time on a core, tells whether the JIT's compiler threads are busy
 * ({@link #threadsNamedRunNanos}).
 *
 * <p>Threads are found by name: Linux keeps the first 15 bytes of a thread's name ({@code comm}), so a prefix that
 * long matches, e.g., every {@code telemetry-worker*} thread alive at the time. Elsewhere (no {@code /proc}, or a
 * kernel without schedstats) every reading is empty. Stateless.
 */
final class RunQueueWait {
    /** The length of a Linux task name ({@code TASK_COMM_LEN} less its terminator). */
    static final int COMM_LENGTH = 15;
    private static final int RUN_FIELD = 0;
    private static final int WAIT_FIELD = 1;

    private final Path proc;

    /** Reads the running JVM's tasks. */
    RunQueueWait() {
        this(Path.of("/proc"));
    }

    /** Reads a {@code /proc}-like tree (tests). */
    RunQueueWait(Path proc) {
        this.proc = proc;
    }

    /** The calling thread's run-queue wait so far, if the OS reports it. */
    OptionalLong currentThreadNanos() {
        return waitNanos(proc.resolve("thread-self"));
    }

    /**
     * The summed run-queue wait so far of the live threads of this process whose names start with {@code prefix}
     * (compared on its first {@value #COMM_LENGTH} characters), or empty when the OS reports none.
     */
    OptionalLong threadsNamedNanos(String prefix) {
        return threadsNamed(prefix, WAIT_FIELD);
    }

    /**
     * The summed CPU time so far (time on a core) of the live threads of this process whose names start with
     * {@code prefix}, as {@link #threadsNamedNanos}; for threads the JVM hides from {@code ThreadMXBean}, such as
     * its compiler threads.
     */
    OptionalLong threadsNamedRunNanos(String prefix) {
        return threadsNamed(prefix, RUN_FIELD);
    }

    private OptionalLong threadsNamed(String prefix, int field) {
        String comm = prefix.length() > COMM_LENGTH ? prefix.substring(0, COMM_LENGTH) : prefix;
        Path tasks = proc.resolve("self").resolve("task");
        if (!Files.isDirectory(tasks)) {
            return OptionalLong.empty();
        }
        long total = 0;
        boolean found = false;
        try (Stream<Path> all = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) all::iterator) {
                if (!nameOf(task).startsWith(comm)) {
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

    private static OptionalLong waitNanos(Path task) {
        return schedstat(task, WAIT_FIELD);
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

package org.townlet.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedStatsTest {
    @TempDir
    Path proc;

    private void task(String id, String comm, String schedstat) throws IOException {
        Path task = Files.createDirectories(proc.resolve("self").resolve("task").resolve(id));
        Files.writeString(task.resolve("comm"), comm + "\n");
        Files.writeString(task.resolve("schedstat"), schedstat + "\n");
    }

    @Test
    void sumsTheWaitOfEveryThreadWhoseTruncatedNameMatches() throws IOException {
        // Linux keeps 15 bytes of "telemetry-worker": the worker and its stop helper both read "telemetry-worke".
        task("101", "telemetry-worke", "5000 1200 7");
        task("102", "telemetry-worke", "100 300 1");
        task("103", "telemetry-deriv", "9000 4000 12");
        task("104", "java", "1 99999 1");

        SchedStats stats = new SchedStats(proc);

        assertThat(stats.threadsNamedWaitNanos("telemetry-worker")).isEqualTo(OptionalLong.of(1500));
        assertThat(stats.threadsNamedWaitNanos("telemetry-deriver")).isEqualTo(OptionalLong.of(4000));
    }

    @Test
    void sumsTheCpuTimeOfThreadsTheJvmHidesSuchAsItsCompilerThreads() throws IOException {
        task("301", "C2 CompilerThre", "7000 10 3");
        task("302", "C2 CompilerThre", "3000 5 1");
        task("303", "C1 CompilerThre", "500 1 1");

        SchedStats stats = new SchedStats(proc);

        assertThat(stats.threadsNamedRunNanos(List.of("C2 CompilerThread0"))).isEqualTo(OptionalLong.of(10_000));
        assertThat(stats.threadsNamedRunNanos(List.of("C1 CompilerThread0", "C2 CompilerThread0")))
                .as("any of several names").isEqualTo(OptionalLong.of(10_500));
        assertThat(stats.threadsNamedRunNanos(List.of("telemetry-worker"))).isEmpty();
        assertThat(stats.threadsNamedWaitNanos("C2 CompilerThread0")).as("the wait, not the CPU time")
                .isEqualTo(OptionalLong.of(15));
    }

    @Test
    void isEmptyWhenNoThreadMatchesOrTheFigureIsUnreadable() throws IOException {
        task("201", "telemetry-worke", "garbage");
        task("202", "telemetry-worke", "42");

        SchedStats stats = new SchedStats(proc);

        assertThat(stats.threadsNamedWaitNanos("telemetry-worker")).isEmpty();
        assertThat(stats.threadsNamedWaitNanos("telemetry-deriver")).isEmpty();
        assertThat(stats.currentThreadWaitNanos()).isEmpty();
        assertThat(new SchedStats(proc.resolve("missing")).threadsNamedWaitNanos("x")).isEmpty();
    }

    @Test
    void readsStealFromTheCpuLineOfProcStatInHundredthsOfASecond() throws IOException {
        Files.writeString(proc.resolve("stat"), """
                cpu  10697427 58787 1067037 5535920 6697 0 47278 22736 0 0
                cpu0 5348713 29393 533518 2767960 3348 0 23639 11368 0 0
                intr 123
                """);

        assertThat(new SchedStats(proc).stealNanos()).isEqualTo(OptionalLong.of(227_360_000_000L));
    }

    @Test
    void stealIsEmptyWithoutProcStatOrAStealField() throws IOException {
        assertThat(new SchedStats(proc).stealNanos()).isEmpty();

        Files.writeString(proc.resolve("stat"), "cpu  1 2 3 4\n");

        assertThat(new SchedStats(proc).stealNanos()).isEmpty();
    }

    @Test
    void readsTheCallingThreadThroughThreadSelf() throws IOException {
        Path self = Files.createDirectories(proc.resolve("thread-self"));
        Files.writeString(self.resolve("schedstat"), "10 20 30\n");

        assertThat(new SchedStats(proc).currentThreadWaitNanos()).isEqualTo(OptionalLong.of(20));
    }

    @Test
    void readsThisJvmOnLinux() {
        assumeTrue(Files.isReadable(Path.of("/proc/thread-self/schedstat")), "schedstat is Linux-only");

        SchedStats stats = new SchedStats();

        assertThat(stats.currentThreadWaitNanos()).isPresent();
        assertThat(stats.currentThreadWaitNanos().getAsLong()).isNotNegative();
        // What bench waits on before a round (BenchRunner.awaitJitQuiet): the JIT's compiler threads are there to read.
        assertThat(stats.threadsNamedRunNanos(BenchRunner.COMPILER_THREADS)).isPresent();
        assertThat(stats.stealNanos()).isPresent();
        assertThat(stats.stealNanos().getAsLong()).isNotNegative();
    }
}

package org.townlet.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunQueueWaitTest {
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

        RunQueueWait waits = new RunQueueWait(proc);

        assertThat(waits.threadsNamedNanos("telemetry-worker")).isEqualTo(OptionalLong.of(1500));
        assertThat(waits.threadsNamedNanos("telemetry-deriver")).isEqualTo(OptionalLong.of(4000));
    }

    @Test
    void sumsTheCpuTimeOfThreadsTheJvmHidesSuchAsItsCompilerThreads() throws IOException {
        task("301", "C2 CompilerThre", "7000 10 3");
        task("302", "C2 CompilerThre", "3000 5 1");
        task("303", "C1 CompilerThre", "500 1 1");

        RunQueueWait waits = new RunQueueWait(proc);

        assertThat(waits.threadsNamedRunNanos("C2 CompilerThread0")).isEqualTo(OptionalLong.of(10_000));
        assertThat(waits.threadsNamedRunNanos("C1 CompilerThread0")).isEqualTo(OptionalLong.of(500));
        assertThat(waits.threadsNamedNanos("C2 CompilerThread0")).as("the wait, not the CPU time")
                .isEqualTo(OptionalLong.of(15));
    }

    @Test
    void isEmptyWhenNoThreadMatchesOrTheFigureIsUnreadable() throws IOException {
        task("201", "telemetry-worke", "garbage");
        task("202", "telemetry-worke", "42");

        RunQueueWait waits = new RunQueueWait(proc);

        assertThat(waits.threadsNamedNanos("telemetry-worker")).isEmpty();
        assertThat(waits.threadsNamedNanos("telemetry-deriver")).isEmpty();
        assertThat(waits.currentThreadNanos()).isEmpty();
        assertThat(new RunQueueWait(proc.resolve("missing")).threadsNamedNanos("x")).isEmpty();
    }

    @Test
    void readsTheCallingThreadThroughThreadSelf() throws IOException {
        Path self = Files.createDirectories(proc.resolve("thread-self"));
        Files.writeString(self.resolve("schedstat"), "10 20 30\n");

        assertThat(new RunQueueWait(proc).currentThreadNanos()).isEqualTo(OptionalLong.of(20));
    }

    @Test
    void readsThisJvmOnLinux() {
        assumeTrue(Files.isReadable(Path.of("/proc/thread-self/schedstat")), "schedstat is Linux-only");

        RunQueueWait waits = new RunQueueWait();

        assertThat(waits.currentThreadNanos()).isPresent();
        assertThat(waits.currentThreadNanos().getAsLong()).isNotNegative();
        // What bench waits on before a round (BenchRunner.awaitJitQuiet): the JIT's compiler threads are there to read.
        for (String compiler : BenchRunner.COMPILER_THREADS) {
            assertThat(waits.threadsNamedRunNanos(compiler)).as(compiler).isPresent();
        }
    }
}

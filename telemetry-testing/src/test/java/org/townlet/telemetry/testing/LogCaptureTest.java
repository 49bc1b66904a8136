package org.townlet.telemetry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LogCaptureTest {
    private static final String NAME = LogCaptureTest.class.getName() + ".";

    @Test
    void capturesSystemLoggerRecordsByLevelWithParametersFilledIn() {
        System.Logger log = System.getLogger(NAME + "levels");
        try (LogCapture capture = LogCapture.on(NAME + "levels")) {
            log.log(System.Logger.Level.INFO, "started tick={0}", 7);
            log.log(System.Logger.Level.WARNING, "slow section={0} path={1}", "world", "world.x");
            log.log(System.Logger.Level.ERROR, "failed", new IllegalStateException("boom"));
            log.log(System.Logger.Level.DEBUG, "not seen at the default INFO threshold");

            assertThat(capture.messages()).containsExactly("started tick=7", "slow section=world path=world.x",
                    "failed");
            assertThat(capture.messages(Level.INFO)).containsExactly("started tick=7");
            assertThat(capture.warnings()).containsExactly("slow section=world path=world.x");
            assertThat(capture.errors()).containsExactly("failed");
            assertThat(capture.lines()).containsExactly("INFO started tick=7",
                    "WARNING slow section=world path=world.x", "SEVERE failed");
            assertThat(capture.records()).extracting(LogRecord::getThrown).last()
                    .isInstanceOf(IllegalStateException.class);
            assertThat(capture.contains("path=world.x")).isTrue();
            assertThat(capture.contains("not seen")).isFalse();
        }
    }

    @Test
    void ofCapturesTheLoggerNamedAfterTheClass() {
        try (LogCapture capture = LogCapture.of(LogCaptureTest.class)) {
            System.getLogger(LogCaptureTest.class.getName()).log(System.Logger.Level.WARNING, "hello");
            System.getLogger(NAME + "child").log(System.Logger.Level.WARNING, "from a child logger");
            System.getLogger(LogCaptureTest.class.getName() + "Sibling")
                    .log(System.Logger.Level.WARNING, "elsewhere");

            assertThat(capture.warnings()).containsExactly("hello", "from a child logger");
        }
    }

    @Test
    void closeDetachesAndRestoresConsoleOutput() {
        Logger jul = Logger.getLogger(NAME + "close");
        LogCapture capture = LogCapture.on(NAME + "close");
        assertThat(jul.getUseParentHandlers()).isFalse();
        System.getLogger(NAME + "close").log(System.Logger.Level.WARNING, "before");

        capture.close();
        capture.close();

        assertThat(jul.getUseParentHandlers()).isTrue();
        assertThat(jul.getHandlers()).isEmpty();
        jul.setUseParentHandlers(false); // keep the next record off the console
        try {
            System.getLogger(NAME + "close").log(System.Logger.Level.WARNING, "after");
        } finally {
            jul.setUseParentHandlers(true);
        }
        assertThat(capture.warnings()).containsExactly("before");
    }

    @Test
    void recordsFromManyThreadsAreAllKept() throws InterruptedException {
        System.Logger log = System.getLogger(NAME + "threads");
        int threads = 8;
        int perThread = 200;
        try (LogCapture capture = LogCapture.on(NAME + "threads")) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        log.log(System.Logger.Level.WARNING, "message");
                        capture.warnings();
                    }
                });
                worker.start();
                workers.add(worker);
            }
            start.countDown();
            for (Thread worker : workers) {
                worker.join();
            }

            assertThat(capture.warnings()).hasSize(threads * perThread);
        }
    }
}

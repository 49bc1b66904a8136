package org.townlet.telemetry.core.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.status.MetricValue;

class IngestionLogTest {
    private static IngestionLog.Metric metric(long n) {
        return new IngestionLog.Metric("m", new MetricValue(n, Map.of()));
    }

    private static long valueOf(IngestionLog.Entry entry) {
        return (long) ((IngestionLog.Metric) entry).value().value();
    }

    @Test
    void pastTheBoundTheAppendingThreadIngestsTheOldestInPartsAndTheBacklogStaysBounded() {
        List<Long> ingested = new ArrayList<>();
        IngestionLog log = new IngestionLog(entry -> ingested.add(valueOf(entry)));
        long appends = 4 * IngestionLog.MAX_PENDING;

        for (long n = 0; n < appends; n++) {
            log.append(metric(n));
            assertThat(n + 1 - ingested.size()).as("waiting after append %d", n)
                    .isLessThanOrEqualTo(IngestionLog.MAX_PENDING + IngestionLog.BOUND_CHECK_EVERY);
        }
        assertThat(ingested).as("some, oldest first").isNotEmpty().hasSizeLessThan((int) appends);
        for (int i = 0; i < ingested.size(); i++) {
            assertThat(ingested.get(i)).isEqualTo(i);
        }
        // no single append ingested everything waiting: a part per check
        assertThat(appends - ingested.size()).isGreaterThan(IngestionLog.MAX_PENDING - IngestionLog.CATCH_UP_ENTRIES);

        log.ingestAll();
        assertThat(ingested).hasSize((int) appends);
        assertThat(ingested.get((int) appends - 1)).isEqualTo(appends - 1);
    }

    @Test
    void theFirstBoundCheckCatchesUpOnceWhateverTheBacklog() {
        // so that the JIT's profile sees the catch-up path taken (BoundCheck)
        List<Long> ingested = new ArrayList<>();
        IngestionLog log = new IngestionLog(entry -> ingested.add(valueOf(entry)));

        for (long n = 0; n < IngestionLog.BOUND_CHECK_EVERY - 1; n++) {
            log.append(metric(n));
        }
        assertThat(ingested).isEmpty();
        log.append(metric(IngestionLog.BOUND_CHECK_EVERY - 1));
        assertThat(ingested).hasSize((int) IngestionLog.BOUND_CHECK_EVERY);

        // later checks under the bound leave the backlog to the readers
        for (long n = IngestionLog.BOUND_CHECK_EVERY; n < 4 * IngestionLog.BOUND_CHECK_EVERY; n++) {
            log.append(metric(n));
        }
        assertThat(ingested).hasSize((int) IngestionLog.BOUND_CHECK_EVERY);
    }

    @Test
    void pastTheBoundTheAppendingThreadDoesNotWaitForAnotherThreadIngesting() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> ingested = new ArrayList<>();
        IngestionLog log = new IngestionLog(entry -> {
            if (valueOf(entry) == 0 && inside.getCount() > 0) {
                inside.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (ingested) {
                ingested.add(valueOf(entry));
            }
        });
        log.append(metric(0));
        CompletableFuture<Void> reader = CompletableFuture.runAsync(log::ingestAll);
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

        // the reader holds the ingestion lock: appends past the bound go on without it
        for (long n = 1; n <= 2 * IngestionLog.MAX_PENDING; n++) {
            log.append(metric(n));
        }
        // An append that waited for the lock could only have got here after the reader timed out and finished.
        assertThat(reader).as("the appends went on while the reader held the lock").isNotDone();
        release.countDown();
        reader.get(30, TimeUnit.SECONDS);
        log.ingestAll();

        synchronized (ingested) {
            assertThat(ingested).hasSize((int) (2 * IngestionLog.MAX_PENDING + 1));
        }
    }
}

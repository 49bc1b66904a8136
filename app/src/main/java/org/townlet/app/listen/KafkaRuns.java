package org.townlet.app.listen;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.townlet.app.listen.http.DashboardServer;
import org.townlet.telemetry.core.consume.LineOutcome;
import org.townlet.telemetry.core.consume.StreamConsumer;

/**
 * The runs that {@code listen --kafka} has seen: one reference consumer per run id (the record key, SPEC §12.4),
 * created with the run's first record, and, with {@code --http}, one run on the dashboard each, told about every frame
 * its consumer applied. A record without a key belongs to the run {@value #NO_KEY}.
 *
 * <p>Threads: only the poll thread calls {@link #accept}; nothing here waits for the dashboard (adding a run and
 * {@link DashboardServer.RunFeed#frameApplied} never wait). The consumers themselves are thread-safe, so the
 * dashboard's push thread reads them while the poll thread feeds them. {@link #consumers()} is for after the poll
 * loop.
 */
final class KafkaRuns {
    /** The run id of records without a key. */
    static final String NO_KEY = "(no key)";
    private static final byte[] EMPTY = new byte[0];

    private final long maxLineBytes;
    private final DashboardServer dashboard;
    private final Map<String, Run> runs = new TreeMap<>();
    private long records;

    /**
     * @param maxLineBytes {@code --max-line-bytes} of every run's consumer
     * @param dashboard    the dashboard to show every run on; null without {@code --http}
     */
    KafkaRuns(long maxLineBytes, DashboardServer dashboard) {
        this.maxLineBytes = maxLineBytes;
        this.dashboard = dashboard;
    }

    private record Run(StreamConsumer consumer, DashboardServer.RunFeed feed) {
    }

    /** Applies one record's value to the consumer of its key's run (created on first use). Poll thread only. */
    LineOutcome accept(byte[] key, byte[] value) {
        records++;
        String runId = key == null ? NO_KEY : new String(key, StandardCharsets.UTF_8);
        Run run = runs.computeIfAbsent(runId, id -> {
            StreamConsumer consumer = StreamConsumer.builder().maxLineBytes(maxLineBytes).build();
            return new Run(consumer, dashboard == null ? null : dashboard.addRun(id, consumer, null));
        });
        byte[] frame = value == null ? EMPTY : value;
        LineOutcome outcome = run.consumer().accept(frame);
        if (run.feed() != null && outcome.applied()) {
            run.feed().frameApplied(frame);
        }
        return outcome;
    }

    /** Records accepted so far. */
    long records() {
        return records;
    }

    /** Runs seen so far. */
    int count() {
        return runs.size();
    }

    /** Run id → its consumer, in run id order. */
    Map<String, StreamConsumer> consumers() {
        Map<String, StreamConsumer> consumers = new TreeMap<>();
        runs.forEach((id, run) -> consumers.put(id, run.consumer()));
        return Collections.unmodifiableMap(consumers);
    }
}

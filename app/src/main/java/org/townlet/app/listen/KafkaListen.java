package org.townlet.app.listen;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.townlet.app.lifecycle.ShutdownHook;
import org.townlet.telemetry.core.consume.ConsumerCounters;
import org.townlet.telemetry.core.consume.StreamConsumer;

/**
 * {@code townlet listen --kafka}: reads a telemetry topic from its earliest offset and applies each run's frames
 * (records keyed by run id) with its own reference consumer, so gaps and duplicates are counted per run exactly as the
 * TCP listener counts them. Ends after {@code --idle-exit} seconds without a record, or on SIGINT/SIGTERM; then prints
 * one line per run and writes {@code --summary-json}: {@code runs} (run id → frames, gaps, duplicates, malformed,
 * last_seq, stale) and the totals.
 */
final class KafkaListen {
    private static final Duration POLL = Duration.ofMillis(200);
    /** The consumer's close (2 s) and the summary, with margin. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);
    private static final String NO_KEY = "(no key)";

    private final String bootstrap;
    private final String topic;
    private final Duration idleExit;
    private final Path summaryJson;
    private final long maxLineBytes;
    private final boolean quiet;
    private final PrintStream err;
    private final Map<String, StreamConsumer> runs = new TreeMap<>();

    KafkaListen(String bootstrap, String topic, Duration idleExit, Path summaryJson, long maxLineBytes, boolean quiet,
                PrintStream err) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.idleExit = idleExit;
        this.summaryJson = summaryJson;
        this.maxLineBytes = maxLineBytes;
        this.quiet = quiet;
        this.err = err;
    }

    int execute() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        // A group of its own each time, so every listen reads the topic from the start and commits nothing.
        p.put("group.id", "townlet-listen-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        p.put("client.id", "townlet-listen");
        long start = System.nanoTime();
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        // SIGINT/SIGTERM wake the poll loop; the hook waits (bounded) for the summary, then ends the JVM with 0.
        ShutdownHook hook = ShutdownHook.install(SHUTDOWN_WAIT, consumer::wakeup, err::flush, 0);
        if (!quiet) {
            err.println("townlet listen: reading topic " + topic + " from " + bootstrap + " (earliest offset)");
        }
        long records = 0;
        try {
            consumer.subscribe(List.of(topic));
            long lastRecord = System.nanoTime();
            long lastDigest = System.nanoTime();
            while (true) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
                long now = System.nanoTime();
                if (!batch.isEmpty()) {
                    lastRecord = now;
                }
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    records++;
                    String run = record.key() == null ? NO_KEY : new String(record.key(), StandardCharsets.UTF_8);
                    StreamConsumer stream = runs.computeIfAbsent(run,
                            k -> StreamConsumer.builder().maxLineBytes(maxLineBytes).build());
                    stream.accept(record.value() == null ? new byte[0] : record.value());
                }
                if (!quiet && now - lastDigest >= Duration.ofSeconds(2).toNanos()) {
                    lastDigest = now;
                    err.println("townlet listen: runs=" + runs.size() + " records=" + records);
                }
                if (idleExit != null && now - lastRecord >= idleExit.toNanos()) {
                    break;
                }
            }
        } catch (WakeupException e) {
            // SIGINT or SIGTERM: end normally with the summary.
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
        try {
            Map<String, Object> summary = summary(records, (System.nanoTime() - start) / 1e9);
            for (Map.Entry<String, StreamConsumer> run : runs.entrySet()) {
                ConsumerCounters c = run.getValue().counters();
                err.println("townlet listen: run=" + run.getKey() + " frames=" + c.frames() + " gaps=" + c.gaps()
                        + " duplicates=" + c.duplicates() + " malformed=" + c.malformedTotal());
            }
            err.println("townlet listen: runs=" + runs.size() + " frames=" + summary.get("frames") + " gaps="
                    + summary.get("gaps") + " duplicates=" + summary.get("duplicates") + " records=" + records);
            if (summaryJson != null) {
                ListenSummary.writeAtomically(summaryJson, summary, "--summary-json");
            }
        } finally {
            hook.runFinished();
            hook.uninstall();
        }
        return 0;
    }

    private Map<String, Object> summary(long records, double seconds) {
        Map<String, Object> perRun = new LinkedHashMap<>();
        long frames = 0;
        long gaps = 0;
        long duplicates = 0;
        long malformed = 0;
        for (Map.Entry<String, StreamConsumer> run : runs.entrySet()) {
            StreamConsumer stream = run.getValue();
            ConsumerCounters c = stream.counters();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("frames", c.frames());
            entry.put("gaps", c.gaps());
            entry.put("duplicates", c.duplicates());
            entry.put("malformed", c.malformedTotal());
            entry.put("snapshots", c.snapshots());
            entry.put("diffs", c.diffs());
            entry.put("last_seq", stream.lastSeq().isPresent() ? stream.lastSeq().getAsLong() : null);
            entry.put("last_tick", stream.lastTick().isPresent() ? stream.lastTick().getAsLong() : null);
            entry.put("stale", stream.stale());
            perRun.put(run.getKey(), entry);
            frames += c.frames();
            gaps += c.gaps();
            duplicates += c.duplicates();
            malformed += c.malformedTotal();
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("bootstrap", bootstrap);
        summary.put("topic", topic);
        summary.put("run_count", runs.size());
        summary.put("records", records);
        summary.put("frames", frames);
        summary.put("gaps", gaps);
        summary.put("duplicates", duplicates);
        summary.put("malformed", malformed);
        summary.put("duration_s", Math.round(seconds * 1000.0) / 1000.0);
        summary.put("runs", perRun);
        return summary;
    }
}

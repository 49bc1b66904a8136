package org.townlet.app.listen;

import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.townlet.app.lifecycle.ShutdownHook;
import org.townlet.app.listen.http.DashboardServer;
import org.townlet.telemetry.core.consume.ConsumerCounters;
import org.townlet.telemetry.core.consume.StreamConsumer;

/**
 * {@code townlet listen --kafka}: reads a telemetry topic from its earliest offset and applies each run's frames
 * (records keyed by run id) with its own reference consumer ({@link KafkaRuns}), so gaps and duplicates are counted per
 * run exactly as the TCP listener counts them. With {@code --http} it serves the live dashboard, one run per run id
 * (SPEC §19). Ends after {@code --idle-exit} seconds without a record, or on SIGINT/SIGTERM; then prints one line per
 * run and writes {@code --summary-json}: {@code runs} (run id → frames, gaps, duplicates, malformed, last_seq, stale)
 * and the totals.
 *
 * <p>Threads: the caller's thread polls Kafka and applies the records; it never waits for the dashboard, whose own
 * threads build and send the updates ({@link DashboardServer}). The JVM shutdown hook wakes the poll up.
 */
final class KafkaListen {
    private static final Duration POLL = Duration.ofMillis(200);
    /** The consumer's close (2 s), the dashboard's (2 s per thread pool) and the summary, with margin. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(8);
    private static final System.Logger LOG = System.getLogger(KafkaListen.class.getName());

    private final String bootstrap;
    private final String topic;
    private final ListenSettings settings;
    private final PrintStream err;

    /**
     * @param settings what applies of the listener's flags: {@code --idle-exit}, {@code --summary-json},
     *                 {@code --max-line-bytes}, {@code --quiet}, and {@code --http} on {@code --bind}
     */
    KafkaListen(String bootstrap, String topic, ListenSettings settings, PrintStream err) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.settings = settings;
        this.err = err;
    }

    /**
     * Runs until idle or signalled and returns the exit code (0).
     *
     * @throws java.io.UncheckedIOException when the dashboard's port cannot be bound (exit 1, as the TCP listener)
     */
    int execute() {
        long start = System.nanoTime();
        DashboardServer dashboard = null;
        if (settings.httpPort() != null) {
            dashboard = new DashboardServer(settings.bind(), settings.httpPort());
            dashboard.start(); // before anything else: a busy port ends the command at once
            LOG.log(Level.INFO, "Dashboard on http://" + ListenRun.hostForUrl(settings.bind()) + ":"
                    + dashboard.port() + "/");
        }
        KafkaRuns runs = new KafkaRuns(settings.maxLineBytes(), dashboard);
        KafkaConsumer<byte[], byte[]> consumer;
        try {
            consumer = new KafkaConsumer<>(properties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (RuntimeException e) {
            if (dashboard != null) {
                dashboard.close();
            }
            throw e;
        }
        // SIGINT/SIGTERM wake the poll loop; the hook waits (bounded) for the summary, then ends the JVM with 0.
        ShutdownHook hook = ShutdownHook.install(SHUTDOWN_WAIT, consumer::wakeup, err::flush, 0);
        if (!settings.quiet()) {
            err.println("townlet listen: reading topic " + topic + " from " + bootstrap + " (earliest offset)");
        }
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
                    runs.accept(record.key(), record.value());
                }
                if (!settings.quiet() && now - lastDigest >= Duration.ofSeconds(2).toNanos()) {
                    lastDigest = now;
                    err.println("townlet listen: runs=" + runs.count() + " records=" + runs.records());
                }
                if (settings.idleExit() != null && now - lastRecord >= settings.idleExit().toNanos()) {
                    break;
                }
            }
        } catch (WakeupException e) {
            // SIGINT or SIGTERM: end normally with the summary.
        } finally {
            consumer.close(Duration.ofSeconds(2));
            if (dashboard != null) {
                dashboard.close();
            }
        }
        try {
            Map<String, StreamConsumer> consumers = runs.consumers();
            Map<String, Object> summary = summary(consumers, runs.records(), (System.nanoTime() - start) / 1e9,
                    dashboard == null ? null : dashboard.stats());
            for (Map.Entry<String, StreamConsumer> run : consumers.entrySet()) {
                ConsumerCounters c = run.getValue().counters();
                err.println("townlet listen: run=" + run.getKey() + " frames=" + c.frames() + " gaps=" + c.gaps()
                        + " duplicates=" + c.duplicates() + " malformed=" + c.malformedTotal());
            }
            err.println("townlet listen: runs=" + consumers.size() + " frames=" + summary.get("frames") + " gaps="
                    + summary.get("gaps") + " duplicates=" + summary.get("duplicates") + " records="
                    + runs.records());
            if (settings.summaryJson() != null) {
                ListenSummary.writeAtomically(settings.summaryJson(), summary, "--summary-json");
            }
        } finally {
            hook.runFinished();
            hook.uninstall();
        }
        return 0;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        // A group of its own each time, so every listen reads the topic from the start and commits nothing.
        p.put("group.id", "townlet-listen-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        p.put("client.id", "townlet-listen");
        return p;
    }

    private Map<String, Object> summary(Map<String, StreamConsumer> runs, long records, double seconds,
                                        DashboardServer.Stats dashboard) {
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
        if (dashboard != null) {
            summary.put("dashboard_clients", dashboard.clientsServed());
            summary.put("dashboard_updates_dropped", dashboard.updatesDropped());
        }
        summary.put("runs", perRun);
        return summary;
    }
}

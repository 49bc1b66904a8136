package org.townlet.telemetry.core.console;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.townlet.telemetry.api.event.ConsoleResult;

/**
 * The console audit (SPEC §8.2): each console result is appended to a JSON-lines file as
 * {@code {name, status, cmd_id, issuer, tick, latency_ms[, result][, error]}} by one writer thread,
 * {@value #THREAD_NAME}, fed through a bounded queue.
 *
 * <p>{@link #submit} never blocks and never throws: a full queue drops the result (counted, one WARNING per
 * {@value #WARN_EVERY} drops). A failed write is logged as WARNING {@code Console audit write failed: {error}} and
 * counted, never thrown; the writer keeps going with the next result. Results submitted before {@link #start()} wait
 * in the queue. {@link #close(Duration)} writes what is queued, within the given time, and stops the thread.
 *
 * <p>Threads: {@link #submit} from the simulation thread; {@link #start()} and {@link #close} from the lifecycle
 * caller; the file is touched by the writer thread only.
 */
public final class ConsoleAuditWriter {
    /** The writer thread's name. */
    public static final String THREAD_NAME = "telemetry-console-audit";
    /** A full-queue WARNING is logged for the first drop and then once per this many. */
    static final long WARN_EVERY = 100;

    private static final System.Logger LOG = System.getLogger(ConsoleAuditWriter.class.getName());
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();
    /** Poison pill that tells the writer to finish. */
    private static final Map<String, Object> END = Map.of();

    private final Path path;
    private final BlockingQueue<Map<String, Object>> queue;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread thread;

    /** A writer appending to {@code path} (parent directories are created when the first line is written). */
    public ConsoleAuditWriter(Path path, int queueCapacity) {
        this.path = Objects.requireNonNull(path, "path");
        this.queue = new ArrayBlockingQueue<>(queueCapacity + 1);
    }

    /** The audit file. */
    public Path path() {
        return path;
    }

    /** Starts the writer thread, once. */
    public void start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            return;
        }
        Thread writer = new Thread(this::run, THREAD_NAME);
        writer.setDaemon(true);
        thread = writer;
        writer.start();
    }

    /** Queues {@code result} for the audit file; never blocks, never throws. Simulation thread. */
    public void submit(ConsoleResult result) {
        if (closed.get()) {
            return;
        }
        Map<String, Object> line;
        try {
            line = lineOf(result);
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            LOG.log(Level.WARNING, "Console audit write failed: " + e);
            return;
        }
        // One slot of the queue is reserved for the END pill.
        if (queue.remainingCapacity() <= 1 || !queue.offer(line)) {
            long total = dropped.incrementAndGet();
            if (total == 1 || total % WARN_EVERY == 0) {
                LOG.log(Level.WARNING, "Console audit queue full; " + total + " results not audited");
            }
        }
    }

    /**
     * Writes what is queued and stops the writer thread, waiting at most {@code timeout}; idempotent. A writer that
     * does not finish in time is interrupted and the rest is not written (counted as dropped).
     */
    public void close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Thread writer = thread;
        if (writer == null) {
            dropped.addAndGet(queue.size());
            queue.clear();
            return;
        }
        queue.offer(END);
        try {
            writer.join(Math.max(1L, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            writer.interrupt();
            LOG.log(Level.WARNING, "Console audit writer did not finish within " + timeout.toMillis() + " ms");
        }
    }

    /** Results written to the file so far. */
    public long writtenTotal() {
        return written.get();
    }

    /** Results not audited because the queue was full or the writer stopped. */
    public long droppedTotal() {
        return dropped.get();
    }

    /** Results whose write failed. */
    public long failedTotal() {
        return failed.get();
    }

    private void run() {
        BufferedWriter out = null;
        try {
            while (true) {
                Map<String, Object> line = queue.take();
                List<Map<String, Object>> batch = new ArrayList<>();
                batch.add(line);
                queue.drainTo(batch);
                boolean end = false;
                for (Map<String, Object> item : batch) {
                    if (item == END) {
                        end = true;
                        continue;
                    }
                    out = write(out, item);
                }
                if (out != null) {
                    try {
                        out.flush();
                    } catch (IOException e) {
                        failed.incrementAndGet();
                        LOG.log(Level.WARNING, "Console audit write failed: " + e.getMessage());
                        out = closeQuietly(out);
                    }
                }
                if (end) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            long left = queue.size();
            queue.clear();
            dropped.addAndGet(left);
        } finally {
            closeQuietly(out);
        }
    }

    private BufferedWriter write(BufferedWriter out, Map<String, Object> line) {
        BufferedWriter writer = out;
        try {
            if (writer == null) {
                Path parent = path.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            }
            writer.write(MAPPER.writeValueAsString(line));
            writer.write('\n');
            written.incrementAndGet();
            return writer;
        } catch (IOException | RuntimeException e) {
            failed.incrementAndGet();
            LOG.log(Level.WARNING, "Console audit write failed: " + e.getMessage());
            return closeQuietly(writer);
        }
    }

    private static BufferedWriter closeQuietly(BufferedWriter writer) {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "Console audit file close failed: " + e.getMessage());
            }
        }
        return null;
    }

    /** The audit line of {@code result}: {@code {name, status, cmd_id, issuer, tick, latency_ms[, result][, error]}}. */
    static Map<String, Object> lineOf(ConsoleResult result) {
        LinkedHashMap<String, Object> line = new LinkedHashMap<>();
        line.put("name", result.name());
        line.put("status", result.status().jsonName());
        line.put("cmd_id", result.cmdId());
        line.put("issuer", result.issuer());
        line.put("tick", result.tick());
        line.put("latency_ms", result.latencyMs());
        if (result.result() != null) {
            line.put("result", result.result());
        }
        if (result.error() != null) {
            LinkedHashMap<String, Object> error = new LinkedHashMap<>();
            error.put("code", result.error().code());
            error.put("message", result.error().message());
            error.put("details", result.error().details());
            line.put("error", error);
        }
        return line;
    }
}

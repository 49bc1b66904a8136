package org.townlet.app.listen.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.townlet.telemetry.core.consume.ConsumerCounters;
import org.townlet.telemetry.core.consume.StreamConsumer;

/**
 * The live dashboard of {@code townlet listen --http PORT}: one page (HTML, CSS and JS from the application's
 * resources, nothing from the internet) and a Server-Sent Events stream of digests ({@link DashboardDigest}).
 *
 * <p>Paths: {@code /} the page, {@code /dashboard.css}, {@code /dashboard.js}, {@code /digest.json} the latest update
 * once, {@code /events} the SSE stream. Every update is {@code {"runs":[digest, ...],"active_run":id}}: one digest per
 * run id ({@link #addRun}), ordered by run id, and the run whose frame arrived last (null before the first frame). A
 * TCP listener serves one run; {@code listen --kafka} adds one per record key as they appear, and the page offers the
 * choice. Runs are never removed: a listener sees as many as its topic holds.
 *
 * <p>Threads: {@value #PUSH_THREAD} builds an update at most every {@value #PUSH_INTERVAL_MILLIS} ms when frames
 * arrived (and every second regardless, so the page sees the idle time grow) and offers it to every client's
 * {@link ClientQueue} of {@value #CLIENT_QUEUE_CAPACITY} updates, never waiting; a full queue drops its oldest update
 * and counts it. Each client is written to by its own HTTP thread ({@value #HTTP_THREAD_PREFIX}{@code n}), so a slow
 * browser delays only itself, never the push thread nor the thread that receives frames. That thread only calls
 * {@link #addRun} (once per run) and {@link RunFeed#frameApplied}, which notes the time and scans the frame for
 * narrations: neither waits for the push thread, a client or the network. {@link #close()} stops everything, bounded.
 */
public final class DashboardServer implements AutoCloseable {
    /** Updates waiting per client before the oldest is dropped. */
    public static final int CLIENT_QUEUE_CAPACITY = 16;
    /** SSE clients served at once; more get 503. */
    public static final int MAX_CLIENTS = 32;
    static final long PUSH_INTERVAL_MILLIS = 200;
    static final long HEARTBEAT_MILLIS = 1_000;
    static final String PUSH_THREAD = "townlet-dashboard-push";
    static final String HTTP_THREAD_PREFIX = "townlet-dashboard-http-";
    private static final long RATE_WINDOW_NANOS = 1_500_000_000L;
    private static final String RESOURCES = "/org/townlet/app/dashboard/";
    private static final Map<String, String> ASSETS = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/dashboard.css", "dashboard.css",
            "/dashboard.js", "dashboard.js");
    private static final String INITIAL_PLACEHOLDER = "/*INITIAL*/";
    private static final String NO_UPDATE = "{\"runs\":[],\"active_run\":null}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(DashboardServer.class.getName());

    private final String bind;
    private final int requestedPort;
    /** Run id → run, in run id order; added by the receiving thread, read by the push thread. */
    private final ConcurrentSkipListMap<String, RunFeed> runs = new ConcurrentSkipListMap<>();
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final AtomicLong clientsServed = new AtomicLong();
    private final AtomicLong updatesSent = new AtomicLong();
    private final AtomicLong droppedByGoneClients = new AtomicLong();
    private volatile String latest;
    private volatile boolean closed;
    private long lastPushFrames = -1; // push thread only, as the next two
    private int lastPushRuns = -1;
    private long lastPushNanos;
    private HttpServer server;
    private ExecutorService httpThreads;
    private ScheduledExecutorService push;

    /**
     * A dashboard without runs yet; add them with {@link #addRun}.
     *
     * @param bind the address to serve on (the listener's {@code --bind})
     * @param port the port; 0 for an ephemeral one
     */
    public DashboardServer(String bind, int port) {
        this.bind = Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0–65535; got " + port);
        }
        this.requestedPort = port;
    }

    /** What the dashboard did: for the listener's summary. */
    public record Stats(long clientsServed, int clientsConnected, long updatesSent, long updatesDropped) {
    }

    /**
     * Shows one more run, from the next update on. Any thread, before or after {@link #start()}; cheap and never
     * waits (no I/O, no lock the push thread or a client holds for long).
     *
     * @param runId       the run's id, shown on the page; unique within this dashboard
     * @param consumer    the run's consumer: the state and counters shown
     * @param connections producer connections served so far; null when the source has none (Kafka), then the digest
     *                    leaves {@code connections} out
     * @return the handle that the thread feeding {@code consumer} tells about each applied frame
     * @throws IllegalArgumentException when {@code runId} is already shown
     */
    public RunFeed addRun(String runId, StreamConsumer consumer, LongSupplier connections) {
        RunFeed feed = new RunFeed(Objects.requireNonNull(runId, "runId"), Objects.requireNonNull(consumer, "consumer"),
                connections);
        if (runs.putIfAbsent(runId, feed) != null) {
            throw new IllegalArgumentException("run id already on the dashboard: " + runId);
        }
        return feed;
    }

    /**
     * One run on the dashboard ({@link DashboardServer#addRun}): its consumer, the narrations seen in its frames, the
     * time of its last frame, and (push thread only) its rate samples and chart series.
     */
    public static final class RunFeed {
        private final String runId;
        private final StreamConsumer consumer;
        private final LongSupplier connections;
        private final NarrationFeed narrations = new NarrationFeed();
        private final ArrayDeque<long[]> rateSamples = new ArrayDeque<>(); // push thread only: {nanos, tick, frames}
        private final DashboardSeries series = new DashboardSeries(); // push thread only
        private volatile long lastFrameNanos;
        private volatile boolean anyFrame;

        private RunFeed(String runId, StreamConsumer consumer, LongSupplier connections) {
            this.runId = runId;
            this.consumer = consumer;
            this.connections = connections;
        }

        /**
         * Called on the thread that feeds this run's consumer, for every frame the consumer applied, with its bytes:
         * notes the time and keeps its narrations. Cheap (one byte scan unless the frame carries narrations); never
         * throws, never waits.
         */
        public void frameApplied(byte[] line) {
            lastFrameNanos = System.nanoTime();
            anyFrame = true;
            try {
                narrations.frameApplied(line);
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "Dashboard: skipping the narrations of a frame of run " + runId + ": " + e);
            }
        }

        /** The run's id. */
        public String runId() {
            return runId;
        }
    }

    /**
     * Binds and starts serving and pushing.
     *
     * @throws UncheckedIOException when the address cannot be bound
     */
    public void start() {
        HttpServer created;
        try {
            created = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), requestedPort), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the dashboard on " + bind + ":" + requestedPort + ": "
                    + e.getMessage(), e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        httpThreads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, HTTP_THREAD_PREFIX + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        created.setExecutor(httpThreads);
        created.createContext("/", this::serveAsset);
        created.createContext("/digest.json", this::serveDigest);
        created.createContext("/events", this::serveEvents);
        created.start();
        server = created;
        push = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, PUSH_THREAD);
            thread.setDaemon(true);
            return thread;
        });
        push.scheduleWithFixedDelay(this::pushSafely, 0, PUSH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The bound port (the chosen one for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** What the dashboard did so far. */
    public Stats stats() {
        long dropped = droppedByGoneClients.get();
        for (Client client : clients) {
            dropped += client.queue.dropped();
        }
        return new Stats(clientsServed.get(), clients.size(), updatesSent.get(), dropped);
    }

    /** Stops pushing, ends every client's stream and stops the server and its threads, each bounded. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (push != null) {
            push.shutdownNow();
            awaitTermination(push, PUSH_THREAD);
        }
        for (Client client : clients) {
            client.queue.close();
        }
        if (server != null) {
            server.stop(0);
        }
        if (httpThreads != null) {
            httpThreads.shutdownNow();
            awaitTermination(httpThreads, HTTP_THREAD_PREFIX + "*");
        }
        Stats stats = stats();
        if (stats.updatesDropped() > 0) {
            LOG.log(Level.WARNING, "Dashboard: " + stats.updatesDropped() + " updates dropped for clients that did"
                    + " not keep up (" + stats.clientsServed() + " clients served)");
        }
    }

    // ------------------------------------------------------------------------------------------------ push

    private void pushSafely() {
        try {
            push();
        } catch (RuntimeException e) {
            // never let one bad update end the schedule
            LOG.log(Level.WARNING, "Dashboard: building an update failed: " + e, e);
        }
    }

    private void push() {
        long now = System.nanoTime();
        List<RunFeed> current = List.copyOf(runs.values());
        List<ConsumerCounters> counters = new ArrayList<>(current.size());
        long frames = 0;
        for (RunFeed run : current) {
            ConsumerCounters c = run.consumer.counters();
            counters.add(c);
            frames += c.frames();
            run.rateSamples.addLast(new long[] {now, run.consumer.lastTick().orElse(0), c.frames()});
            while (run.rateSamples.size() > 2 && now - run.rateSamples.peekFirst()[0] > RATE_WINDOW_NANOS) {
                run.rateSamples.pollFirst();
            }
        }
        boolean changed = frames != lastPushFrames || current.size() != lastPushRuns;
        if (!changed && now - lastPushNanos < HEARTBEAT_MILLIS * 1_000_000L && latest != null) {
            return;
        }
        String update = update(now, current, counters);
        latest = update;
        lastPushFrames = frames;
        lastPushRuns = current.size();
        lastPushNanos = now;
        for (Client client : clients) {
            client.queue.offer(update);
        }
    }

    /** One update: {@code {"runs":[digest, ...],"active_run":id}}. Push thread only. */
    private String update(long now, List<RunFeed> current, List<ConsumerCounters> counters) {
        List<Map<String, Object>> digests = new ArrayList<>(current.size());
        RunFeed active = null;
        for (int i = 0; i < current.size(); i++) {
            RunFeed run = current.get(i);
            digests.add(digest(now, run, counters.get(i)));
            if (run.anyFrame && (active == null || run.lastFrameNanos - active.lastFrameNanos > 0)) {
                active = run;
            }
        }
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("runs", digests);
        update.put("active_run", active == null ? null : active.runId);
        try {
            return JSON.writeValueAsString(update);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the dashboard update", e);
        }
    }

    /** The digest of one run, with its rates over the last second or so and its chart series. Push thread only. */
    private static Map<String, Object> digest(long now, RunFeed run, ConsumerCounters counters) {
        StreamConsumer consumer = run.consumer;
        OptionalLong tick = consumer.lastTick();
        long[] oldest = run.rateSamples.peekFirst();
        double seconds = (now - oldest[0]) / 1e9;
        double ticksPerSecond = seconds > 0.05 ? Math.max(0, tick.orElse(0) - oldest[1]) / seconds : 0.0;
        double framesPerSecond = seconds > 0.05 ? (counters.frames() - oldest[2]) / seconds : 0.0;
        OptionalLong seq = consumer.lastSeq();
        DashboardDigest.Inputs inputs = new DashboardDigest.Inputs(run.runId,
                tick.isPresent() ? tick.getAsLong() : null,
                seq.isPresent() ? seq.getAsLong() : null,
                ticksPerSecond, framesPerSecond,
                run.anyFrame ? (now - run.lastFrameNanos) / 1_000_000L : null,
                consumer.stale(), counters, run.connections == null ? null : run.connections.getAsLong(),
                run.narrations.newestFirst(), run.narrations.total());
        Map<String, Object> digest = DashboardDigest.build(consumer.state(), inputs);
        digest.put("series", run.series.add(digest));
        return digest;
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    private void serveAsset(HttpExchange exchange) throws IOException {
        try (exchange) {
            String name = ASSETS.get(exchange.getRequestURI().getPath());
            if (!isGet(exchange) || name == null) {
                respond(exchange, isGet(exchange) ? 404 : 405, "text/plain; charset=utf-8",
                        (isGet(exchange) ? "not found" : "method not allowed").getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body;
            try (InputStream in = DashboardServer.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    respond(exchange, 500, "text/plain; charset=utf-8",
                            ("missing resource " + name).getBytes(StandardCharsets.UTF_8));
                    return;
                }
                body = in.readAllBytes();
            }
            if (name.endsWith(".html")) {
                body = withInitialUpdate(body);
            }
            String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                    : name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            respond(exchange, 200, type, body);
        }
    }

    private void serveDigest(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!isGet(exchange)) {
                respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String current = latest;
            respond(exchange, 200, "application/json; charset=utf-8",
                    (current == null ? NO_UPDATE : current).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One SSE client, on its own HTTP thread until it goes away or the dashboard closes. */
    private void serveEvents(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!isGet(exchange) || closed || clients.size() >= MAX_CLIENTS) {
                respond(exchange, isGet(exchange) ? 503 : 405, "text/plain; charset=utf-8",
                        "not available".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Client client = new Client(clientsServed.incrementAndGet(), new ClientQueue(CLIENT_QUEUE_CAPACITY));
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            clients.add(client);
            String current = latest;
            if (current != null) {
                client.queue.offer(current);
            }
            OutputStream body = exchange.getResponseBody();
            try {
                body.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
                body.flush();
                while (!closed && !client.queue.closed()) {
                    String update = client.queue.poll(HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
                    if (update == null) {
                        continue;
                    }
                    String event = "data: {\"client\":{\"id\":" + client.id + ",\"dropped\":" + client.queue.dropped()
                            + "}," + update.substring(1) + "\n\n";
                    body.write(event.getBytes(StandardCharsets.UTF_8));
                    body.flush();
                    updatesSent.incrementAndGet();
                }
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "Dashboard client " + client.id + " went away: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                clients.remove(client);
                client.queue.close();
                long dropped = client.queue.dropped();
                droppedByGoneClients.addAndGet(dropped);
                if (dropped > 0) {
                    LOG.log(Level.INFO, "Dashboard client " + client.id + " dropped " + dropped
                            + " updates it did not read in time");
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Dashboard client went away: " + e.getMessage());
        }
    }

    /** The page with the latest update in place of its placeholder, so it renders before the stream connects. */
    private byte[] withInitialUpdate(byte[] page) {
        String current = latest;
        // "<" only occurs inside JSON strings, where its escape means the same; so no "</script>" can end the element
        String initial = (current == null ? NO_UPDATE : current).replace("<", "\\u003c");
        return new String(page, StandardCharsets.UTF_8).replace(INITIAL_PLACEHOLDER, initial)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isGet(HttpExchange exchange) {
        return "GET".equals(exchange.getRequestMethod()) || "HEAD".equals(exchange.getRequestMethod());
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void awaitTermination(ExecutorService executor, String name) {
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "Dashboard thread " + name + " did not end within 2000 ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Client(long id, ClientQueue queue) {
    }
}

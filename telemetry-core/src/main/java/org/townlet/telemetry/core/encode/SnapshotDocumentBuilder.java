package org.townlet.telemetry.core.encode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.townlet.telemetry.api.TelemetrySchema;
import org.townlet.telemetry.api.status.HealthStatus;
import org.townlet.telemetry.api.status.HealthSummary;
import org.townlet.telemetry.api.status.MetricValue;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.core.aggregate.ReadModels;

/**
 * Builds the snapshot document of SPEC §9.4 from a {@link TickRecord}: an insertion-ordered map holding every section
 * of that table, in its order, envelope first, with plain JSON values (see {@link JsonConverter}). Non-finite numbers
 * are nulled and counted while the document is built, so diffing and encoding see the same value (§9.1).
 *
 * <p>Sections whose source is the very same immutable object as in the previous document reuse its converted value
 * (and re-count its non-finite values), so unchanged sections cost nothing to convert and the differ skips them by
 * identity (§9.5 step 5). {@code transport} is read at build time from the status supplier (and read again by
 * {@link #refreshTransport} when a document built ahead is used); {@code health} comes from
 * the record.
 *
 * <p>Threads: not thread-safe; owned by one thread ({@link PublisherFrameProducer} keeps one for the worker and one for
 * the thread building ahead), normally used in {@code seq} order (its caches make any order correct, only slower).
 */
public final class SnapshotDocumentBuilder {
    /** The top-level keys of a snapshot, in order (SPEC §9.4). */
    public static final List<String> SNAPSHOT_KEYS = List.of(
            "schema_version", "payload_type", "seq", "tick", "runtime_variant", "queue_metrics", "embedding_metrics",
            "employment", "jobs", "economy", "economy_settings", "price_spikes", "utilities", "conflict",
            "relationships", "relationship_snapshot", "relationship_updates", "relationship_overlay", "events",
            "narrations", "affordance_manifest", "affordance_runtime", "reward_breakdown", "stability", "promotion",
            "perturbations", "policy_identity", "policy_snapshot", "anneal_status", "kpi_history", "transport",
            "health");

    private final Supplier<TransportStatus> transportStatus;
    private final JsonConverter converter;
    private final Map<String, CachedSection> cache = new LinkedHashMap<>();
    // Per owner: most owners' rows are the same objects from tick to tick while the section as a whole changes.
    private final JsonConverter.KeyedMemo snapshotRows = new JsonConverter.KeyedMemo();
    private final JsonConverter.KeyedMemo overlayRows = new JsonConverter.KeyedMemo();

    /**
     * A builder reading the {@code transport} section from {@code transportStatus} and reporting each non-finite value
     * it nulls to {@code nonfiniteCounter} (the pipeline's {@code nonfinite_values_total}).
     */
    public SnapshotDocumentBuilder(Supplier<TransportStatus> transportStatus, Runnable nonfiniteCounter) {
        this(transportStatus, nonfiniteCounter, ConcurrentHashMap.newKeySet());
    }

    /**
     * As above, warning about a section's non-finite values only when {@code warnedSections} (concurrent, shared by
     * builders that report to the same pipeline) does not hold it yet.
     */
    SnapshotDocumentBuilder(Supplier<TransportStatus> transportStatus, Runnable nonfiniteCounter,
            Set<String> warnedSections) {
        this.transportStatus = Objects.requireNonNull(transportStatus, "transportStatus");
        this.converter = new JsonConverter(Objects.requireNonNull(nonfiniteCounter, "nonfiniteCounter"),
                Objects.requireNonNull(warnedSections, "warnedSections"));
    }

    /** How many non-finite values the documents built so far carried (a reused section's count again). */
    long nonfiniteSeen() {
        return converter.nonfiniteSeen();
    }

    /** The snapshot document of {@code record}: a fresh mutable map the caller owns; nested values are shared. */
    public LinkedHashMap<String, Object> build(TickRecord record) {
        ReadModels models = record.models();
        JsonConverter json = converter;
        LinkedHashMap<String, Object> document = new LinkedHashMap<>(64);
        document.put(Envelope.SCHEMA_VERSION, TelemetrySchema.VERSION);
        document.put(Envelope.PAYLOAD_TYPE, FrameKind.SNAPSHOT.wireName());
        document.put(Envelope.SEQ, record.seq());
        document.put(Envelope.TICK, record.tick());
        document.put("runtime_variant", models.runtimeVariant());
        section(document, "queue_metrics", models.queueMetrics(), json::queueMetrics);
        plainSection(document, "embedding_metrics", models.embeddingMetrics());
        plainSection(document, "employment", models.employment());
        plainSection(document, "jobs", models.jobs());
        plainSection(document, "economy", models.economy());
        plainSection(document, "economy_settings", models.economySettings());
        section(document, "price_spikes", models.priceSpikes(), spikes -> json.keyed(spikes, json::priceSpike));
        plainSection(document, "utilities", models.utilities());
        section(document, "conflict", models.conflict(), json::conflict);
        plainSection(document, "relationships", models.relationshipMetrics());
        section(document, "relationship_snapshot", models.relationshipSnapshot(),
                ties -> json.keyed(ties, others -> json.keyed(others, json::tie), snapshotRows));
        section(document, "relationship_updates", models.relationshipUpdates(),
                updates -> json.list("", updates, json::relationshipUpdate));
        section(document, "relationship_overlay", models.relationshipOverlay(),
                overlay -> json.keyed(overlay, entries -> json.list("", entries, json::overlayEntry), overlayRows));
        section(document, "events", models.tickEvents(), json::plainList);
        section(document, "narrations", models.narrations(), entries -> json.list("", entries, json::narration));
        plainSection(document, "affordance_manifest", models.affordanceManifest());
        section(document, "affordance_runtime", models.affordanceRuntime(), json::affordanceRuntime);
        plainSection(document, "reward_breakdown", models.rewardBreakdown());
        Object stability = previous("stability");
        section(document, "stability", models.stabilityMetrics(), models.stabilityInputs(),
                metrics -> new JsonObject(STABILITY, json.plainMap(metrics, JsonConverter.field(stability, "metrics")),
                        models.stabilityAlerts(), json.stabilityInputs(models.stabilityInputs(),
                                JsonConverter.field(stability, "inputs"))));
        Object promotionBefore = previous("promotion");
        section(document, "promotion", models.promotionState(),
                promotion -> promotion.isEmpty() ? null : json.plainMap(promotion, promotionBefore));
        section(document, "perturbations", models.perturbations(), json::perturbations);
        // Redacted by default before diffing (see PublisherFrameProducer), but always built: a configured pipeline
        // may keep it.
        section(document, "policy_identity", models.policyIdentity(),
                identity -> identity == null ? Map.of() : json.policyIdentity(identity));
        plainSection(document, "policy_snapshot", models.policySnapshot());
        Map<String, Object> anneal = models.annealStatus().orElse(null);
        Object annealBefore = previous("anneal_status");
        section(document, "anneal_status", anneal,
                status -> status == null ? null : json.plainMap(status, annealBefore));
        plainSection(document, "kpi_history", models.kpiHistory());
        refreshTransport(document);
        section(document, "health", models.health(), this::health);
        return document;
    }

    /**
     * Puts the {@code transport} section of the status as it is now into {@code document} (one this or another builder
     * made), in place of the one read when it was built.
     */
    void refreshTransport(Map<String, Object> document) {
        converter.beginSection("transport");
        document.put("transport", transport(transportStatus.get()));
    }

    // ------------------------------------------------------------------ sections with a cache

    private <S> void section(Map<String, Object> document, String name, S source, Function<S, Object> convert) {
        section(document, name, source, null, convert);
    }

    /** A map section: converted with its previous value as a guide, so unchanged entries are not walked again. */
    private void plainSection(Map<String, Object> document, String name, Map<String, ?> source) {
        Object previousValue = previous(name);
        section(document, name, source, null, map -> converter.plainMap(map, previousValue));
    }

    /** The value section {@code name} had in the previous document, or {@code null}. */
    private Object previous(String name) {
        CachedSection cached = cache.get(name);
        return cached == null ? null : cached.value;
    }

    private <S> void section(Map<String, Object> document, String name, S source, Object secondSource,
            Function<S, Object> convert) {
        CachedSection cached = cache.get(name);
        if (cached != null && cached.source == source && cached.secondSource == secondSource && source != null) {
            // Same immutable source as the previous document: reuse the converted value, count its non-finite
            // values again (they are in this frame too), and let the differ skip it by identity.
            converter.countAgain(cached.nonfinite);
            document.put(name, cached.value);
            return;
        }
        converter.beginSection(name);
        long before = converter.nonfiniteSeen();
        Object value = convert.apply(source);
        long nonfinite = converter.nonfiniteSeen() - before;
        cache.put(name, new CachedSection(source, secondSource, value, nonfinite));
        document.put(name, value);
    }

    private record CachedSection(Object source, Object secondSource, Object value, long nonfinite) {
    }

    // ------------------------------------------------------------------ transport and health

    private static final String[] STABILITY = {"metrics", "alerts", "inputs"};
    private static final String[] TRANSPORT = {"provider", "connected", "dropped_messages", "frames_dropped_total",
        "last_error", "last_success_tick", "last_failure_tick", "queue_length", "last_flush_duration_ms",
        "payloads_sent_total", "send_failures_total"};
    private static final String[] HEALTH = {"tick", "status", "duration_ms", "failure_count", "error", "snapshot_path",
        "perturbations_pending", "perturbations_active", "employment_exit_queue", "metrics"};

    /** The §9.4 subset of the transport status, read at encode time. */
    private Map<String, Object> transport(TransportStatus status) {
        return new JsonObject(TRANSPORT, status.provider(), status.connected(), status.droppedMessages(),
                status.framesDroppedTotal(), status.lastError(), status.lastSuccessTick(), status.lastFailureTick(),
                status.queueLength(), converter.number(status.lastFlushDurationMs()), status.payloadsSentTotal(),
                status.sendFailuresTotal());
    }

    private Object health(HealthStatus health) {
        JsonConverter json = converter;
        HealthSummary summary = health.summary();
        Object duration = json.field("duration_ms", health.durationMs());
        LinkedHashMap<String, Object> metrics = new LinkedHashMap<>(JsonConverter.capacityFor(health.metrics().size()));
        for (Map.Entry<String, MetricValue> metric : health.metrics().entrySet()) {
            metrics.put(metric.getKey(), json.field("metrics." + metric.getKey(), metric.getValue().value()));
        }
        return new JsonObject(HEALTH, health.tick(), health.status(), duration, health.failureCount(), health.error(),
                health.snapshotPath(), summary.perturbationsPending(), summary.perturbationsActive(),
                summary.employmentExitQueue(), metrics);
    }
}

package org.townlet.telemetry.core.consume;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import org.townlet.telemetry.api.TelemetrySchema;
import org.townlet.telemetry.core.consume.LineOutcome.Kind;

/**
 * The reference stream consumer (SPEC §9.6): applies NDJSON telemetry lines, one at a time and in order, to a state,
 * and counts what was lost, repeated or bad. No error is fatal (except a schema mismatch for a {@link Builder#strict
 * strict} consumer, which throws {@link SchemaMismatchException} after counting it); every line returns a
 * {@link LineOutcome}.
 *
 * <p>Per line:
 * <ol>
 *   <li>Longer than {@code max_line_bytes} (default {@value #DEFAULT_MAX_LINE_BYTES}) → {@code oversize_lines}; not a
 *       JSON object → {@code malformed_lines}. The control line {@code {"ack_request":true}} (SPEC §12.3.1) is
 *       {@link Kind#ACK_REQUEST}: not a frame, not counted.</li>
 *   <li>Missing {@code payload_type} means {@code snapshot}; anything but {@code snapshot}/{@code diff} →
 *       {@code unknown_payload_types}.</li>
 *   <li>Schema gate: a {@code schema_version} starting with the expected prefix (default {@code "0.9"}) passes; the
 *       same major version (the text before the first {@code .}) passes with one WARNING per reported version,
 *       {@code Client supports schema prefix {p}, but shard reported {v}.} ({@code schema_warnings}); another major
 *       version → {@code schema_mismatches}, rejected. A frame without {@code schema_version} passes the gate.</li>
 *   <li>With a {@code seq}: the first one seen only initialises the sequence; above {@code last_seq + 1} adds the
 *       missing values to {@code gaps} and marks the state stale; at or below {@code last_seq} is a duplicate
 *       (ignored), except a snapshot with {@code seq} 0, which starts a new stream ({@code stream_restarts}).</li>
 *   <li>A snapshot needs a non-empty {@code schema_version} and object-valued {@code employment}, {@code jobs},
 *       {@code conflict} (else {@code invalid_snapshots}); it replaces the state and clears {@code stale}.</li>
 *   <li>A diff with no state → {@code diff_without_base}, ignored (logged once per such run of diffs). Otherwise the
 *       state is copied; {@code schema_version}, {@code tick}, {@code seq} are overwritten; each top-level key of
 *       {@code changes} (which must be an object, else {@code malformed_lines}) is replaced, not merged; each key in
 *       {@code removed} is deleted.</li>
 * </ol>
 * A frame that passes rules 1–3 and is not a duplicate counts in {@code frames} and {@code bytes} (its length with
 * the newline), whatever rules 5 and 6 then say: it is what {@code townlet listen --out} writes.
 *
 * <p>Threads: every method is synchronized, so one thread may feed lines while others read the state and counters.
 * Build with {@link #builder()}.
 */
public final class StreamConsumer {
    /** Default {@code max_line_bytes}: 16 MiB. */
    public static final long DEFAULT_MAX_LINE_BYTES = 16L * 1024 * 1024;
    /** Default expected schema prefix: {@value}. */
    public static final String DEFAULT_SCHEMA_PREFIX = TelemetrySchema.COMPATIBLE_PREFIX;

    private static final System.Logger LOG = System.getLogger(StreamConsumer.class.getName());
    private static final byte[] ACK_REQUEST = "{\"ack_request\":true}".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String schemaPrefix;
    private final String schemaMajor;
    private final long maxLineBytes;
    private final boolean strict;

    // Everything below is guarded by `this`.
    /** The current state; null before the first snapshot applied. */
    private ObjectNode state;
    /** {@link #state} as an immutable map, built on demand. */
    private Map<String, Object> stateView = Map.of();
    private boolean stateViewCurrent = true;
    private boolean stale;
    private boolean sequenceStarted;
    private long lastSeq;
    private boolean tickSeen;
    private long lastTick;
    private final Set<String> warnedVersions = new HashSet<>();
    private final Set<String> mismatchedVersions = new HashSet<>();
    /** Diffs without base since the last snapshot (for the one-time report). */
    private long diffsWithoutBaseInRun;

    private long frames;
    private long snapshots;
    private long diffs;
    private long bytes;
    private long gaps;
    private long duplicates;
    private long streamRestarts;
    private long malformedLines;
    private long oversizeLines;
    private long unknownPayloadTypes;
    private long invalidSnapshots;
    private long diffWithoutBase;
    private long schemaWarnings;
    private long schemaMismatches;

    private StreamConsumer(Builder builder) {
        this.schemaPrefix = builder.schemaPrefix;
        this.schemaMajor = major(builder.schemaPrefix);
        this.maxLineBytes = builder.maxLineBytes;
        this.strict = builder.strict;
    }

    /** A builder with the defaults: prefix {@value #DEFAULT_SCHEMA_PREFIX}, 16 MiB lines, not strict. */
    public static Builder builder() {
        return new Builder();
    }

    /** A consumer with every default. */
    public static StreamConsumer create() {
        return builder().build();
    }

    // ------------------------------------------------------------------------------------------------ input

    /**
     * Applies one line. A single trailing {@code \n} is ignored, so lines may be passed with or without it.
     *
     * @throws SchemaMismatchException from a strict consumer, for a frame of another major schema version (counted
     *                                 first; the consumer stays usable)
     */
    public synchronized LineOutcome accept(byte[] line) {
        Objects.requireNonNull(line, "line");
        int length = line.length;
        if (length > 0 && line[length - 1] == '\n') {
            length--;
        }
        if (length > maxLineBytes) {
            return oversize();
        }
        return parseAndApply(line, length);
    }

    /** {@link #accept(byte[])} of the line's UTF-8 bytes. */
    public LineOutcome accept(String line) {
        return accept(Objects.requireNonNull(line, "line").getBytes(StandardCharsets.UTF_8));
    }

    /** Applies a line read by a {@link LineReader}: a complete line, or an oversize one that was skipped. */
    public LineOutcome accept(LineReader.Line line) {
        Objects.requireNonNull(line, "line");
        if (line instanceof LineReader.Line.Complete complete) {
            return accept(complete.bytes());
        }
        synchronized (this) {
            return oversize();
        }
    }

    /** A {@link LineReader} over {@code in} with this consumer's {@code max_line_bytes}. */
    public LineReader lineReader(java.io.InputStream in) {
        return new LineReader(in, maxLineBytes);
    }

    // ------------------------------------------------------------------------------------------------ views

    /**
     * The current state: the last snapshot with the diffs since applied, as an immutable JSON map (nested maps and
     * lists immutable too; integral numbers as {@code Integer}, {@code Long} or {@code BigInteger}, others as
     * {@code Double}). Empty before the first snapshot.
     */
    public synchronized Map<String, Object> state() {
        if (!stateViewCurrent) {
            stateView = state == null ? Map.of() : JsonValues.toMap(state);
            stateViewCurrent = true;
        }
        return stateView;
    }

    /** Whether a snapshot has been applied (so diffs apply). */
    public synchronized boolean hasState() {
        return state != null;
    }

    /** Whether {@code seq} values were missed since the last snapshot: the state may not match the producer's. */
    public synchronized boolean stale() {
        return stale;
    }

    /** The counters now. */
    public synchronized ConsumerCounters counters() {
        return new ConsumerCounters(frames, snapshots, diffs, bytes, gaps, duplicates, streamRestarts,
                malformedLines, oversizeLines, unknownPayloadTypes, invalidSnapshots, diffWithoutBase,
                schemaWarnings, schemaMismatches);
    }

    /** The {@code seq} of the last frame that passed rule 4; empty before the first. */
    public synchronized OptionalLong lastSeq() {
        return sequenceStarted ? OptionalLong.of(lastSeq) : OptionalLong.empty();
    }

    /** The {@code tick} of the last frame counted in {@code frames}; empty before the first. */
    public synchronized OptionalLong lastTick() {
        return tickSeen ? OptionalLong.of(lastTick) : OptionalLong.empty();
    }

    /** {@code max_line_bytes}: longer lines are skipped. */
    public long maxLineBytes() {
        return maxLineBytes;
    }

    /** The schema prefix this consumer expects. */
    public String expectedSchemaPrefix() {
        return schemaPrefix;
    }

    // ------------------------------------------------------------------------------------------------ rules

    private LineOutcome oversize() {
        oversizeLines++;
        return LineOutcome.of(Kind.OVERSIZE_LINE);
    }

    private LineOutcome malformed() {
        malformedLines++;
        return LineOutcome.of(Kind.MALFORMED_LINE);
    }

    private LineOutcome parseAndApply(byte[] line, int length) {
        if (isAckRequest(line, length)) {
            return LineOutcome.of(Kind.ACK_REQUEST);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(line, 0, length);
        } catch (IOException e) {
            return malformed();
        }
        if (node == null || !node.isObject()) {
            return malformed();
        }
        ObjectNode frame = (ObjectNode) node;
        if (frame.size() == 1 && frame.path("ack_request").isBoolean() && frame.get("ack_request").booleanValue()) {
            return LineOutcome.of(Kind.ACK_REQUEST);
        }

        // seq, read first so that every outcome can name it
        JsonNode seqNode = frame.get("seq");
        OptionalLong seq = OptionalLong.empty();
        if (seqNode != null && !seqNode.isNull()) {
            if (!seqNode.isIntegralNumber() || !seqNode.canConvertToLong() || seqNode.longValue() < 0) {
                return malformed();
            }
            seq = OptionalLong.of(seqNode.longValue());
        }

        // rule 2: payload type
        JsonNode typeNode = frame.get("payload_type");
        boolean snapshot;
        if (typeNode == null || typeNode.isNull()) {
            snapshot = true;
        } else if (typeNode.isTextual() && typeNode.textValue().equals("snapshot")) {
            snapshot = true;
        } else if (typeNode.isTextual() && typeNode.textValue().equals("diff")) {
            snapshot = false;
        } else {
            unknownPayloadTypes++;
            return new LineOutcome(Kind.UNKNOWN_PAYLOAD_TYPE, seq, false, 0);
        }

        // rule 3: schema gate
        JsonNode versionNode = frame.get("schema_version");
        if (versionNode != null && versionNode.isTextual() && !versionNode.textValue().isEmpty()) {
            String version = versionNode.textValue();
            if (!version.startsWith(schemaPrefix)) {
                if (major(version).equals(schemaMajor)) {
                    if (warnedVersions.add(version)) {
                        schemaWarnings++;
                        LOG.log(Level.WARNING, "Client supports schema prefix " + schemaPrefix
                                + ", but shard reported " + version + ".");
                    }
                } else {
                    schemaMismatches++;
                    if (mismatchedVersions.add(version)) {
                        LOG.log(Level.WARNING, "Client supports schema prefix " + schemaPrefix + ", but shard reported "
                                + version + " (another major version); such frames are rejected (schema_mismatch).");
                    }
                    if (strict) {
                        throw new SchemaMismatchException(schemaPrefix, version);
                    }
                    return new LineOutcome(Kind.SCHEMA_MISMATCH, seq, false, 0);
                }
            }
        }

        // rule 4: sequence
        long missing = 0;
        if (seq.isPresent()) {
            long s = seq.getAsLong();
            if (!sequenceStarted) {
                sequenceStarted = true;
                lastSeq = s;
            } else if (s <= lastSeq) {
                if (snapshot && s == 0) {
                    streamRestarts++;
                    LOG.log(Level.INFO, "Stream restarted: a snapshot with seq 0 after seq " + lastSeq);
                    lastSeq = 0;
                } else {
                    duplicates++;
                    return new LineOutcome(Kind.DUPLICATE, seq, false, 0);
                }
            } else {
                long expected = lastSeq + 1;
                if (s > expected) {
                    missing = s - expected;
                    gaps += missing;
                    stale = true;
                }
                lastSeq = s;
            }
        }
        frames++;
        bytes += length + 1L;
        JsonNode tickNode = frame.get("tick");
        if (tickNode != null && tickNode.isIntegralNumber() && tickNode.canConvertToLong()) {
            tickSeen = true;
            lastTick = tickNode.longValue();
        }

        return snapshot ? applySnapshot(frame, seq, missing) : applyDiff(frame, seq, missing);
    }

    /** Rule 5. */
    private LineOutcome applySnapshot(ObjectNode frame, OptionalLong seq, long missing) {
        JsonNode version = frame.get("schema_version");
        boolean valid = version != null && version.isTextual() && !version.textValue().isEmpty()
                && frame.path("employment").isObject() && frame.path("jobs").isObject()
                && frame.path("conflict").isObject();
        if (!valid) {
            invalidSnapshots++;
            return new LineOutcome(Kind.INVALID_SNAPSHOT, seq, true, missing);
        }
        if (diffsWithoutBaseInRun > 0) {
            LOG.log(Level.INFO, "Snapshot" + describe(seq) + " applied after " + diffsWithoutBaseInRun
                    + " diffs without base");
            diffsWithoutBaseInRun = 0;
        }
        setState(frame);
        stale = false;
        snapshots++;
        return new LineOutcome(Kind.SNAPSHOT_APPLIED, seq, true, missing);
    }

    /** Rule 6. */
    private LineOutcome applyDiff(ObjectNode frame, OptionalLong seq, long missing) {
        if (state == null) {
            diffWithoutBase++;
            if (diffsWithoutBaseInRun++ == 0) {
                LOG.log(Level.WARNING, "Diff" + describe(seq) + " arrived before any snapshot it could apply to; "
                        + "diffs are counted as diff_without_base and ignored until the next snapshot");
            }
            return new LineOutcome(Kind.DIFF_WITHOUT_BASE, seq, true, missing);
        }
        JsonNode changes = frame.get("changes");
        JsonNode removed = frame.get("removed");
        if (changes == null || !changes.isObject() || (removed != null && !removed.isNull() && !removed.isArray())) {
            malformedLines++;
            return new LineOutcome(Kind.MALFORMED_LINE, seq, true, missing);
        }
        ObjectNode next = JsonNodeFactory.instance.objectNode();
        next.setAll(state);
        for (String key : new String[] {"schema_version", "tick", "seq"}) {
            JsonNode value = frame.get(key);
            if (value != null) {
                next.set(key, value);
            }
        }
        for (Map.Entry<String, JsonNode> change : changes.properties()) {
            next.set(change.getKey(), change.getValue());
        }
        if (removed != null && removed.isArray()) {
            for (JsonNode key : removed) {
                if (key.isTextual()) {
                    next.remove(key.textValue());
                }
            }
        }
        setState(next);
        diffs++;
        return new LineOutcome(Kind.DIFF_APPLIED, seq, true, missing);
    }

    private void setState(ObjectNode next) {
        state = next;
        stateViewCurrent = false;
    }

    private static boolean isAckRequest(byte[] line, int length) {
        if (length != ACK_REQUEST.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (line[i] != ACK_REQUEST[i]) {
                return false;
            }
        }
        return true;
    }

    private static String describe(OptionalLong seq) {
        return seq.isPresent() ? " seq=" + seq.getAsLong() : "";
    }

    /** The major version: the text before the first {@code .}. */
    private static String major(String version) {
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }

    /**
     * Builds a {@link StreamConsumer}. Defaults: expected prefix {@value StreamConsumer#DEFAULT_SCHEMA_PREFIX},
     * {@code max_line_bytes} {@value StreamConsumer#DEFAULT_MAX_LINE_BYTES}, not strict. Single-threaded.
     */
    public static final class Builder {
        private String schemaPrefix = DEFAULT_SCHEMA_PREFIX;
        private long maxLineBytes = DEFAULT_MAX_LINE_BYTES;
        private boolean strict;

        private Builder() {
        }

        /** The schema prefix the consumer supports (rule 3); non-blank. */
        public Builder expectedSchemaPrefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (prefix.isBlank()) {
                throw new IllegalArgumentException("expected schema prefix must not be blank");
            }
            this.schemaPrefix = prefix;
            return this;
        }

        /** Lines longer than this many bytes (without the newline) are skipped as oversize; 1 to 2^31 − 9. */
        public Builder maxLineBytes(long maxLineBytes) {
            if (maxLineBytes < 1 || maxLineBytes > LineReader.MAX_LINE_BYTES_LIMIT) {
                throw new IllegalArgumentException("max_line_bytes must be between 1 and "
                        + LineReader.MAX_LINE_BYTES_LIMIT + "; got " + maxLineBytes);
            }
            this.maxLineBytes = maxLineBytes;
            return this;
        }

        /** A strict consumer throws {@link SchemaMismatchException} for a frame of another major schema version. */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** The consumer, with no state and every counter at 0. */
        public StreamConsumer build() {
            return new StreamConsumer(this);
        }
    }
}

package org.townlet.telemetry.core.consume;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counters of a {@link StreamConsumer} at one moment (SPEC §9.6 rule 7), serialised with the snake_case names
 * used here. Immutable; every value is {@code >= 0}.
 *
 * @param frames              frames that passed rules 1–3 and were not duplicates (what {@code listen --out} writes)
 * @param snapshots           snapshots applied
 * @param diffs               diffs applied
 * @param bytes               bytes of the frames counted in {@code frames}, newline included
 * @param gaps                missing {@code seq} values
 * @param duplicates          frames whose {@code seq} was not above the last one (ignored)
 * @param streamRestarts      {@code seq} 0 snapshots that started a new stream
 * @param malformedLines      lines that are not a JSON object (and diffs whose {@code changes} is not an object)
 * @param oversizeLines       lines longer than {@code max_line_bytes} (skipped)
 * @param unknownPayloadTypes frames whose {@code payload_type} is neither {@code snapshot} nor {@code diff}
 * @param invalidSnapshots    snapshots without a {@code schema_version} or map-valued {@code employment}, {@code jobs},
 *                            {@code conflict}
 * @param diffWithoutBase     diffs that arrived with no snapshot to apply them to (ignored until the next snapshot)
 * @param schemaWarnings      warnings about a schema version of the same major version but another prefix
 * @param schemaMismatches    frames rejected for another major schema version
 */
@JsonPropertyOrder({"frames", "snapshots", "diffs", "bytes", "gaps", "duplicates", "stream_restarts",
        "malformed_lines", "oversize_lines", "unknown_payload_types", "invalid_snapshots", "diff_without_base",
        "schema_warnings", "schema_mismatches"})
public record ConsumerCounters(
        @JsonProperty("frames") long frames,
        @JsonProperty("snapshots") long snapshots,
        @JsonProperty("diffs") long diffs,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("gaps") long gaps,
        @JsonProperty("duplicates") long duplicates,
        @JsonProperty("stream_restarts") long streamRestarts,
        @JsonProperty("malformed_lines") long malformedLines,
        @JsonProperty("oversize_lines") long oversizeLines,
        @JsonProperty("unknown_payload_types") long unknownPayloadTypes,
        @JsonProperty("invalid_snapshots") long invalidSnapshots,
        @JsonProperty("diff_without_base") long diffWithoutBase,
        @JsonProperty("schema_warnings") long schemaWarnings,
        @JsonProperty("schema_mismatches") long schemaMismatches) {

    /** Every counter at 0. */
    public static final ConsumerCounters ZERO = new ConsumerCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Rejects negative counters. */
    public ConsumerCounters {
        for (long value : new long[] {frames, snapshots, diffs, bytes, gaps, duplicates, streamRestarts,
                malformedLines, oversizeLines, unknownPayloadTypes, invalidSnapshots, diffWithoutBase, schemaWarnings,
                schemaMismatches}) {
            if (value < 0) {
                throw new IllegalArgumentException("counters must be >= 0; got " + value);
            }
        }
    }

    /** Malformed plus oversize lines: what {@code townlet listen} reports as {@code malformed}. */
    public long malformedTotal() {
        return malformedLines + oversizeLines;
    }

    /**
     * Lines that were bad in any way the consumer rejects: malformed, oversize, unknown payload type, invalid snapshot,
     * schema mismatch. Gaps, duplicates and diffs without a base are not bad lines.
     */
    public long badLines() {
        return malformedLines + oversizeLines + unknownPayloadTypes + invalidSnapshots + schemaMismatches;
    }

    /** Whether anything was lost, repeated or bad: gaps, duplicates or {@link #badLines()}. */
    public boolean anyProblem() {
        return gaps > 0 || duplicates > 0 || badLines() > 0;
    }

    /** The counters under their snake_case names, in the order of SPEC §9.6 rule 7; an immutable map. */
    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("frames", frames);
        map.put("snapshots", snapshots);
        map.put("diffs", diffs);
        map.put("bytes", bytes);
        map.put("gaps", gaps);
        map.put("duplicates", duplicates);
        map.put("stream_restarts", streamRestarts);
        map.put("malformed_lines", malformedLines);
        map.put("oversize_lines", oversizeLines);
        map.put("unknown_payload_types", unknownPayloadTypes);
        map.put("invalid_snapshots", invalidSnapshots);
        map.put("diff_without_base", diffWithoutBase);
        map.put("schema_warnings", schemaWarnings);
        map.put("schema_mismatches", schemaMismatches);
        return Collections.unmodifiableMap(map);
    }
}

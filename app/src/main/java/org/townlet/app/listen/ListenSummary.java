package org.townlet.app.listen;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.townlet.app.listen.http.DashboardServer;
import org.townlet.telemetry.core.consume.ConsumerCounters;

/**
 * The closing summary of {@code townlet listen} (SPEC §19): one flat JSON object with {@code frames} (what
 * {@code --out} writes), {@code bytes}, {@code gaps}, {@code duplicates}, {@code malformed} (malformed plus oversize
 * lines), {@code connections}, then the other counters of the consumer (SPEC §9.6) under their names, and
 * {@code stale}, {@code last_seq}, {@code last_tick}, {@code acks_sent}, {@code duration_s}; with {@code --http}
 * also {@code dashboard_clients} and {@code dashboard_updates_dropped} (updates a slow browser did not read in time).
 *
 * @param values the summary's keys and values, in order; immutable
 */
record ListenSummary(Map<String, Object> values) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static ListenSummary of(ConsumerCounters counters, long connections, boolean stale, OptionalLong lastSeq,
                            OptionalLong lastTick, long acksSent, double durationSeconds,
                            DashboardServer.Stats dashboard) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("frames", counters.frames());
        values.put("bytes", counters.bytes());
        values.put("gaps", counters.gaps());
        values.put("duplicates", counters.duplicates());
        values.put("malformed", counters.malformedTotal());
        values.put("connections", connections);
        values.put("snapshots", counters.snapshots());
        values.put("diffs", counters.diffs());
        values.put("stream_restarts", counters.streamRestarts());
        values.put("malformed_lines", counters.malformedLines());
        values.put("oversize_lines", counters.oversizeLines());
        values.put("unknown_payload_types", counters.unknownPayloadTypes());
        values.put("invalid_snapshots", counters.invalidSnapshots());
        values.put("diff_without_base", counters.diffWithoutBase());
        values.put("schema_warnings", counters.schemaWarnings());
        values.put("schema_mismatches", counters.schemaMismatches());
        values.put("stale", stale);
        values.put("last_seq", lastSeq.isPresent() ? lastSeq.getAsLong() : null);
        values.put("last_tick", lastTick.isPresent() ? lastTick.getAsLong() : null);
        values.put("acks_sent", acksSent);
        values.put("duration_s", Math.round(durationSeconds * 1000.0) / 1000.0);
        if (dashboard != null) {
            values.put("dashboard_clients", dashboard.clientsServed());
            values.put("dashboard_updates_dropped", dashboard.updatesDropped());
        }
        return new ListenSummary(Collections.unmodifiableMap(values));
    }

    /** The summary as one line of {@code key=value} pairs, for stderr. */
    String toLine() {
        StringBuilder line = new StringBuilder("townlet listen:");
        values.forEach((key, value) -> line.append(' ').append(key).append('=')
                .append(value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d)
                        : value == null ? "-" : value));
        return line.toString();
    }

    /** Writes the summary as one JSON object (through a temporary file, moved into place). */
    void writeJson(Path file) {
        writeAtomically(file, values, "--summary-json");
    }

    /** Writes {@code value} as JSON to {@code file} through a temporary file; {@code flag} names it in errors. */
    static void writeAtomically(Path file, Object value, String flag) {
        try {
            Path absolute = file.toAbsolutePath();
            Path parent = absolute.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
            Files.write(temporary, (MAPPER.writeValueAsString(value) + "\n").getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + flag + " " + file + ": " + e.getMessage(), e);
        }
    }
}

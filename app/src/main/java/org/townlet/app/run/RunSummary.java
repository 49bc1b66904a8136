package org.townlet.app.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.townlet.telemetry.api.status.TransportStatus;

/**
 * The closing figures of a run (SPEC §19): printed as one line and written by {@code --summary-json} as one flat JSON
 * object with the final transport status under {@code transport}.
 *
 * @param ticks       ticks completed
 * @param durationSeconds wall time of the run
 * @param transport   the final transport status
 * @param interrupted whether SIGINT or SIGTERM ended the run
 */
record RunSummary(long ticks, double durationSeconds, TransportStatus transport, boolean interrupted) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    double ticksPerSecond() {
        return durationSeconds <= 0 ? 0.0 : ticks / durationSeconds;
    }

    /** The summary keys of SPEC §19, in order. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ticks", ticks);
        map.put("frames_produced", transport.framesBuiltTotal());
        map.put("frames_sent", transport.payloadsSentTotal());
        map.put("frames_dropped_total", transport.framesDroppedTotal());
        map.put("bytes_sent", transport.bytesSentTotal());
        map.put("keyframes", transport.keyframesTotal());
        map.put("send_failures", transport.sendFailuresTotal());
        map.put("duration_s", round(durationSeconds));
        map.put("ticks_per_s", round(ticksPerSecond()));
        map.put("transport", transport);
        return map;
    }

    String toLine() {
        return String.format(Locale.ROOT,
                "townlet: run %s: ticks=%d frames_produced=%d frames_sent=%d frames_dropped_total=%d"
                        + " bytes_sent=%d keyframes=%d send_failures=%d duration_s=%.2f ticks_per_s=%.1f",
                interrupted ? "interrupted" : "complete", ticks, transport.framesBuiltTotal(),
                transport.payloadsSentTotal(), transport.framesDroppedTotal(), transport.bytesSentTotal(),
                transport.keyframesTotal(), transport.sendFailuresTotal(), durationSeconds, ticksPerSecond());
    }

    void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, (JSON.writeValueAsString(toMap()) + System.lineSeparator()).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}

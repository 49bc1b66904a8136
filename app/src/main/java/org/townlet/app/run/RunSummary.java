package org.townlet.app.run;

import org.townlet.telemetry.api.status.TransportStatus;

/** The closing figures of a run (SPEC §19), printed on stderr while stdout carries frames. */
record RunSummary(long ticks, double durationSeconds, TransportStatus transport) {
    double ticksPerSecond() {
        return durationSeconds <= 0 ? 0.0 : ticks / durationSeconds;
    }

    String toLine() {
        return String.format(java.util.Locale.ROOT,
                "townlet: run complete: ticks=%d frames_produced=%d frames_sent=%d frames_dropped_total=%d"
                        + " bytes_sent=%d keyframes=%d send_failures=%d duration_s=%.2f ticks_per_s=%.1f",
                ticks, transport.framesBuiltTotal(), transport.payloadsSentTotal(), transport.framesDroppedTotal(),
                transport.bytesSentTotal(), transport.keyframesTotal(), transport.sendFailuresTotal(),
                durationSeconds, ticksPerSecond());
    }
}

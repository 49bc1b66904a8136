package org.townlet.app.config;

import java.util.Objects;
import org.townlet.telemetry.core.console.ConsoleSettings;
import org.townlet.telemetry.core.narration.NarrationSettings;
import org.townlet.telemetry.core.narration.PersonalityNarrationSettings;
import org.townlet.telemetry.core.narration.RelationshipNarrationSettings;
import org.townlet.telemetry.core.transform.TransformPipeline;

/**
 * The {@code telemetry} block (SPEC §15.1). The narration, console and transform blocks are bound onto
 * telemetry-core's own settings records.
 *
 * @param diffEnabled           {@code diff_enabled}
 * @param keyframeIntervalTicks {@code keyframe_interval_ticks}, 0–1000000; 0 = forced keyframes only
 * @param failOnIngestError     {@code fail_on_ingest_error}
 * @param transport             {@code transport}
 * @param worker                {@code worker}
 * @param narration             {@code narration}
 * @param relationshipNarration {@code relationship_narration}
 * @param personalityNarration  {@code personality_narration}
 * @param transforms            {@code transforms.pipeline}, parsed ({@link TransformPipeline#DEFAULT} when absent or
 *                              empty)
 * @param console               {@code console}
 */
public record TelemetryConfig(boolean diffEnabled, long keyframeIntervalTicks, boolean failOnIngestError,
                              TransportConfig transport, WorkerConfig worker, NarrationSettings narration,
                              RelationshipNarrationSettings relationshipNarration,
                              PersonalityNarrationSettings personalityNarration, TransformPipeline transforms,
                              ConsoleSettings console) {
    public static final long MAX_KEYFRAME_INTERVAL_TICKS = 1_000_000;

    public TelemetryConfig {
        Bounds.check("keyframe_interval_ticks", keyframeIntervalTicks, 0, MAX_KEYFRAME_INTERVAL_TICKS);
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(narration, "narration");
        Objects.requireNonNull(relationshipNarration, "relationshipNarration");
        Objects.requireNonNull(personalityNarration, "personalityNarration");
        Objects.requireNonNull(transforms, "transforms");
        Objects.requireNonNull(console, "console");
    }
}

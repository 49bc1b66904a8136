package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Payload of {@code telemetry.snapshot.migrations} (SPEC §4.2): JSON {@code {applied}}, the names of the snapshot
 * migrations that ran, in order. Immutable and thread-safe; {@code null} becomes {@code []}.
 */
public record SnapshotMigrations(@JsonProperty("applied") List<String> applied) implements EventPayload {

    public SnapshotMigrations {
        applied = applied == null ? List.of() : List.copyOf(applied);
    }
}

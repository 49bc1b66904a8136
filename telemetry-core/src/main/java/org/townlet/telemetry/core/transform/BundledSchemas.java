package org.townlet.telemetry.core.transform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.townlet.telemetry.api.transport.FrameKind;

/**
 * The two JSON schemas the project bundles for its frames (SPEC §10.4, Draft 2020-12), as classpath resources under
 * {@value #RESOURCE_PREFIX}. Their ids start with {@value #ID_PREFIX}; the validator resolves those ids from these
 * resources, never from the network.
 *
 * <p>{@link #validate(Map)} checks one frame against the schema of its {@code payload_type}, for tests and tools that
 * want the same verdict as the pipeline's {@code schema_validator}. Thread-safe.
 */
public final class BundledSchemas {
    /** The id prefix of the bundled schemas. */
    public static final String ID_PREFIX = "https://townlet.ai/schemas/telemetry/";
    /** The classpath directory of the bundled schemas. */
    public static final String RESOURCE_PREFIX = "org/townlet/telemetry/schemas/";
    /** The snapshot schema's resource. */
    public static final String SNAPSHOT_RESOURCE = RESOURCE_PREFIX + "snapshot.schema.json";
    /** The diff schema's resource. */
    public static final String DIFF_RESOURCE = RESOURCE_PREFIX + "diff.schema.json";
    /** The snapshot schema's {@code $id}. */
    public static final String SNAPSHOT_ID = ID_PREFIX + "snapshot.schema.json";
    /** The diff schema's {@code $id}. */
    public static final String DIFF_ID = ID_PREFIX + "diff.schema.json";

    private BundledSchemas() {
    }

    /** The bundled schema of {@code kind}. */
    public static SchemaSource source(FrameKind kind) {
        return SchemaSource.classpath(kind == FrameKind.SNAPSHOT ? SNAPSHOT_RESOURCE : DIFF_RESOURCE);
    }

    /**
     * The validation errors of {@code frame} (a plain JSON map) against the bundled schema of its
     * {@code payload_type}; {@code []} when it is valid. A frame whose {@code payload_type} is neither
     * {@code snapshot} nor {@code diff} gets one error saying so.
     */
    public static List<String> validate(Map<String, ?> frame) {
        return validate(Schemas.toNode(frame));
    }

    /** {@link #validate(Map)} of a parsed frame. */
    public static List<String> validate(JsonNode frame) {
        String payloadType = frame.path("payload_type").asText("");
        FrameKind kind;
        if (FrameKind.SNAPSHOT.wireName().equals(payloadType)) {
            kind = FrameKind.SNAPSHOT;
        } else if (FrameKind.DIFF.wireName().equals(payloadType)) {
            kind = FrameKind.DIFF;
        } else {
            return List.of("$.payload_type: must be snapshot or diff; got " + frame.path("payload_type"));
        }
        // networknt only: this is the reference that tests elsewhere compare the pipeline's frames against.
        return Schemas.errors(Schemas.load(source(kind)).schema(), frame);
    }
}

package org.townlet.telemetry.core.transform;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.core.config.TelemetryConfigException;

/**
 * The configured transform pipeline (SPEC §10): an ordered list of validated {@link TransformSpec}s, section
 * transforms first. Immutable; a description, not the running transforms ({@link TransformChain} runs it).
 *
 * <p>Obtain one from {@link #parse(JsonNode, Path)} (the {@code telemetry.transforms.pipeline} subtree of a
 * configuration, validated at load), from {@link #of(List)}, or use {@link #DEFAULT} (SPEC §10.2), which is what an
 * absent or empty configured pipeline means.
 *
 * @param transforms the entries in order; section transforms ({@code snapshot_normalizer}, {@code redact_fields})
 *                   never follow frame transforms ({@code ensure_fields}, {@code schema_validator})
 */
public record TransformPipeline(List<TransformSpec> transforms) {

    /**
     * The default pipeline (SPEC §10.2): {@code snapshot_normalizer}; {@code redact_fields {fields:[policy_identity],
     * kinds:[snapshot, diff]}}; {@code ensure_fields {required_fields_by_kind:{snapshot:[schema_version, tick],
     * diff:[schema_version, tick, changes]}, default_required_fields:[tick]}}; {@code schema_validator {mode: drop,
     * schemas:{snapshot, diff: the bundled schemas}}}.
     */
    public static final TransformPipeline DEFAULT = new TransformPipeline(List.of(
            new TransformSpec.SnapshotNormalizer(),
            new TransformSpec.RedactFields(List.of("policy_identity"), EnumSet.allOf(FrameKind.class)),
            new TransformSpec.EnsureFields(TransformSpec.byKind(List.of("schema_version", "tick"),
                    List.of("schema_version", "tick", "changes")), TransformSpec.EnsureFields.DEFAULT_REQUIRED_FIELDS),
            new TransformSpec.SchemaValidator(TransformSpec.byKind(
                    SchemaSource.classpath(BundledSchemas.SNAPSHOT_RESOURCE),
                    SchemaSource.classpath(BundledSchemas.DIFF_RESOURCE)), ValidationMode.DROP)));

    /** A pipeline that does nothing (no redaction, no validation). */
    public static final TransformPipeline NONE = new TransformPipeline(List.of());

    /**
     * @throws TelemetryConfigException if a section transform follows a frame transform
     */
    public TransformPipeline {
        transforms = List.copyOf(transforms);
        boolean frameSeen = false;
        for (int i = 0; i < transforms.size(); i++) {
            TransformSpec spec = transforms.get(i);
            if (spec.sectionStage() && frameSeen) {
                throw TelemetryConfigException.entry(TransformPipelineParser.DEFAULT_KEY + "[" + i + "]",
                        TransformPipelineParser.orderProblem(spec.id()));
            }
            frameSeen |= !spec.sectionStage();
        }
    }

    /** A pipeline of {@code transforms}, in order. */
    public static TransformPipeline of(List<TransformSpec> transforms) {
        return new TransformPipeline(transforms);
    }

    /**
     * Parses the {@code telemetry.transforms.pipeline} subtree of a configuration (SPEC §10.3): {@code null}, a
     * missing or null node, or an empty list give {@link #DEFAULT}. Schema paths are resolved against
     * {@code configDirectory} ({@code ~} expanded) and must exist and compile now.
     *
     * @param pipeline        the subtree; may be {@code null}
     * @param configDirectory the configuration file's directory (relative schema paths start there)
     * @throws TelemetryConfigException naming the key path (e.g. {@code telemetry.transforms.pipeline[1].options.fields})
     *     and the problem
     */
    public static TransformPipeline parse(JsonNode pipeline, Path configDirectory) {
        return new TransformPipelineParser(TransformPipelineParser.DEFAULT_KEY, configDirectory).parse(pipeline);
    }

    /** The section-stage entries, in order. */
    public List<TransformSpec> sectionTransforms() {
        return transforms.stream().filter(TransformSpec::sectionStage).toList();
    }

    /** The frame-stage entries, in order. */
    public List<TransformSpec> frameTransforms() {
        return transforms.stream().filter(spec -> !spec.sectionStage()).toList();
    }

    /** The ids, in order (for logs and {@code validate-config}). */
    public List<String> ids() {
        return transforms.stream().map(TransformSpec::id).toList();
    }
}

package org.townlet.telemetry.core.transform;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.townlet.telemetry.api.TelemetryValidationException;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.core.config.TelemetryConfigException;

/**
 * The running transforms of one {@link TransformPipeline} (SPEC §10.1), in two stages: the section stage on the
 * snapshot document before diffing, the frame stage on the finished snapshot or diff. Within a stage the configured
 * order holds; a transform that drops the frame ends its stage.
 *
 * <p>Log lines (logger {@value #LOGGER_NAME}), each WARNING:
 * <ul>
 *   <li>{@code telemetry_transform_missing_fields event_kind={k} missing={a,b}} ({@code ensure_fields} dropped)</li>
 *   <li>{@code telemetry_schema_validation_dropped event_kind={k} seq={n} errors={e}}</li>
 *   <li>{@code telemetry_schema_validation_warning event_kind={k} seq={n} errors={e}}</li>
 * </ul>
 * In {@code raise} mode the frame stage throws {@link TelemetryValidationException}
 * ({@code Telemetry event kind '{k}' failed schema validation: {e}}); {@code {e}} joins the validator's messages
 * with {@code "; "}.
 *
 * <p>Threads: the stages are called under the pipeline's send lock; {@link #stats()} from any thread.
 */
public final class TransformChain {
    /** The logger of every transform's log line. */
    public static final String LOGGER_NAME = "org.townlet.telemetry.core.transform.TransformChain";

    private static final System.Logger LOG = System.getLogger(LOGGER_NAME);

    private final TransformPipeline pipeline;
    private final List<FrameTransform> sectionStage = new ArrayList<>();
    private final List<FrameTransform> frameStage = new ArrayList<>();
    private final LongAdder redacted = new LongAdder();
    private final LongAdder missingFieldDrops = new LongAdder();
    private final LongAdder validated = new LongAdder();
    private final LongAdder validationFailures = new LongAdder();
    private final LongAdder validationDrops = new LongAdder();
    private final LongAdder validationWarnings = new LongAdder();
    private final LongAdder validationRaises = new LongAdder();

    private TransformChain(TransformPipeline pipeline) {
        this.pipeline = pipeline;
        List<TransformSpec> specs = pipeline.transforms();
        for (int i = 0; i < specs.size(); i++) {
            TransformSpec spec = specs.get(i);
            FrameTransform transform = create(spec, TransformPipelineParser.DEFAULT_KEY + "[" + i + "]");
            (spec.sectionStage() ? sectionStage : frameStage).add(transform);
        }
    }

    /**
     * The running transforms of {@code pipeline}; compiles its schemas (cached per location).
     *
     * @throws TelemetryConfigException if a schema cannot be loaded or does not compile
     */
    public static TransformChain of(TransformPipeline pipeline) {
        return new TransformChain(Objects.requireNonNull(pipeline, "pipeline"));
    }

    /** The pipeline this chain runs. */
    public TransformPipeline pipeline() {
        return pipeline;
    }

    /**
     * Runs the section stage on a snapshot document that will be emitted as {@code kind}.
     *
     * @return the document, a new one, or {@code null} when it was dropped
     */
    public Map<String, Object> applySectionStage(Map<String, Object> document, FrameKind kind, long seq) {
        return run(sectionStage, document, kind, seq);
    }

    /**
     * Runs the frame stage on a finished frame of {@code kind}.
     *
     * @return the frame, a new one, or {@code null} when it was dropped
     * @throws TelemetryValidationException when a {@code raise} validator rejects it
     */
    public Map<String, Object> applyFrameStage(Map<String, Object> frame, FrameKind kind, long seq) {
        return run(frameStage, frame, kind, seq);
    }

    /** The counters so far. */
    public TransformStats stats() {
        return new TransformStats(redacted.sum(), missingFieldDrops.sum(), validated.sum(),
                validationFailures.sum(), validationDrops.sum(), validationWarnings.sum(), validationRaises.sum());
    }

    private static Map<String, Object> run(List<FrameTransform> stage, Map<String, Object> frame, FrameKind kind,
            long seq) {
        Map<String, Object> current = frame;
        for (FrameTransform transform : stage) {
            current = transform.apply(current, kind, seq);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    // ------------------------------------------------------------------ the four transforms

    private FrameTransform create(TransformSpec spec, String key) {
        if (spec instanceof TransformSpec.SnapshotNormalizer) {
            // Documents are built from immutable values and are already detached: nothing to normalise.
            return (frame, kind, seq) -> frame;
        }
        if (spec instanceof TransformSpec.RedactFields redact) {
            return redactFields(redact);
        }
        if (spec instanceof TransformSpec.EnsureFields ensure) {
            return ensureFields(ensure);
        }
        if (spec instanceof TransformSpec.SchemaValidator validator) {
            return schemaValidator(validator, key);
        }
        throw new IllegalArgumentException("unknown transform " + spec);
    }

    private FrameTransform redactFields(TransformSpec.RedactFields spec) {
        List<String> fields = spec.fields();
        return (frame, kind, seq) -> {
            if (!spec.kinds().contains(kind)) {
                return frame;
            }
            LinkedHashMap<String, Object> copy = null;
            for (String field : fields) {
                if (frame.containsKey(field)) {
                    if (copy == null) {
                        copy = new LinkedHashMap<>(frame);
                    }
                    copy.remove(field);
                }
            }
            if (copy == null) {
                return frame;
            }
            redacted.increment();
            return copy;
        };
    }

    private FrameTransform ensureFields(TransformSpec.EnsureFields spec) {
        return (frame, kind, seq) -> {
            List<String> missing = null;
            for (String field : spec.requiredFor(kind)) {
                if (!frame.containsKey(field)) {
                    if (missing == null) {
                        missing = new ArrayList<>();
                    }
                    missing.add(field);
                }
            }
            if (missing == null) {
                return frame;
            }
            missingFieldDrops.increment();
            LOG.log(Level.WARNING, "telemetry_transform_missing_fields event_kind=" + kind.wireName() + " missing="
                    + String.join(",", missing));
            return null;
        };
    }

    private FrameTransform schemaValidator(TransformSpec.SchemaValidator spec, String key) {
        EnumMap<FrameKind, Schemas.Loaded> schemas = new EnumMap<>(FrameKind.class);
        spec.schemas().forEach((kind, source) -> {
            try {
                schemas.put(kind, Schemas.load(source));
            } catch (Schemas.LoadException e) {
                throw TelemetryConfigException.entry(key + ".options.schemas." + kind.wireName(), e.getMessage()
                        + " (" + source.configured() + ")", e);
            }
        });
        ValidationMode mode = spec.mode();
        return (frame, kind, seq) -> {
            Schemas.Loaded schema = schemas.get(kind);
            if (schema == null) {
                return frame;
            }
            validated.increment();
            // The fast path answers for the valid frames it is sure of; networknt for the rest (and all messages).
            List<String> errors = schema.errors(frame);
            if (errors.isEmpty()) {
                return frame;
            }
            validationFailures.increment();
            String joined = String.join("; ", errors);
            switch (mode) {
                case DROP -> {
                    validationDrops.increment();
                    LOG.log(Level.WARNING, "telemetry_schema_validation_dropped event_kind=" + kind.wireName()
                            + " seq=" + seq + " errors=" + joined);
                    return null;
                }
                case WARN -> {
                    validationWarnings.increment();
                    LOG.log(Level.WARNING, "telemetry_schema_validation_warning event_kind=" + kind.wireName()
                            + " seq=" + seq + " errors=" + joined);
                    return frame;
                }
                default -> {
                    validationRaises.increment();
                    throw new TelemetryValidationException("Telemetry event kind '" + kind.wireName()
                            + "' failed schema validation: " + joined);
                }
            }
        };
    }
}

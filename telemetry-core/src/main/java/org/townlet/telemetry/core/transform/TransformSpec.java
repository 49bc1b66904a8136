package org.townlet.telemetry.core.transform;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.townlet.telemetry.api.transport.FrameKind;

/**
 * One configured entry of the transform pipeline (SPEC §10.1), already validated. Immutable.
 *
 * <p>Section transforms ({@link SnapshotNormalizer}, {@link RedactFields}) run on the snapshot document before
 * diffing; frame transforms ({@link EnsureFields}, {@link SchemaValidator}) on the finished snapshot or diff.
 */
public sealed interface TransformSpec {
    /** {@code snapshot_normalizer}. */
    String SNAPSHOT_NORMALIZER = "snapshot_normalizer";
    /** {@code redact_fields}. */
    String REDACT_FIELDS = "redact_fields";
    /** {@code ensure_fields}. */
    String ENSURE_FIELDS = "ensure_fields";
    /** {@code schema_validator}. */
    String SCHEMA_VALIDATOR = "schema_validator";
    /** Every transform id, sorted. */
    List<String> IDS = List.of(ENSURE_FIELDS, REDACT_FIELDS, SCHEMA_VALIDATOR, SNAPSHOT_NORMALIZER);

    /** The transform's id, e.g. {@code redact_fields}. */
    String id();

    /** Whether it runs on the snapshot document before diffing (else on the finished frame). */
    boolean sectionStage();

    /** {@code snapshot_normalizer}: the identity (documents are built from immutable values); takes no options. */
    record SnapshotNormalizer() implements TransformSpec {
        @Override
        public String id() {
            return SNAPSHOT_NORMALIZER;
        }

        @Override
        public boolean sectionStage() {
            return true;
        }
    }

    /**
     * {@code redact_fields}: removes the listed top-level keys from frames of the listed kinds.
     *
     * @param fields the keys; non-empty
     * @param kinds  the frame kinds it applies to; non-empty (default both)
     */
    record RedactFields(List<String> fields, Set<FrameKind> kinds) implements TransformSpec {
        public RedactFields {
            fields = List.copyOf(fields);
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("fields must not be empty");
            }
            kinds = Collections.unmodifiableSet(kinds.isEmpty() ? EnumSet.noneOf(FrameKind.class)
                    : EnumSet.copyOf(kinds));
            if (kinds.isEmpty()) {
                throw new IllegalArgumentException("kinds must not be empty");
            }
        }

        /** Redacts {@code fields} from both kinds. */
        public static RedactFields of(String... fields) {
            return new RedactFields(List.of(fields), EnumSet.allOf(FrameKind.class));
        }

        @Override
        public String id() {
            return REDACT_FIELDS;
        }

        @Override
        public boolean sectionStage() {
            return true;
        }
    }

    /**
     * {@code ensure_fields}: drops a frame missing any required top-level key.
     *
     * @param requiredFieldsByKind  kind → required keys
     * @param defaultRequiredFields required keys of a kind not listed (default {@code [tick]})
     */
    record EnsureFields(Map<FrameKind, List<String>> requiredFieldsByKind, List<String> defaultRequiredFields)
            implements TransformSpec {
        /** Default of {@code default_required_fields}. */
        public static final List<String> DEFAULT_REQUIRED_FIELDS = List.of("tick");

        public EnsureFields {
            EnumMap<FrameKind, List<String>> copy = new EnumMap<>(FrameKind.class);
            requiredFieldsByKind.forEach((kind, fields) -> copy.put(Objects.requireNonNull(kind, "kind"),
                    List.copyOf(fields)));
            requiredFieldsByKind = Collections.unmodifiableMap(copy);
            defaultRequiredFields = List.copyOf(defaultRequiredFields);
        }

        /** The keys required of a frame of {@code kind}. */
        public List<String> requiredFor(FrameKind kind) {
            return requiredFieldsByKind.getOrDefault(kind, defaultRequiredFields);
        }

        @Override
        public String id() {
            return ENSURE_FIELDS;
        }

        @Override
        public boolean sectionStage() {
            return false;
        }
    }

    /**
     * {@code schema_validator}: validates frames of the kinds that have a schema.
     *
     * @param schemas kind → schema; non-empty
     * @param mode    what happens to a frame that fails (default {@link ValidationMode#DROP})
     */
    record SchemaValidator(Map<FrameKind, SchemaSource> schemas, ValidationMode mode) implements TransformSpec {
        public SchemaValidator {
            if (schemas.isEmpty()) {
                throw new IllegalArgumentException("schemas must not be empty");
            }
            schemas = Collections.unmodifiableMap(new EnumMap<>(schemas));
            Objects.requireNonNull(mode, "mode");
        }

        @Override
        public String id() {
            return SCHEMA_VALIDATOR;
        }

        @Override
        public boolean sectionStage() {
            return false;
        }
    }

    /** A map of frame kind → value, in kind order, for building specs by hand. */
    static <V> Map<FrameKind, V> byKind(V snapshot, V diff) {
        LinkedHashMap<FrameKind, V> map = new LinkedHashMap<>();
        if (snapshot != null) {
            map.put(FrameKind.SNAPSHOT, snapshot);
        }
        if (diff != null) {
            map.put(FrameKind.DIFF, diff);
        }
        return map;
    }
}

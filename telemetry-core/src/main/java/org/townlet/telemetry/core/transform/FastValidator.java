package org.townlet.telemetry.core.transform;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A JSON schema compiled ({@link FastValidatorCompiler}) into a tree of small checks that run directly on a frame's
 * plain Java values (maps, lists, strings, booleans, {@code Integer}/{@code Long}/{@code BigInteger}/{@code Double}/
 * {@code BigDecimal}, {@code null}), without building a {@code JsonNode} tree. It is the fast path of
 * {@code schema_validator} (SPEC §10.1); networknt stays the reference.
 *
 * <p><b>Contract (soundness):</b> {@link #accepts(Object)} answers only "definitely valid". When it returns
 * {@code true}, networknt (1.5.9, Draft 2020-12, the configuration of {@link Schemas}) reports no error for
 * {@code Schemas.toNode(document)}. {@code false} means "not sure": the caller runs networknt, which produces the
 * messages. So the fast path may decline anything it cannot decide cheaply and exactly: a {@code Double} where
 * {@code integer} is required (Draft 2020-12 counts {@code 1.0} as an integer), a non-string value in {@code enum},
 * {@code const} or {@code uniqueItems}, a non-finite double, a value of a type {@code toNode} would hand to Jackson.
 *
 * <p>Like networknt, the walk visits only the values the schema constrains: the inside of a section that only has to
 * be an object is not looked at. ({@code toNode} still converts it for networknt, so a value Jackson cannot convert
 * at all would make networknt's path throw where the fast path accepts; frames hold plain values only, and the
 * encoder would refuse such a value anyway.)
 *
 * <p>Each check also knows a weaker, second answer, {@link Check#refutes}: "definitely invalid", used only under
 * {@code not}, where "definitely valid" needs the inner schema to fail for sure. {@code false} means "not sure" there
 * too, so checks that cannot refute cheaply simply never do.
 *
 * <p>Immutable once compiled; thread-safe.
 */
final class FastValidator {
    private final Node root;

    FastValidator(Node root) {
        this.root = root;
    }

    /** Whether {@code document} is definitely valid; {@code false} means "not sure", never "invalid". */
    boolean accepts(Object document) {
        return root.accepts(document);
    }

    // ------------------------------------------------------------------ compiled schemas

    /**
     * One compiled (sub)schema: the conjunction of its keywords' checks ({@code true} is a node without checks). Its
     * {@code type}, which nearly every schema has and most leaves have alone, is kept apart and called directly, so
     * a leaf costs one kind test and no interface call.
     *
     * <p>A class, not a record: a recursive schema's {@code $ref} must point at its node before the node's checks are
     * compiled, so the compiler fills them once, after construction, before the validator is published.
     */
    static final class Node {
        private Types types;
        private Check[] checks;

        void checks(List<Check> compiled) {
            Types type = null;
            List<Check> others = new ArrayList<>();
            for (Check check : compiled) {
                if (check instanceof Types each && type == null) {
                    type = each;
                } else {
                    others.add(check);
                }
            }
            this.types = type;
            this.checks = others.toArray(new Check[0]);
        }

        /** Every check, {@code type} first. */
        List<Check> checks() {
            List<Check> all = new ArrayList<>();
            if (types != null) {
                all.add(types);
            }
            all.addAll(List.of(checks));
            return all;
        }

        boolean accepts(Object value) {
            return accepts(value, Kind.of(value));
        }

        boolean accepts(Object value, Kind kind) {
            if (kind == Kind.UNKNOWN) {
                // toNode would hand it to Jackson's valueToTree: any JSON could come out of that.
                return false;
            }
            if (types != null && !types.accepts(value, kind)) {
                return false;
            }
            for (Check check : checks) {
                if (!check.accepts(value, kind)) {
                    return false;
                }
            }
            return true;
        }

        boolean refutes(Object value, Kind kind) {
            if (kind == Kind.UNKNOWN) {
                return false;
            }
            if (types != null && types.refutes(value, kind)) {
                return true;
            }
            for (Check check : checks) {
                if (check.refutes(value, kind)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The JSON type {@code Schemas.toNode} gives a plain Java value, as networknt sees it: {@code Integer},
     * {@code Long} and {@code BigInteger} become integral nodes ({@link #INTEGER}); finite {@code Double} and
     * {@code BigDecimal} become non-integral number nodes ({@link #NUMBER}). The order of the tests follows
     * {@code toNode}, so an object that is both a map and a list is a map here too.
     */
    enum Kind {
        NULL(1), BOOLEAN(2), STRING(4), INTEGER(8), NUMBER(16), OBJECT(32), ARRAY(64), UNKNOWN(0);

        final int bit;

        Kind(int bit) {
            this.bit = bit;
        }

        static Kind of(Object value) {
            // The final leaf classes first: testing them is a pointer compare, while an instanceof Map or List is a
            // scan of the class's interfaces, which would cost more than the check itself on every leaf. No final
            // class is a Map or a List, so this order gives toNode's answer.
            if (value instanceof String) {
                return STRING;
            }
            if (value instanceof Double number) {
                // NaN and infinities: networknt's number keywords treat them specially (or throw); not worth it.
                return Double.isFinite(number) ? NUMBER : UNKNOWN;
            }
            if (value instanceof Long || value instanceof Integer) {
                return INTEGER;
            }
            if (value == null) {
                return NULL;
            }
            if (value instanceof Boolean) {
                return BOOLEAN;
            }
            // toNode's order from here on: a (strange) BigDecimal that is also a Map is a map there too.
            if (value instanceof Map<?, ?>) {
                return OBJECT;
            }
            if (value instanceof List<?>) {
                return ARRAY;
            }
            if (value instanceof BigInteger) {
                return INTEGER;
            }
            if (value instanceof BigDecimal) {
                return NUMBER;
            }
            return UNKNOWN;
        }
    }

    // ------------------------------------------------------------------ the checks

    /**
     * One keyword (or group of keywords on the same kind of value) of a compiled schema. A check only looks at the
     * kinds its keywords apply to: like networknt, {@code properties} accepts a string and {@code minimum} a map.
     */
    sealed interface Check permits Never, Types, ObjectShape, ArrayShape, MinLength, Minimum, OneOfStrings, Not, Ref {
        /** Definitely valid; {@code kind} is {@code Kind.of(value)}, never {@link Kind#UNKNOWN}. */
        boolean accepts(Object value, Kind kind);

        /** Definitely invalid (only needed under {@code not}); {@code false} when not sure. */
        boolean refutes(Object value, Kind kind);
    }

    /** The {@code false} schema. */
    record Never() implements Check {
        @Override
        public boolean accepts(Object value, Kind kind) {
            return false;
        }

        @Override
        public boolean refutes(Object value, Kind kind) {
            return true;
        }
    }

    /**
     * {@code type}, a string or an array, as a set of {@link Kind} bits. An integral value matches {@code number}
     * too. A {@code Double} or {@code BigDecimal} does not decide {@code integer}: networknt (Draft ≥ 6) accepts
     * {@code 1.0}, so that is left to it.
     *
     * @param allowed   the {@link Kind} bits named by {@code type}
     * @param refutable false when the schema also has {@code enum}: networknt skips {@code type} for some such
     *                  schemas (its "enum object schema" rule), so a type mismatch is not a sure failure there
     */
    record Types(int allowed, boolean refutable) implements Check {
        private static final int NUMERIC = Kind.INTEGER.bit | Kind.NUMBER.bit;

        @Override
        public boolean accepts(Object value, Kind kind) {
            return switch (kind) {
                case INTEGER -> (allowed & NUMERIC) != 0;
                default -> (allowed & kind.bit) != 0;
            };
        }

        @Override
        public boolean refutes(Object value, Kind kind) {
            if (!refutable) {
                return false;
            }
            return switch (kind) {
                case INTEGER, NUMBER -> (allowed & NUMERIC) == 0;
                default -> (allowed & kind.bit) == 0;
            };
        }
    }

    /**
     * {@code properties}, {@code required}, {@code additionalProperties} and {@code propertyNames} of one schema, in
     * one pass over the map's entries. Keys are the strings {@code toNode} makes of them ({@code String.valueOf});
     * when two keys give the same string the tree keeps one value, and checking every value is then the stricter
     * test, so still sound.
     *
     * @param members       the declared properties and the required names, by name
     * @param additional    the schema of undeclared properties; {@code null} when any value goes
     * @param names         the {@code propertyNames} schema; {@code null} when absent
     * @param requiredCount how many distinct names {@code required} lists (at most 64, one bit each)
     */
    record ObjectShape(Map<String, Member> members, Node additional, Node names, int requiredCount)
            implements Check {
        @Override
        public boolean accepts(Object value, Kind kind) {
            if (kind != Kind.OBJECT) {
                return true;
            }
            // forEach, not entrySet: unmodifiable wrappers and LinkedHashMap then hand over entries without
            // allocating an iterator and a wrapper per entry. Both visit the same entries (the Map contract).
            Walk walk = new Walk(this);
            ((Map<?, ?>) value).forEach(walk);
            return walk.valid && Long.bitCount(walk.seen) == requiredCount;
        }

        @Override
        public boolean refutes(Object value, Kind kind) {
            return false;
        }

        /** One pass over one map; stops checking at the first entry it is not sure of. */
        private static final class Walk implements BiConsumer<Object, Object> {
            private final ObjectShape shape;
            private boolean valid = true;
            private long seen;

            Walk(ObjectShape shape) {
                this.shape = shape;
            }

            @Override
            public void accept(Object key, Object value) {
                if (!valid) {
                    return;
                }
                String name = key instanceof String text ? text : String.valueOf(key);
                if (name == null) {
                    valid = false;
                    return;
                }
                Member member = shape.members.isEmpty() ? null : shape.members.get(name);
                Node schema = member != null && member.schema() != null ? member.schema() : shape.additional;
                if ((schema != null && !schema.accepts(value)) || (shape.names != null && !shape.names.accepts(name))) {
                    valid = false;
                    return;
                }
                if (member != null && member.requiredBit() >= 0) {
                    seen |= 1L << member.requiredBit();
                }
            }
        }
    }

    /**
     * A property name of an {@link ObjectShape}.
     *
     * @param schema      its {@code properties} schema; {@code null} when it is only required (then
     *                    {@code additionalProperties} applies to it)
     * @param requiredBit its bit when it is required, else {@code -1}
     */
    record Member(Node schema, int requiredBit) {
    }

    /**
     * {@code items}, {@code maxItems} and {@code uniqueItems} of one schema. Uniqueness is decided for lists of
     * strings only (JSON equality of other values, e.g. {@code 1} and {@code 1.0}, is left to networknt).
     *
     * @param items    the schema of every item; {@code null} when absent
     * @param maxItems the largest size allowed ({@code Integer.MAX_VALUE} when absent)
     * @param unique   {@code uniqueItems: true}
     */
    record ArrayShape(Node items, int maxItems, boolean unique) implements Check {
        @Override
        public boolean accepts(Object value, Kind kind) {
            if (kind != Kind.ARRAY) {
                return true;
            }
            List<?> list = (List<?>) value;
            if (list.size() > maxItems) {
                return false;
            }
            if (items != null) {
                for (Object item : list) {
                    if (!items.accepts(item)) {
                        return false;
                    }
                }
            }
            return !unique || distinctStrings(list);
        }

        @Override
        public boolean refutes(Object value, Kind kind) {
            return kind == Kind.ARRAY && ((List<?>) value).size() > maxItems;
        }

        private static boolean distinctStrings(List<?> list) {
            if (list.size() < 2) {
                return true;
            }
            Set<String> seen = new HashSet<>(list.size() * 4 / 3 + 1);
            for (Object item : list) {
                if (!(item instanceof String text) || !seen.add(text)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code minLength}: networknt counts code points, not UTF-16 units. */
    record MinLength(int min) implements Check {
        @Override
        public boolean accepts(Object value, Kind kind) {
            if (kind != Kind.STRING) {
                return true;
            }
            String text = (String) value;
            // A code point is one or two chars: a string twice as long as needed passes without counting.
            return text.length() >= 2L * min || text.codePointCount(0, text.length()) >= min;
        }

        @Override
        public boolean refutes(Object value, Kind kind) {
            return kind == Kind.STRING && ((String) value).codePointCount(0, ((String) value).length()) < min;
        }
    }

    /**
     * {@code minimum}. networknt compares exactly (longs, or {@code BigDecimal}s of the values' text), and so does
     * this check for integral values and {@code BigDecimal}s. A {@code Double} {@code d} is accepted only when even
     * the double just below it is {@code ≥ min}: then every decimal text that reads back as {@code d}, whichever one
     * Jackson writes, is above {@code min} too.
     *
     * @param min       the bound, read from the schema's text as networknt reads it
     * @param minLong   {@code min} as a long, when {@code minIsLong}
     * @param minIsLong whether {@code min} is an integer in the range of long
     * @param minDouble {@code min} as a double, when {@code minIsDouble}
     * @param minIsDouble whether {@code min} is exactly a finite double
     */
    record Minimum(BigDecimal min, long minLong, boolean minIsLong, double minDouble, boolean minIsDouble)
            implements Check {
        static Minimum of(BigDecimal min) {
            long asLong = 0;
            boolean isLong;
            try {
                asLong = min.longValueExact();
                isLong = true;
            } catch (ArithmeticException e) {
                isLong = false;
            }
            double asDouble = min.doubleValue();
            boolean isDouble = Double.isFinite(asDouble) && new BigDecimal(asDouble).compareTo(min) == 0;
            return new Minimum(min, asLong, isLong, asDouble, isDouble);
        }

        @Override
        public boolean accepts(Object value, Kind kind) {
            if (kind == Kind.INTEGER) {
                if (value instanceof BigInteger big) {
                    return new BigDecimal(big).compareTo(min) >= 0;
                }
                long number = ((Number) value).longValue();
                return minIsLong ? number >= minLong : BigDecimal.valueOf(number).compareTo(min) >= 0;
            }
            if (kind == Kind.NUMBER) {
                if (value instanceof BigDecimal decimal) {
                    return decimal.compareTo(min) >= 0;
                }
                return minIsDouble && Math.nextDown((Double) value) >= minDouble;
            }
            return true;
        }

        @Override
        public boolean refutes(Object value, Kind kind) {
            return kind == Kind.INTEGER && minIsLong && (value instanceof Long || value instanceof Integer)
                    && ((Number) value).longValue() < minLong;
        }
    }

    /**
     * {@code enum} or {@code const}, decided for string values only: a string equals exactly the string members
     * (networknt compares JSON nodes, and a text node equals only a text node with the same text). Any other value
     * is left to networknt.
     *
     * @param strings the string members (for {@code const}, the constant when it is a string)
     */
    record OneOfStrings(Set<String> strings) implements Check {
        @Override
        public boolean accepts(Object value, Kind kind) {
            return kind == Kind.STRING && strings.contains(value);
        }

        @Override
        public boolean refutes(Object value, Kind kind) {
            return kind == Kind.STRING && !strings.contains(value);
        }
    }

    /** {@code not}: definitely valid exactly when the inner schema definitely fails, and the other way round. */
    record Not(Node inner) implements Check {
        @Override
        public boolean accepts(Object value, Kind kind) {
            return inner.refutes(value, kind);
        }

        @Override
        public boolean refutes(Object value, Kind kind) {
            return inner.accepts(value, kind);
        }
    }

    /** {@code $ref} beside other keywords (a schema that is only a {@code $ref} compiles to its target). */
    record Ref(Node target) implements Check {
        @Override
        public boolean accepts(Object value, Kind kind) {
            return target.accepts(value, kind);
        }

        @Override
        public boolean refutes(Object value, Kind kind) {
            return target.refutes(value, kind);
        }
    }
}

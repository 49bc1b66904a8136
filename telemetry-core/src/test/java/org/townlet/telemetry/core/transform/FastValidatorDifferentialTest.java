package org.townlet.telemetry.core.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.townlet.telemetry.api.transport.FrameKind;

/**
 * The fast path against networknt, the reference, on the bundled schemas: whatever the fast path accepts, networknt
 * accepts (soundness), and every frame of a realistic stream is accepted by the fast path (so it is actually used).
 */
class FastValidatorDifferentialTest {
    private static final Schemas.Loaded SNAPSHOT = Schemas.load(BundledSchemas.source(FrameKind.SNAPSHOT));
    private static final Schemas.Loaded DIFF = Schemas.load(BundledSchemas.source(FrameKind.DIFF));
    private static final TownFrames TOWN = new TownFrames(7, 12);
    private static final Map<String, Object> SNAPSHOT_FRAME = TOWN.snapshot(41, 42);
    /** A diff whose {@code changes} carry every section. */
    private static final Map<String, Object> FULL_DIFF = TownFrames.diff(Map.of("promotion", Map.of(),
            "annotations", Map.of()), SNAPSHOT_FRAME);
    private static final Object REMOVE = new Object();

    /** What networknt says and whether the fast path must decide it. */
    enum Expect {
        /** networknt reports errors (so the fast path must decline). */
        INVALID,
        /** networknt reports none, and the fast path accepts it. */
        ACCEPTED,
        /** networknt reports none; the fast path is not sure by design (e.g. {@code 1.0} for an integer). */
        LEFT_TO_NETWORKNT
    }

    private static Schemas.Loaded schemaOf(Map<String, Object> frame) {
        return "diff".equals(frame.get("payload_type")) ? DIFF : SNAPSHOT;
    }

    private static List<String> networknt(Map<String, Object> frame) {
        return Schemas.errors(schemaOf(frame).schema(), Schemas.toNode(frame));
    }

    private static boolean fast(Map<String, Object> frame) {
        return schemaOf(frame).fastPath().accepts(frame);
    }

    @Test
    void bothBundledSchemasHaveAFastPath() {
        assertThat(SNAPSHOT.hasFastPath()).isTrue();
        assertThat(DIFF.hasFastPath()).isTrue();
    }

    @Test
    void everyFrameOfARealisticStreamIsValidAndAcceptedByTheFastPath() {
        List<Map<String, Object>> frames = new ArrayList<>(new TownFrames(3, 50).stream(150, 100));
        frames.addAll(new TownFrames(11, 2).stream(150, 7));

        for (Map<String, Object> frame : frames) {
            assertThat(networknt(frame)).as("networknt, frame seq %s", frame.get("seq")).isEmpty();
            assertThat(fast(frame)).as("fast path, frame seq %s", frame.get("seq")).isTrue();
        }
        assertThat(frames).filteredOn(frame -> "snapshot".equals(frame.get("payload_type"))).hasSize(2 + 22);
        assertThat(frames).filteredOn(frame -> frame.containsKey("removed")).isNotEmpty();
    }

    static Stream<Arguments> mutations() {
        List<Object> tooMany = Collections.nCopies(21, Map.of("tick", 1L, "delta", queueMetrics(0), "totals",
                queueMetrics(0)));
        return Stream.of(
                snapshot("seq negative", List.of("seq"), old -> -1L, Expect.INVALID),
                snapshot("seq a whole Double", List.of("seq"), old -> 3.0, Expect.LEFT_TO_NETWORKNT),
                snapshot("seq a fractional Double", List.of("seq"), old -> 3.5, Expect.INVALID),
                snapshot("seq a huge BigInteger", List.of("seq"), old -> BigInteger.TEN.pow(30), Expect.ACCEPTED),
                snapshot("seq a negative BigInteger", List.of("seq"), old -> BigInteger.TEN.pow(30).negate(),
                        Expect.INVALID),
                snapshot("tick a whole BigDecimal", List.of("tick"), old -> new BigDecimal("4.0"),
                        Expect.LEFT_TO_NETWORKNT),
                snapshot("tick an Integer", List.of("tick"), old -> 4, Expect.ACCEPTED),
                snapshot("tick a Float", List.of("tick"), old -> 4.0f, Expect.LEFT_TO_NETWORKNT),
                snapshot("seq null", List.of("seq"), old -> null, Expect.INVALID),
                snapshot("seq a string", List.of("seq"), old -> "7", Expect.INVALID),
                snapshot("seq a boolean", List.of("seq"), old -> true, Expect.INVALID),
                snapshot("jobs missing", List.of("jobs"), old -> REMOVE, Expect.INVALID),
                snapshot("conflict missing", List.of("conflict"), old -> REMOVE, Expect.INVALID),
                snapshot("payload_type diff in a snapshot", List.of("payload_type"), old -> "diff", Expect.INVALID),
                snapshot("schema_version empty", List.of("schema_version"), old -> "", Expect.INVALID),
                snapshot("schema_version one astral code point", List.of("schema_version"), old -> "😀",
                        Expect.ACCEPTED),
                snapshot("queue_metrics extra key", List.of("queue_metrics", "extra"), old -> 1L, Expect.INVALID),
                snapshot("queue_metrics extra non-String key", List.of("queue_metrics", 42), old -> 1L,
                        Expect.INVALID),
                snapshot("queue_metrics counter missing", List.of("queue_metrics", "ghost_step_events"),
                        old -> REMOVE, Expect.INVALID),
                snapshot("queue_metrics counter negative", List.of("queue_metrics", "rotation_events"),
                        old -> -1L, Expect.INVALID),
                snapshot("queue_metrics counter 2.0", List.of("queue_metrics", "rotation_events"), old -> 2.0,
                        Expect.LEFT_TO_NETWORKNT),
                snapshot("queue_history with 21 entries", List.of("conflict", "queue_history"), old -> tooMany,
                        Expect.INVALID),
                snapshot("rivalry event without reason", List.of("conflict", "rivalry_events", 0, "reason"),
                        old -> REMOVE, Expect.INVALID),
                snapshot("rivalry event intensity null", List.of("conflict", "rivalry_events", 0, "intensity"),
                        old -> null, Expect.ACCEPTED),
                snapshot("overlay list of 4", List.of("relationship_overlay", "agent_0001"),
                        old -> Collections.nCopies(4, Map.of()), Expect.INVALID),
                snapshot("kpi series of 51", List.of("kpi_history", "late_help_events"),
                        old -> Collections.nCopies(51, 0L), Expect.INVALID),
                snapshot("kpi value a string", List.of("kpi_history", "shared_meals", 3), old -> "x",
                        Expect.INVALID),
                snapshot("kpi value null", List.of("kpi_history", "shared_meals", 3), old -> null, Expect.ACCEPTED),
                snapshot("kpi value NaN", List.of("kpi_history", "shared_meals", 3), old -> Double.NaN,
                        Expect.LEFT_TO_NETWORKNT),
                snapshot("kpi value a Short", List.of("kpi_history", "shared_meals", 3), old -> (short) 3,
                        Expect.LEFT_TO_NETWORKNT),
                snapshot("relationship update status a miss", List.of("relationship_updates"),
                        old -> List.of(Map.of("owner", "a", "other", "b", "status", "deleted")), Expect.INVALID),
                snapshot("relationship update status a number", List.of("relationship_updates"),
                        old -> List.of(Map.of("owner", "a", "other", "b", "status", 1L)), Expect.INVALID),
                snapshot("relationship update status removed", List.of("relationship_updates"),
                        old -> List.of(Map.of("owner", "a", "other", "b", "status", "removed")), Expect.ACCEPTED),
                snapshot("health status a miss", List.of("health", "status"), old -> "fine", Expect.INVALID),
                snapshot("health tick negative", List.of("health", "tick"), old -> -3L, Expect.INVALID),
                snapshot("utility a number", List.of("utilities"), old -> Map.of("power", 0L), Expect.INVALID),
                snapshot("reward a string", List.of("reward_breakdown", "agent_0002", "work"), old -> "x",
                        Expect.INVALID),
                snapshot("reward null", List.of("reward_breakdown", "agent_0002", "work"), old -> null,
                        Expect.ACCEPTED),
                snapshot("reward an Integer", List.of("reward_breakdown", "agent_0002", "work"), old -> 1,
                        Expect.ACCEPTED),
                snapshot("reward a BigDecimal", List.of("reward_breakdown", "agent_0002", "work"),
                        old -> new BigDecimal("0.125"), Expect.ACCEPTED),
                snapshot("rewards keyed by Integers", List.of("reward_breakdown"),
                        old -> Map.of(1, Map.of(2, 0.5)), Expect.ACCEPTED),
                snapshot("embedding metric a boolean", List.of("embedding_metrics"),
                        old -> Map.of("reuse", true), Expect.INVALID),
                snapshot("job a list", List.of("jobs", "agent_0003"), old -> List.of(), Expect.INVALID),
                snapshot("job a map of anything", List.of("jobs", "agent_0003"),
                        old -> Map.of("x", List.of(new UUID(1, 2), 'c')), Expect.ACCEPTED),
                snapshot("price spike without targets", List.of("price_spikes"),
                        old -> Map.of("s", Map.of("magnitude", 1.0)), Expect.INVALID),
                snapshot("price spike target a number", List.of("price_spikes"),
                        old -> Map.of("s", Map.of("magnitude", 1.0, "targets", List.of(1L))), Expect.INVALID),
                snapshot("narration priority a string", List.of("narrations"), old -> List.of(Map.of("tick", 1L,
                        "category", "c", "message", "m", "priority", "yes")), Expect.INVALID),
                snapshot("narration tick fractional", List.of("narrations"), old -> List.of(Map.of("tick", 1.5,
                        "category", "c", "message", "m", "priority", true)), Expect.INVALID),
                snapshot("event without name", List.of("events", 0, "event"), old -> REMOVE, Expect.INVALID),
                snapshot("alert a number", List.of("stability", "alerts"), old -> List.of(1L), Expect.INVALID),
                snapshot("transport connected a string", List.of("transport", "connected"), old -> "true",
                        Expect.INVALID),
                snapshot("transport queue_length negative", List.of("transport", "queue_length"), old -> -1,
                        Expect.INVALID),
                snapshot("affordance runtime without event_counts", List.of("affordance_runtime",
                        "event_counts"), old -> REMOVE, Expect.INVALID),
                snapshot("affordance fail negative", List.of("affordance_runtime", "event_counts", "fail"),
                        old -> -1L, Expect.INVALID),
                snapshot("promotion a list", List.of("promotion"), old -> List.of(), Expect.INVALID),
                snapshot("promotion null", List.of("promotion"), old -> null, Expect.ACCEPTED),
                snapshot("annotations a list", List.of("annotations"), old -> List.of(), Expect.INVALID),
                snapshot("unknown top-level section", List.of("extra_section"), old -> 5L, Expect.ACCEPTED),
                diff("changes carry seq", List.of("changes", "seq"), old -> 9L, Expect.INVALID),
                diff("changes carry tick", List.of("changes", "tick"), old -> 9L, Expect.INVALID),
                diff("changes carry seq under a non-String key", List.of("changes", new StringBuilder("seq")),
                        old -> 9L, Expect.INVALID),
                diff("changes carry an unknown section", List.of("changes", "annotations_v2"), old -> List.of(),
                        Expect.ACCEPTED),
                diff("changes a list", List.of("changes"), old -> List.of(), Expect.INVALID),
                diff("changes null", List.of("changes"), old -> null, Expect.INVALID),
                diff("changes missing", List.of("changes"), old -> REMOVE, Expect.INVALID),
                diff("payload_type snapshot in a diff", List.of("payload_type"), old -> "snapshot", Expect.INVALID),
                diff("removed twice the same", List.of("removed"), old -> List.of("jobs", "jobs"), Expect.INVALID),
                diff("removed a number", List.of("removed"), old -> List.of("jobs", 1L), Expect.INVALID),
                diff("removed unique strings", List.of("removed"), old -> List.of("jobs", "economy"),
                        Expect.ACCEPTED),
                diff("removed 1 and 1.0", List.of("removed"), old -> List.of(1L, 1.0), Expect.INVALID),
                diff("section in changes invalid", List.of("changes", "health", "status"), old -> "fine",
                        Expect.INVALID),
                diff("seq negative", List.of("seq"), old -> -2L, Expect.INVALID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void fastPathNeverAcceptsWhatNetworkntRejects(String name, Map<String, Object> frame, Expect expect) {
        List<String> errors = networknt(frame);
        boolean accepted = fast(frame);

        if (accepted) {
            assertThat(errors).as("accepted by the fast path, so networknt must accept it").isEmpty();
        }
        switch (expect) {
            case INVALID -> assertThat(errors).as("networknt").isNotEmpty();
            case ACCEPTED -> {
                assertThat(errors).as("networknt").isEmpty();
                assertThat(accepted).as("fast path").isTrue();
            }
            case LEFT_TO_NETWORKNT -> {
                assertThat(errors).as("networknt").isEmpty();
                assertThat(accepted).as("fast path").isFalse();
            }
            default -> throw new IllegalStateException();
        }
    }

    @Test
    void seededRandomMutationsAreNeverAcceptedWhenNetworkntRejectsThem() {
        List<Map<String, Object>> frames = new ArrayList<>(new TownFrames(5, 6).stream(60, 25));
        frames.add(FULL_DIFF);
        Random random = new Random(20_240_601L);
        int acceptedByBoth = 0;
        int rejectedByNetworknt = 0;

        for (int i = 0; i < 3_000; i++) {
            Map<String, Object> frame = frames.get(random.nextInt(frames.size()));
            List<Object> path = randomPath(frame, random);
            if (path.isEmpty()) {
                continue;
            }
            Object replacement = randomValue(random);
            @SuppressWarnings("unchecked")
            Map<String, Object> mutated = (Map<String, Object>) edit(frame, path, 0,
                    old -> random.nextInt(8) == 0 ? REMOVE : replacement);

            List<String> errors = networknt(mutated);
            boolean accepted = fast(mutated);

            if (accepted) {
                assertThat(errors).as("mutation %d at %s -> %s", i, path, replacement).isEmpty();
                acceptedByBoth++;
            }
            if (!errors.isEmpty()) {
                rejectedByNetworknt++;
            }
        }
        // Not vacuous: plenty of both outcomes.
        assertThat(acceptedByBoth).isGreaterThan(300);
        assertThat(rejectedByNetworknt).isGreaterThan(300);
    }

    // ------------------------------------------------------------------ helpers

    private static Arguments snapshot(String name, List<Object> path, UnaryOperator<Object> change, Expect expect) {
        return Arguments.of(name, edit(SNAPSHOT_FRAME, path, 0, change), expect);
    }

    private static Arguments diff(String name, List<Object> path, UnaryOperator<Object> change, Expect expect) {
        return Arguments.of("diff: " + name, edit(FULL_DIFF, path, 0, change), expect);
    }

    private static Map<String, Object> queueMetrics(long value) {
        return Map.of("cooldown_events", value, "ghost_step_events", value, "rotation_events", value);
    }

    /**
     * A copy of {@code value} with the value at {@code path} (map keys and list indexes) replaced by
     * {@code change(old)}, or removed when that is {@link #REMOVE}; the containers on the path are copied, the
     * originals (often immutable) are left alone.
     */
    private static Object edit(Object value, List<Object> path, int depth, UnaryOperator<Object> change) {
        if (depth == path.size()) {
            return change.apply(value);
        }
        Object step = path.get(depth);
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>(map);
            Object next = edit(map.get(step), path, depth + 1, change);
            if (next == REMOVE) {
                copy.remove(step);
            } else {
                copy.put(step, next);
            }
            return copy;
        }
        if (value instanceof List<?> list && step instanceof Integer index && index < list.size()) {
            List<Object> copy = new ArrayList<>(list);
            Object next = edit(list.get(index), path, depth + 1, change);
            if (next == REMOVE) {
                copy.remove((int) index);
            } else {
                copy.set(index, next);
            }
            return copy;
        }
        return value;
    }

    /** A path from the root to a random place, biased towards deep ones; sometimes to a new key. */
    private static List<Object> randomPath(Object root, Random random) {
        List<Object> path = new ArrayList<>();
        Object current = root;
        while (true) {
            if (current instanceof Map<?, ?> map && !map.isEmpty() && random.nextInt(6) != 0) {
                List<?> keys = new ArrayList<>(map.keySet());
                Object key = keys.get(random.nextInt(keys.size()));
                path.add(key);
                current = map.get(key);
            } else if (current instanceof List<?> list && !list.isEmpty() && random.nextInt(6) != 0) {
                int index = random.nextInt(list.size());
                path.add(index);
                current = list.get(index);
            } else {
                if (current instanceof Map<?, ?> && random.nextBoolean()) {
                    List<Object> names = List.of("extra", "seq", "tick", "payload_type", "schema_version", "status",
                            "trust", 7, "changes", "");
                    path.add(names.get(random.nextInt(names.size())));
                }
                return path;
            }
        }
    }

    private static Object randomValue(Random random) {
        return switch (random.nextInt(24)) {
            case 0 -> null;
            case 1 -> -1L;
            case 2 -> 0L;
            case 3 -> 5;
            case 4 -> 1.0;
            case 5 -> 1.5;
            case 6 -> -0.5;
            case 7 -> "";
            case 8 -> "ok";
            case 9 -> "snapshot";
            case 10 -> true;
            case 11 -> List.of();
            case 12 -> Map.of();
            case 13 -> Collections.nCopies(21 + random.nextInt(40), Map.of());
            case 14 -> List.of("a", "a");
            case 15 -> BigInteger.valueOf(-3);
            case 16 -> new BigDecimal("2.50");
            case 17 -> Double.NaN;
            case 18 -> 2.0f;
            case 19 -> Map.of(3, "x");
            case 20 -> Map.of("cooldown_events", 1L, "ghost_step_events", 2L, "rotation_events", 3L);
            case 21 -> "updated";
            case 22 -> Collections.singletonMap("status", null);
            default -> List.of(1L, 1.0);
        };
    }
}

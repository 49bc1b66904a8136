package org.townlet.telemetry.core.encode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.townlet.telemetry.api.event.AffordanceEventCounts;
import org.townlet.telemetry.api.event.AffordanceRuntime;
import org.townlet.telemetry.api.event.AgentRelationshipSummary;
import org.townlet.telemetry.api.event.ConflictSnapshot;
import org.townlet.telemetry.api.event.ConsoleMode;
import org.townlet.telemetry.api.event.ConsoleStatus;
import org.townlet.telemetry.api.event.FriendEntry;
import org.townlet.telemetry.api.event.NarrationEntry;
import org.townlet.telemetry.api.event.OverlayEntry;
import org.townlet.telemetry.api.event.PerturbationCooldowns;
import org.townlet.telemetry.api.event.Perturbations;
import org.townlet.telemetry.api.event.PolicyIdentity;
import org.townlet.telemetry.api.event.PriceSpike;
import org.townlet.telemetry.api.event.QueueHistoryEntry;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.event.RelationshipStatus;
import org.townlet.telemetry.api.event.RelationshipSummary;
import org.townlet.telemetry.api.event.RelationshipTie;
import org.townlet.telemetry.api.event.RelationshipUpdate;
import org.townlet.telemetry.api.event.RivalEntry;
import org.townlet.telemetry.api.event.RivalryEvent;
import org.townlet.telemetry.api.event.RunningAffordance;
import org.townlet.telemetry.api.event.SocialEvent;
import org.townlet.telemetry.api.event.StabilityInputs;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.status.MetricValue;

/**
 * Turns read-model values into plain JSON values (SPEC §1.4, §9.1): maps with snake_case keys, lists, strings,
 * booleans, integral numbers, finite doubles and {@code null}. Records are converted by hand (no reflection).
 *
 * <p>Maps and records become {@link JsonObject}s (records' key arrays are the constants below): a map is walked once
 * and, when it comes back unchanged in the next document, not walked again (see {@link #plainMap(Map, Object)}). A list
 * that is already plain is returned as the same instance; one holding a map, a record, a non-finite double or another
 * non-plain value is copied with the values converted. A non-finite double becomes {@code null}, is counted through
 * the {@code nonfinite} callback and, the first time in each section, logged as WARNING
 * {@code telemetry_nonfinite_value section={s} path={p}}.
 *
 * <p>Threads: not thread-safe; used by one thread at a time (its document builder's). The warned-sections set may be
 * shared by the converters of several builders ({@link PublisherFrameProducer}'s worker and building-ahead builders
 * warn once between them), so it is concurrent.
 */
final class JsonConverter {
    private static final System.Logger LOG = System.getLogger(SnapshotDocumentBuilder.class.getName());

    private final Runnable nonfinite;
    private final Set<String> warnedSections;
    private String section = "";
    private Object[] path = new Object[16];
    private int depth;
    private long nonfiniteSeen;
    private MapWalk[] walks = new MapWalk[8];
    private int walkDepth;

    JsonConverter(Runnable nonfinite) {
        this(nonfinite, ConcurrentHashMap.newKeySet());
    }

    /** A converter warning only for sections not in {@code warnedSections} (a concurrent set, shared, added to). */
    JsonConverter(Runnable nonfinite, Set<String> warnedSections) {
        this.nonfinite = nonfinite;
        this.warnedSections = warnedSections;
    }

    /** Starts converting a new section: paths in warnings start at {@code name}. */
    void beginSection(String name) {
        section = name;
        depth = 0;
    }

    /** How many non-finite values were replaced by {@code null} so far (for the section cache). */
    long nonfiniteSeen() {
        return nonfiniteSeen;
    }

    /** Counts {@code n} non-finite values again, without a warning (a reused section still carries them). */
    void countAgain(long n) {
        for (long i = 0; i < n; i++) {
            nonfiniteSeen++;
            nonfinite.run();
        }
    }

    // ------------------------------------------------------------------ numbers

    /** {@code value}, or {@code null} (counted and warned) when it is NaN or infinite. */
    Double number(double value) {
        if (Double.isFinite(value)) {
            return value;
        }
        return nonFinite();
    }

    /** A nullable double: {@code null} stays {@code null}. */
    Double number(Double value) {
        return value == null ? null : number(value.doubleValue());
    }

    private Double nonFinite() {
        nonfiniteSeen++;
        nonfinite.run();
        if (warnedSections.add(section)) {
            LOG.log(System.Logger.Level.WARNING, "telemetry_nonfinite_value section={0} path={1}", section,
                    currentPath());
        }
        return null;
    }

    private String currentPath() {
        StringBuilder text = new StringBuilder(section);
        for (int i = 0; i < depth; i++) {
            Object segment = path[i];
            if (segment instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else {
                text.append('.').append(segment);
            }
        }
        return text.toString();
    }

    private void push(Object segment) {
        if (depth == path.length) {
            Object[] larger = new Object[depth * 2];
            System.arraycopy(path, 0, larger, 0, depth);
            path = larger;
        }
        path[depth++] = segment;
    }

    private void pop() {
        path[--depth] = null;
    }

    // ------------------------------------------------------------------ generic values

    /** The plain JSON form of {@code value} (see the class comment). */
    Object plain(Object value) {
        return plain(value, null);
    }

    /**
     * The plain JSON form of {@code value}; {@code previous} is what converting the same place gave for the previous
     * document, or {@code null} (see {@link #plainMap(Map, Object)}).
     */
    Object plain(Object value, Object previous) {
        // doubles first: most values of a frame are
        if (value instanceof Double number) {
            return Double.isFinite(number) ? number : nonFinite();
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer) {
            return value;
        }
        if (value instanceof JsonObject) {
            // made by this converter from converted values
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            return plainMap(map, previous);
        }
        if (value instanceof List<?> list) {
            return plainList(list, previous);
        }
        if (value instanceof Float number) {
            return number(number.doubleValue());
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Number number) {
            return number(number.doubleValue());
        }
        if (value instanceof Collection<?> collection) {
            return plainList(new ArrayList<>(collection));
        }
        if (value instanceof Optional<?> optional) {
            return plain(optional.orElse(null));
        }
        if (value instanceof Character character) {
            return character.toString();
        }
        Object record = record(value);
        if (record != null) {
            return record;
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT);
        }
        return value.toString();
    }

    /** The plain JSON map of {@code map}: a {@link JsonObject} of its converted values, in its order. */
    Map<String, Object> plainMap(Map<?, ?> map) {
        return plainMap(map, null);
    }

    /**
     * The plain JSON map of {@code map}, walked once: a {@link JsonObject} holding its converted values in its order,
     * so the differ and the encoder never iterate (and box) the source map again.
     *
     * <p>{@code previous} is the conversion of the same place in the previous document (the section's previous value,
     * or the previous value's entry under the same key), or {@code null}. When it was made from this very map and held
     * no non-finite value, it is returned as it is, without a walk: values are immutable, and most entries of a
     * per-agent section come back unchanged from tick to tick. Otherwise its key array is shared when the keys are the
     * same, and its values guide the conversion of the nested maps.
     */
    Map<String, Object> plainMap(Map<?, ?> map, Object previous) {
        if (map.isEmpty()) {
            return Map.of();
        }
        JsonObject before = previous instanceof JsonObject object ? object : null;
        if (before != null && before.source() == map && before.clean()) {
            return before;
        }
        MapWalk walk = startWalk();
        try {
            walk.start(map.size(), before);
            // forEach, not entrySet(): an unmodifiable wrapper's entry set wraps every entry once more
            map.forEach(walk);
            return walk.result(map);
        } finally {
            endWalk();
        }
    }

    private MapWalk startWalk() {
        if (walkDepth == walks.length) {
            walks = Arrays.copyOf(walks, walkDepth * 2);
        }
        MapWalk walk = walks[walkDepth];
        if (walk == null) {
            walk = new MapWalk();
            walks[walkDepth] = walk;
        }
        walkDepth++;
        return walk;
    }

    private void endWalk() {
        walks[--walkDepth].clear();
    }

    /**
     * One map being converted by {@link #plainMap(Map, Object)}: its keys and converted values so far. One instance per
     * nesting depth, reused, so converting a map allocates only its result.
     */
    private final class MapWalk implements BiConsumer<Object, Object> {
        private JsonObject before;
        private String[] shared;
        private String[] keys;
        private Object[] values;
        private int count;
        private int cursor;
        private boolean textKeysOnly;
        private long nonfiniteBefore;

        void start(int size, JsonObject previous) {
            before = previous;
            shared = previous != null && previous.size() == size ? previous.keyArray() : null;
            keys = null;
            values = new Object[size];
            count = 0;
            cursor = 0;
            textKeysOnly = true;
            nonfiniteBefore = nonfiniteSeen;
        }

        @Override
        public void accept(Object rawKey, Object value) {
            int i = count;
            if (i == values.length) {
                // a map larger than its size said; immutable maps do not do this, but stay correct
                values = Arrays.copyOf(values, i * 2 + 1);
                ownKeys(i);
                keys = Arrays.copyOf(keys, values.length);
                shared = null;
            }
            String key;
            if (rawKey instanceof String text) {
                key = text;
            } else {
                key = String.valueOf(rawKey);
                textKeysOnly = false;
            }
            if (keys == null && (shared == null || shared[i] != key && !shared[i].equals(key))) {
                ownKeys(i);
            }
            if (keys != null) {
                keys[i] = key;
            }
            Object previousValue = before == null ? null : previousValue(key);
            push(rawKey);
            values[i] = sameScalar(plain(value, previousValue), previousValue);
            pop();
            count = i + 1;
        }

        /**
         * The previous conversion's value under {@code key}: looked for where the previous key was found plus one, so
         * that after a key came or went one lookup realigns the walk and the rest are found by position.
         */
        private Object previousValue(String key) {
            int position = cursor;
            if (position >= before.size() || before.keyAt(position) != key && !before.keyAt(position).equals(key)) {
                position = before.indexOf(key);
                if (position < 0) {
                    return null;
                }
            }
            cursor = position + 1;
            return before.valueAt(position);
        }

        /** Switches from the shared key array to one of its own, keeping the first {@code n} keys. */
        private void ownKeys(int n) {
            if (keys == null) {
                keys = new String[values.length];
                if (shared != null) {
                    System.arraycopy(shared, 0, keys, 0, n);
                }
            }
        }

        Map<String, Object> result(Object source) {
            String[] finalKeys = keys == null ? shared : keys;
            Object[] finalValues = values;
            if (count != finalValues.length) {
                finalKeys = Arrays.copyOf(finalKeys, count);
                finalValues = Arrays.copyOf(finalValues, count);
            }
            if (!textKeysOnly) {
                // keys that were not text may collide once turned into text: later values win, as in any map
                LinkedHashMap<String, Object> copy = new LinkedHashMap<>(capacityFor(count));
                for (int i = 0; i < count; i++) {
                    copy.put(finalKeys[i], finalValues[i]);
                }
                return Collections.unmodifiableMap(copy);
            }
            return new JsonObject(source, finalKeys, finalValues, nonfiniteSeen == nonfiniteBefore);
        }

        void clear() {
            before = null;
            shared = null;
            keys = null;
            values = null;
        }
    }

    /**
     * {@code converted}, or {@code previous} when both are numbers written the same (equal bits, equal type): keeping
     * the previous conversion's object for an unchanged value lets the encoder find the unchanged fields of a changed
     * object by identity alone, without reading their values ({@link FrameEncoder}), and leaves less garbage.
     */
    private static Object sameScalar(Object converted, Object previous) {
        if (converted == previous || previous == null) {
            return converted;
        }
        if (converted instanceof Double number) {
            return previous instanceof Double before
                    && Double.doubleToRawLongBits(number) == Double.doubleToRawLongBits(before) ? previous : converted;
        }
        if (converted instanceof Long number) {
            return previous instanceof Long before && number.longValue() == before.longValue() ? previous : converted;
        }
        return converted;
    }

    /** A {@code HashMap} capacity that holds {@code size} entries without resizing. */
    static int capacityFor(int size) {
        return size < 3 ? size + 1 : (int) (size / 0.75f + 1.0f);
    }

    /** The plain JSON list of {@code list}; the same instance when nothing needed converting. */
    List<Object> plainList(List<?> list) {
        return plainList(list, null);
    }

    /**
     * The plain JSON list of {@code list}; the same instance when nothing needed converting, which it knows without a
     * walk when {@code previous}, the conversion of the same place in the previous document, is this very list.
     */
    @SuppressWarnings("unchecked")
    List<Object> plainList(List<?> list, Object previous) {
        if (list.isEmpty()) {
            return List.of();
        }
        if (previous == list) {
            return (List<Object>) list;
        }
        List<?> before = previous instanceof List<?> previousList && previousList.size() == list.size()
                && previousList instanceof RandomAccess ? previousList : null;
        List<Object> copy = null;
        int index = 0;
        for (Object value : list) {
            push(index);
            Object converted = plain(value, before == null ? null : before.get(index));
            pop();
            if (copy == null && converted != value) {
                copy = new ArrayList<>(list.size());
                for (int i = 0; i < index; i++) {
                    copy.add(list.get(i));
                }
            }
            if (copy != null) {
                copy.add(converted);
            }
            index++;
        }
        return copy == null ? (List<Object>) list : Collections.unmodifiableList(copy);
    }

    /** The map form of a known api record or enum; {@code null} when {@code value} is none of them. */
    private Object record(Object value) {
        if (value instanceof QueueMetrics metrics) {
            return queueMetrics(metrics);
        }
        if (value instanceof RelationshipTie tie) {
            return tie(tie);
        }
        if (value instanceof PriceSpike spike) {
            return priceSpike(spike);
        }
        if (value instanceof WorldEvent event) {
            return plainMap(event.toJson());
        }
        if (value instanceof SocialEvent event) {
            return plainMap(event.toJson());
        }
        if (value instanceof RivalryEvent event) {
            return rivalryEvent(event);
        }
        if (value instanceof QueueHistoryEntry entry) {
            return queueHistoryEntry(entry);
        }
        if (value instanceof RelationshipUpdate update) {
            return relationshipUpdate(update);
        }
        if (value instanceof OverlayEntry entry) {
            return overlayEntry(entry);
        }
        if (value instanceof NarrationEntry entry) {
            return narration(entry);
        }
        if (value instanceof RunningAffordance running) {
            return runningAffordance(running);
        }
        if (value instanceof AffordanceRuntime runtime) {
            return affordanceRuntime(runtime);
        }
        if (value instanceof AffordanceEventCounts counts) {
            return eventCounts(counts);
        }
        if (value instanceof ConflictSnapshot conflict) {
            return conflict(conflict);
        }
        if (value instanceof Perturbations perturbations) {
            return perturbations(perturbations);
        }
        if (value instanceof StabilityInputs inputs) {
            return stabilityInputs(inputs);
        }
        if (value instanceof PolicyIdentity identity) {
            return policyIdentity(identity);
        }
        if (value instanceof RelationshipSummary summary) {
            return relationshipSummary(summary);
        }
        if (value instanceof MetricValue metric) {
            return metricValue(metric);
        }
        if (value instanceof RelationshipStatus status) {
            return status.jsonName();
        }
        if (value instanceof ConsoleMode mode) {
            return mode.jsonName();
        }
        if (value instanceof ConsoleStatus status) {
            return status.jsonName();
        }
        return null;
    }

    // ------------------------------------------------------------------ records, by hand

    private static final String[] QUEUE_METRICS = {"cooldown_events", "ghost_step_events", "rotation_events"};
    private static final String[] TIE = {"trust", "familiarity", "rivalry"};
    private static final String[] PRICE_SPIKE = {"magnitude", "targets"};
    private static final String[] RIVALRY_EVENT = {"tick", "agent_a", "agent_b", "intensity", "reason"};
    private static final String[] QUEUE_HISTORY_ENTRY = {"tick", "delta", "totals"};
    private static final String[] CONFLICT = {"queues", "queue_history", "rivalry", "rivalry_events"};
    private static final String[] RELATIONSHIP_UPDATE = {"owner", "other", "trust", "familiarity", "rivalry", "status",
        "delta"};
    private static final String[] OVERLAY_ENTRY = {"owner", "other", "trust", "familiarity", "rivalry", "delta_trust",
        "delta_familiarity", "delta_rivalry"};
    private static final String[] NARRATION = {"tick", "category", "message", "priority", "data"};
    private static final String[] DEDUPED_NARRATION = {"tick", "category", "message", "priority", "data",
        "dedupe_key"};
    private static final String[] RUNNING_AFFORDANCE = {"agent_id", "affordance_id", "started_tick", "remaining_ticks"};
    private static final String[] EVENT_COUNTS = {"start", "finish", "fail", "precondition_fail"};
    private static final String[] AFFORDANCE_RUNTIME = {"tick", "running_count", "running", "active_reservations",
        "event_counts"};
    private static final String[] PERTURBATIONS = {"active", "pending", "cooldowns"};
    private static final String[] COOLDOWNS = {"spec", "agents"};
    private static final String[] STABILITY_INPUTS = {"hunger_levels", "option_switch_counts", "reward_samples"};
    private static final String[] POLICY_IDENTITY = {"config_id", "policy_hash", "observation_variant",
        "anneal_ratio"};
    private static final String[] RELATIONSHIP_SUMMARY = {"agents", "churn"};
    private static final String[] AGENT_SUMMARY = {"top_friends", "top_rivals"};
    private static final String[] FRIEND = {"agent", "trust", "familiarity", "rivalry"};
    private static final String[] RIVAL = {"agent", "rivalry"};
    private static final String[] METRIC_VALUE = {"value", "tags"};

    Map<String, Object> queueMetrics(QueueMetrics metrics) {
        return new JsonObject(QUEUE_METRICS, metrics.cooldownEvents(), metrics.ghostStepEvents(),
                metrics.rotationEvents());
    }

    Map<String, Object> tie(RelationshipTie tie) {
        return new JsonObject(TIE, field("trust", tie.trust()), field("familiarity", tie.familiarity()),
                field("rivalry", tie.rivalry()));
    }

    Map<String, Object> priceSpike(PriceSpike spike) {
        return new JsonObject(PRICE_SPIKE, field("magnitude", spike.magnitude()), spike.targets());
    }

    Map<String, Object> rivalryEvent(RivalryEvent event) {
        return new JsonObject(RIVALRY_EVENT, event.tick(), event.agentA(), event.agentB(),
                field("intensity", event.intensity()), event.reason());
    }

    Map<String, Object> queueHistoryEntry(QueueHistoryEntry entry) {
        return new JsonObject(QUEUE_HISTORY_ENTRY, entry.tick(), queueMetrics(entry.delta()),
                queueMetrics(entry.totals()));
    }

    Map<String, Object> conflict(ConflictSnapshot conflict) {
        Object queues = queueMetrics(conflict.queues());
        Object history = list("queue_history", conflict.queueHistory(), this::queueHistoryEntry);
        push("rivalry");
        Object rivalry = plainMap(conflict.rivalry());
        pop();
        Object events = list("rivalry_events", conflict.rivalryEvents(), this::rivalryEvent);
        return new JsonObject(CONFLICT, queues, history, rivalry, events);
    }

    Map<String, Object> relationshipUpdate(RelationshipUpdate update) {
        Object trust = field("trust", update.trust());
        Object familiarity = field("familiarity", update.familiarity());
        Object rivalry = field("rivalry", update.rivalry());
        push("delta");
        Object delta = tie(update.delta());
        pop();
        return new JsonObject(RELATIONSHIP_UPDATE, update.owner(), update.other(), trust, familiarity, rivalry,
                update.status().jsonName(), delta);
    }

    Map<String, Object> overlayEntry(OverlayEntry entry) {
        return new JsonObject(OVERLAY_ENTRY, entry.owner(), entry.other(), field("trust", entry.trust()),
                field("familiarity", entry.familiarity()), field("rivalry", entry.rivalry()),
                field("delta_trust", entry.deltaTrust()), field("delta_familiarity", entry.deltaFamiliarity()),
                field("delta_rivalry", entry.deltaRivalry()));
    }

    Map<String, Object> narration(NarrationEntry entry) {
        push("data");
        Object data = plainMap(entry.data());
        pop();
        if (entry.dedupeKey() != null) {
            return new JsonObject(DEDUPED_NARRATION, entry.tick(), entry.category(), entry.message(), entry.priority(),
                    data, entry.dedupeKey());
        }
        return new JsonObject(NARRATION, entry.tick(), entry.category(), entry.message(), entry.priority(), data);
    }

    Map<String, Object> runningAffordance(RunningAffordance running) {
        return new JsonObject(RUNNING_AFFORDANCE, running.agentId(), running.affordanceId(), running.startedTick(),
                running.remainingTicks());
    }

    Map<String, Object> eventCounts(AffordanceEventCounts counts) {
        return new JsonObject(EVENT_COUNTS, counts.start(), counts.finish(), counts.fail(), counts.preconditionFail());
    }

    Map<String, Object> affordanceRuntime(AffordanceRuntime runtime) {
        LinkedHashMap<String, Object> running = new LinkedHashMap<>(capacityFor(runtime.running().size()));
        runtime.running().forEach((object, affordance) -> running.put(object, runningAffordance(affordance)));
        push("active_reservations");
        Object reservations = plainMap(runtime.activeReservations());
        pop();
        return new JsonObject(AFFORDANCE_RUNTIME, runtime.tick(), runtime.runningCount(), running, reservations,
                eventCounts(runtime.eventCounts()));
    }

    Map<String, Object> perturbations(Perturbations perturbations) {
        push("active");
        Object active = plainMap(perturbations.active());
        pop();
        push("pending");
        Object pending = plainList(perturbations.pending());
        pop();
        PerturbationCooldowns cooldowns = perturbations.cooldowns();
        return new JsonObject(PERTURBATIONS, active, pending,
                new JsonObject(COOLDOWNS, cooldowns.spec(), cooldowns.agents()));
    }

    Map<String, Object> stabilityInputs(StabilityInputs inputs) {
        return stabilityInputs(inputs, null);
    }

    /** {@code previous}: the previous document's converted inputs, a guide for the conversion (see plainMap). */
    Map<String, Object> stabilityInputs(StabilityInputs inputs, Object previous) {
        push("hunger_levels");
        Object hunger = plainMap(inputs.hungerLevels(), field(previous, "hunger_levels"));
        pop();
        push("reward_samples");
        Object rewards = plainMap(inputs.rewardSamples(), field(previous, "reward_samples"));
        pop();
        return new JsonObject(STABILITY_INPUTS, hunger, inputs.optionSwitchCounts(), rewards);
    }

    Map<String, Object> policyIdentity(PolicyIdentity identity) {
        push("anneal_ratio");
        Object ratio = number(identity.annealRatio());
        pop();
        return new JsonObject(POLICY_IDENTITY, identity.configId(), identity.policyHash(),
                identity.observationVariant(), ratio);
    }

    Map<String, Object> relationshipSummary(RelationshipSummary summary) {
        LinkedHashMap<String, Object> agents = new LinkedHashMap<>(capacityFor(summary.agents().size()));
        summary.agents().forEach((agent, entry) -> agents.put(agent, agentSummary(entry)));
        push("churn");
        Object churn = plainMap(summary.churn());
        pop();
        return new JsonObject(RELATIONSHIP_SUMMARY, agents, churn);
    }

    private Map<String, Object> agentSummary(AgentRelationshipSummary summary) {
        List<Object> friends = new ArrayList<>(summary.topFriends().size());
        for (FriendEntry friend : summary.topFriends()) {
            friends.add(new JsonObject(FRIEND, friend.agent(), field("trust", friend.trust()),
                    field("familiarity", friend.familiarity()), field("rivalry", friend.rivalry())));
        }
        List<Object> rivals = new ArrayList<>(summary.topRivals().size());
        for (RivalEntry rival : summary.topRivals()) {
            rivals.add(new JsonObject(RIVAL, rival.agent(), field("rivalry", rival.rivalry())));
        }
        return new JsonObject(AGENT_SUMMARY, friends, rivals);
    }

    Map<String, Object> metricValue(MetricValue metric) {
        return new JsonObject(METRIC_VALUE, field("value", metric.value()), metric.tags());
    }

    /** The entry {@code key} of a previous conversion, when it is an object; {@code null} otherwise. */
    static Object field(Object previous, String key) {
        return previous instanceof JsonObject object ? object.get(key) : null;
    }

    /** A double field of a record, with its name on the warning path. */
    Double field(String name, double value) {
        if (Double.isFinite(value)) {
            return value;
        }
        push(name);
        try {
            return nonFinite();
        } finally {
            pop();
        }
    }

    /** The converted elements of {@code items}, under {@code name} on the warning path. */
    <E> List<Object> list(String name, List<E> items, Function<E, Object> convert) {
        if (items.isEmpty()) {
            return List.of();
        }
        push(name);
        List<Object> result = new ArrayList<>(items.size());
        int index = 0;
        for (E item : items) {
            push(index++);
            result.add(convert.apply(item));
            pop();
        }
        pop();
        return result;
    }

    /** Converts a value whose elements are keyed (owner → value): each value under its key on the warning path. */
    <V> Map<String, Object> keyed(Map<String, V> items, Function<V, Object> convert) {
        return keyed(items, convert, null);
    }

    /**
     * {@link #keyed(Map, Function)} for a section converted again and again (owner → row), with {@code memo} (or
     * {@code null} for none): an entry whose source value is the very object {@code memo} saw under its key last time
     * gets the value it was converted to then. Read-model
     * values are immutable, so that value is what converting it again would give; and the document then carries the
     * same object, which the differ and the encoder skip by identity (SPEC §9.5 step 5), where a fresh conversion,
     * however equal, is compared and encoded in full. An entry that nulled a non-finite value is always converted
     * again, so that it is counted again.
     */
    <V> Map<String, Object> keyed(Map<String, V> items, Function<V, Object> convert, KeyedMemo memo) {
        if (items.isEmpty()) {
            return Map.of();
        }
        int size = items.size();
        String[] keys = new String[size];
        Object[] values = new Object[size];
        Object[] sources = memo == null ? null : new Object[size];
        boolean sameKeys = memo != null && memo.begin() == size;
        int i = 0;
        for (Map.Entry<String, V> item : items.entrySet()) {
            if (i == size) {
                throw changedWhileConverted();
            }
            String key = String.valueOf(item.getKey());
            V source = item.getValue();
            keys[i] = key;
            int at = memo == null ? -1 : memo.positionOf(key);
            sameKeys = sameKeys && at == i;
            if (at >= 0 && source != null && memo.sources[at] == source) {
                values[i] = memo.values[at];
                sources[i] = source;
            } else {
                push(key);
                long nonfiniteBefore = nonfiniteSeen;
                values[i] = convert.apply(source);
                pop();
                if (sources != null) {
                    sources[i] = nonfiniteSeen == nonfiniteBefore ? source : null;
                }
            }
            i++;
        }
        if (i != size) {
            throw changedWhileConverted();
        }
        if (memo == null) {
            return new JsonObject(keys, values);
        }
        // the same keys in the same order: the previous key array, so the differ matches the two objects by position
        String[] keyArray = sameKeys ? memo.keys : keys;
        memo.remember(keyArray, sources, values);
        return new JsonObject(keyArray, values);
    }

    /**
     * What the entries of a keyed section were converted from and to, by position, the last time (see
     * {@link #keyed(Map, Function, KeyedMemo)}). Owned by the converter's thread; its arrays are replaced, never
     * modified, since the key array goes into a converted object.
     */
    static final class KeyedMemo {
        /** How far ahead of the expected position a key is looked for (an entry came or went before it). */
        private static final int REALIGN_WINDOW = 4;

        private String[] keys = new String[0];
        private Object[] sources = new Object[0];
        private Object[] values = new Object[0];
        /** Where the next key is expected: after the last one found. */
        private int cursor;

        /** The position of {@code key} near where it is expected, or -1 (an entry is then merely converted again). */
        int positionOf(String key) {
            for (int at = cursor, end = Math.min(keys.length, cursor + REALIGN_WINDOW); at < end; at++) {
                if (keys[at] == key || keys[at].equals(key)) {
                    cursor = at + 1;
                    return at;
                }
            }
            return -1;
        }

        /** Starts a walk, keys expected from the first on; how many entries the last one had. */
        int begin() {
            cursor = 0;
            return keys.length;
        }

        void remember(String[] keys, Object[] sources, Object[] values) {
            this.keys = keys;
            this.sources = sources;
            this.values = values;
        }
    }

    /** Read-model maps are immutable; one that is not (it grew or shrank while converted) fails loudly, never half. */
    private static IllegalStateException changedWhileConverted() {
        return new IllegalStateException("a read-model map changed while it was converted");
    }
}

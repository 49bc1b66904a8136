package org.townlet.telemetry.core.encode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>A JSON map or list that is already plain is returned as the same instance (no copy); one holding a record, a
 * non-finite double or another non-plain value is copied with the values converted. A non-finite double becomes
 * {@code null}, is counted through the {@code nonfinite} callback and, the first time in each section, logged as
 * WARNING {@code telemetry_nonfinite_value section={s} path={p}}.
 *
 * <p>Threads: not thread-safe; used under the pipeline's send lock only. The warned-sections set is concurrent only
 * because a builder may, rarely, move between the worker thread and a {@code fan_out} producer.
 */
final class JsonConverter {
    private static final System.Logger LOG = System.getLogger(SnapshotDocumentBuilder.class.getName());

    private final Runnable nonfinite;
    private final Set<String> warnedSections = ConcurrentHashMap.newKeySet();
    private String section = "";
    private Object[] path = new Object[16];
    private int depth;
    private long nonfiniteSeen;

    JsonConverter(Runnable nonfinite) {
        this.nonfinite = nonfinite;
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

    /** The plain JSON form of {@code value}; the same instance when it is plain already. */
    Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer) {
            return value;
        }
        if (value instanceof Double number) {
            return Double.isFinite(number) ? number : nonFinite();
        }
        if (value instanceof Map<?, ?> map) {
            return plainMap(map);
        }
        if (value instanceof List<?> list) {
            return plainList(list);
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

    /** The plain JSON map of {@code map} (string keys); the same instance when nothing needed converting. */
    @SuppressWarnings("unchecked")
    Map<String, Object> plainMap(Map<?, ?> map) {
        if (map.isEmpty()) {
            return Map.of();
        }
        LinkedHashMap<String, Object> copy = null;
        int seen = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object key = entry.getKey();
            Object value = entry.getValue();
            push(key);
            Object converted = plain(value);
            pop();
            if (copy == null && (converted != value || !(key instanceof String))) {
                copy = new LinkedHashMap<>();
                Iterator<? extends Map.Entry<?, ?>> earlier = map.entrySet().iterator();
                for (int i = 0; i < seen; i++) {
                    Map.Entry<?, ?> before = earlier.next();
                    copy.put((String) before.getKey(), before.getValue());
                }
            }
            if (copy != null) {
                copy.put(String.valueOf(key), converted);
            }
            seen++;
        }
        return copy == null ? (Map<String, Object>) map : Collections.unmodifiableMap(copy);
    }

    /** The plain JSON list of {@code list}; the same instance when nothing needed converting. */
    @SuppressWarnings("unchecked")
    List<Object> plainList(List<?> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        List<Object> copy = null;
        int index = 0;
        for (Object value : list) {
            push(index);
            Object converted = plain(value);
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

    Map<String, Object> queueMetrics(QueueMetrics metrics) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(4);
        map.put("cooldown_events", metrics.cooldownEvents());
        map.put("ghost_step_events", metrics.ghostStepEvents());
        map.put("rotation_events", metrics.rotationEvents());
        return map;
    }

    Map<String, Object> tie(RelationshipTie tie) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(4);
        map.put("trust", field("trust", tie.trust()));
        map.put("familiarity", field("familiarity", tie.familiarity()));
        map.put("rivalry", field("rivalry", tie.rivalry()));
        return map;
    }

    Map<String, Object> priceSpike(PriceSpike spike) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(4);
        map.put("magnitude", field("magnitude", spike.magnitude()));
        map.put("targets", spike.targets());
        return map;
    }

    Map<String, Object> rivalryEvent(RivalryEvent event) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(8);
        map.put("tick", event.tick());
        map.put("agent_a", event.agentA());
        map.put("agent_b", event.agentB());
        map.put("intensity", field("intensity", event.intensity()));
        map.put("reason", event.reason());
        return map;
    }

    Map<String, Object> queueHistoryEntry(QueueHistoryEntry entry) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(4);
        map.put("tick", entry.tick());
        map.put("delta", queueMetrics(entry.delta()));
        map.put("totals", queueMetrics(entry.totals()));
        return map;
    }

    Map<String, Object> conflict(ConflictSnapshot conflict) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(8);
        map.put("queues", queueMetrics(conflict.queues()));
        map.put("queue_history", list("queue_history", conflict.queueHistory(), this::queueHistoryEntry));
        push("rivalry");
        map.put("rivalry", plainMap(conflict.rivalry()));
        pop();
        map.put("rivalry_events", list("rivalry_events", conflict.rivalryEvents(), this::rivalryEvent));
        return map;
    }

    Map<String, Object> relationshipUpdate(RelationshipUpdate update) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(10);
        map.put("owner", update.owner());
        map.put("other", update.other());
        map.put("trust", field("trust", update.trust()));
        map.put("familiarity", field("familiarity", update.familiarity()));
        map.put("rivalry", field("rivalry", update.rivalry()));
        map.put("status", update.status().jsonName());
        push("delta");
        map.put("delta", tie(update.delta()));
        pop();
        return map;
    }

    Map<String, Object> overlayEntry(OverlayEntry entry) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(12);
        map.put("owner", entry.owner());
        map.put("other", entry.other());
        map.put("trust", field("trust", entry.trust()));
        map.put("familiarity", field("familiarity", entry.familiarity()));
        map.put("rivalry", field("rivalry", entry.rivalry()));
        map.put("delta_trust", field("delta_trust", entry.deltaTrust()));
        map.put("delta_familiarity", field("delta_familiarity", entry.deltaFamiliarity()));
        map.put("delta_rivalry", field("delta_rivalry", entry.deltaRivalry()));
        return map;
    }

    Map<String, Object> narration(NarrationEntry entry) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(8);
        map.put("tick", entry.tick());
        map.put("category", entry.category());
        map.put("message", entry.message());
        map.put("priority", entry.priority());
        push("data");
        map.put("data", plainMap(entry.data()));
        pop();
        if (entry.dedupeKey() != null) {
            map.put("dedupe_key", entry.dedupeKey());
        }
        return map;
    }

    Map<String, Object> runningAffordance(RunningAffordance running) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(6);
        map.put("agent_id", running.agentId());
        map.put("affordance_id", running.affordanceId());
        map.put("started_tick", running.startedTick());
        map.put("remaining_ticks", running.remainingTicks());
        return map;
    }

    Map<String, Object> eventCounts(AffordanceEventCounts counts) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(6);
        map.put("start", counts.start());
        map.put("finish", counts.finish());
        map.put("fail", counts.fail());
        map.put("precondition_fail", counts.preconditionFail());
        return map;
    }

    Map<String, Object> affordanceRuntime(AffordanceRuntime runtime) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(8);
        map.put("tick", runtime.tick());
        map.put("running_count", runtime.runningCount());
        LinkedHashMap<String, Object> running = new LinkedHashMap<>();
        runtime.running().forEach((object, affordance) -> running.put(object, runningAffordance(affordance)));
        map.put("running", running);
        push("active_reservations");
        map.put("active_reservations", plainMap(runtime.activeReservations()));
        pop();
        map.put("event_counts", eventCounts(runtime.eventCounts()));
        return map;
    }

    Map<String, Object> perturbations(Perturbations perturbations) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(4);
        push("active");
        map.put("active", plainMap(perturbations.active()));
        pop();
        push("pending");
        map.put("pending", plainList(perturbations.pending()));
        pop();
        PerturbationCooldowns cooldowns = perturbations.cooldowns();
        LinkedHashMap<String, Object> cooldownMap = new LinkedHashMap<>(4);
        cooldownMap.put("spec", cooldowns.spec());
        cooldownMap.put("agents", cooldowns.agents());
        map.put("cooldowns", cooldownMap);
        return map;
    }

    Map<String, Object> stabilityInputs(StabilityInputs inputs) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(4);
        push("hunger_levels");
        map.put("hunger_levels", plainMap(inputs.hungerLevels()));
        pop();
        map.put("option_switch_counts", inputs.optionSwitchCounts());
        push("reward_samples");
        map.put("reward_samples", plainMap(inputs.rewardSamples()));
        pop();
        return map;
    }

    Map<String, Object> policyIdentity(PolicyIdentity identity) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(6);
        map.put("config_id", identity.configId());
        map.put("policy_hash", identity.policyHash());
        map.put("observation_variant", identity.observationVariant());
        push("anneal_ratio");
        map.put("anneal_ratio", number(identity.annealRatio()));
        pop();
        return map;
    }

    Map<String, Object> relationshipSummary(RelationshipSummary summary) {
        LinkedHashMap<String, Object> agents = new LinkedHashMap<>();
        summary.agents().forEach((agent, entry) -> agents.put(agent, agentSummary(entry)));
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(4);
        map.put("agents", agents);
        push("churn");
        map.put("churn", plainMap(summary.churn()));
        pop();
        return map;
    }

    private Map<String, Object> agentSummary(AgentRelationshipSummary summary) {
        List<Object> friends = new ArrayList<>(summary.topFriends().size());
        for (FriendEntry friend : summary.topFriends()) {
            LinkedHashMap<String, Object> map = new LinkedHashMap<>(6);
            map.put("agent", friend.agent());
            map.put("trust", field("trust", friend.trust()));
            map.put("familiarity", field("familiarity", friend.familiarity()));
            map.put("rivalry", field("rivalry", friend.rivalry()));
            friends.add(map);
        }
        List<Object> rivals = new ArrayList<>(summary.topRivals().size());
        for (RivalEntry rival : summary.topRivals()) {
            LinkedHashMap<String, Object> map = new LinkedHashMap<>(4);
            map.put("agent", rival.agent());
            map.put("rivalry", field("rivalry", rival.rivalry()));
            rivals.add(map);
        }
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(4);
        map.put("top_friends", friends);
        map.put("top_rivals", rivals);
        return map;
    }

    Map<String, Object> metricValue(MetricValue metric) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(4);
        map.put("value", field("value", metric.value()));
        map.put("tags", metric.tags());
        return map;
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
        if (items.isEmpty()) {
            return Map.of();
        }
        LinkedHashMap<String, Object> result = new LinkedHashMap<>();
        items.forEach((key, value) -> {
            push(key);
            result.put(key, convert.apply(value));
            pop();
        });
        return result;
    }
}

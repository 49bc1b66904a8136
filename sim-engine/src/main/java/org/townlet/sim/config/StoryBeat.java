package org.townlet.sim.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One scripted story beat of {@code story.beats} (SPEC §17.7): an action at a fixed tick. Immutable. The beat is
 * validated, with its index in the messages, when it is placed in {@link StorySettings}; at run time a beat that
 * names an agent or object the town does not have is skipped (world event {@code story_beat_skipped}).
 *
 * <p>Agents are named by id, or as {@code $N}, the N-th agent in id order counting from 1 ({@code $1}), so a preset
 * works with default ids and with {@code simulation.agent_names} alike. Objects are named by id ({@code shower_1}).
 *
 * <table>
 * <caption>Actions and their keys (others are rejected)</caption>
 * <tr><th>action</th><th>required</th><th>optional</th><th>effect</th></tr>
 * <tr><td>{@code announce}</td><td>message</td><td>category ({@code story}), priority (false)</td>
 *     <td>a manual narration through the sink</td></tr>
 * <tr><td>{@code chat}</td><td>agent, other</td><td>quality 0–1 (0.8)</td>
 *     <td>a chat from agent to other: {@code chat_success} at quality ≥ 0.4, else {@code chat_failure}</td></tr>
 * <tr><td>{@code late_arrival}</td><td>agent</td><td></td>
 *     <td>the agent arrives late: {@code lateness_counter} + 1, a colleague covers ({@code late_help})</td></tr>
 * <tr><td>{@code queue_conflict}</td><td>agent, other, object</td>
 *     <td>intensity 0–1 (0.6), reason ghost_step|rotation|cooldown|patience (patience)</td>
 *     <td>a {@code queue_conflict} event and a rivalry event; the pair's rivalry rises by intensity × 0.1</td></tr>
 * <tr><td>{@code use}</td><td>agent, object</td><td></td>
 *     <td>the agent leaves what it is doing and joins the object's queue for its affordance</td></tr>
 * <tr><td>{@code step_away}</td><td>agent</td><td>duration_ticks 1–100000 (10)</td>
 *     <td>an agent waiting in a queue steps away (a head away too long is ghost-stepped)</td></tr>
 * </table>
 *
 * <p>YAML binding: {@code {tick, action, agent?, other?, object?, message?, category?, priority?, quality?,
 * intensity?, reason?, duration_ticks?}}; each key is the snake_case form of a component; absent keys bind to
 * {@code null}.
 */
public record StoryBeat(long tick, String action, String agent, String other, String object, String message,
        String category, Boolean priority, Double quality, Double intensity, String reason, Long durationTicks) {
    public static final String ANNOUNCE = "announce";
    public static final String CHAT = "chat";
    public static final String LATE_ARRIVAL = "late_arrival";
    public static final String QUEUE_CONFLICT = "queue_conflict";
    public static final String USE = "use";
    public static final String STEP_AWAY = "step_away";
    /** The actions, sorted. */
    public static final List<String> ACTIONS = List.of(ANNOUNCE, CHAT, LATE_ARRIVAL, QUEUE_CONFLICT, STEP_AWAY, USE);
    /** The reasons a {@code queue_conflict} can carry, sorted. */
    public static final List<String> CONFLICT_REASONS = List.of("cooldown", "ghost_step", "patience", "rotation");
    public static final String DEFAULT_CATEGORY = "story";
    public static final double DEFAULT_QUALITY = 0.8;
    public static final double DEFAULT_INTENSITY = 0.6;
    public static final String DEFAULT_REASON = "patience";
    public static final long DEFAULT_AWAY_TICKS = 10;

    private static final Pattern AGENT_REF = Pattern.compile("\\$[1-9][0-9]*");
    private static final Pattern OBJECT_ID = Pattern.compile("(bed|fridge|shower|stove)_[1-9][0-9]*");

    public StoryBeat {
        Objects.requireNonNull(action, "action");
    }

    public static StoryBeat announce(long tick, String message) {
        return new StoryBeat(tick, ANNOUNCE, null, null, null, message, null, null, null, null, null, null);
    }

    public static StoryBeat chat(long tick, String agent, String other, double quality) {
        return new StoryBeat(tick, CHAT, agent, other, null, null, null, null, quality, null, null, null);
    }

    public static StoryBeat lateArrival(long tick, String agent) {
        return new StoryBeat(tick, LATE_ARRIVAL, agent, null, null, null, null, null, null, null, null, null);
    }

    public static StoryBeat queueConflict(long tick, String object, String agent, String other, double intensity,
            String reason) {
        return new StoryBeat(tick, QUEUE_CONFLICT, agent, other, object, null, null, null, null, intensity, reason,
                null);
    }

    public static StoryBeat use(long tick, String agent, String object) {
        return new StoryBeat(tick, USE, agent, null, object, null, null, null, null, null, null, null);
    }

    public static StoryBeat stepAway(long tick, String agent, long durationTicks) {
        return new StoryBeat(tick, STEP_AWAY, agent, null, null, null, null, null, null, null, null, durationTicks);
    }

    /** {@code true} when {@code reference} is an ordinal agent reference such as {@code $1}. */
    public static boolean isOrdinal(String reference) {
        return reference != null && AGENT_REF.matcher(reference).matches();
    }

    /** Validates this beat; {@code key} is its path, e.g. {@code story.beats[0]}. */
    void validate(String key) {
        Check.atLeast(key + ".tick", tick, 1);
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException(key + ".action must be one of " + ACTIONS + "; got '" + action + "'");
        }
        Map<String, Object> given = given();
        List<String> required = switch (action) {
            case ANNOUNCE -> List.of("message");
            case CHAT -> List.of("agent", "other");
            case QUEUE_CONFLICT -> List.of("agent", "other", "object");
            case USE -> List.of("agent", "object");
            default -> List.of("agent");
        };
        List<String> optional = switch (action) {
            case ANNOUNCE -> List.of("category", "priority");
            case CHAT -> List.of("quality");
            case QUEUE_CONFLICT -> List.of("intensity", "reason");
            case STEP_AWAY -> List.of("duration_ticks");
            default -> List.of();
        };
        for (String name : required) {
            if (given.get(name) == null) {
                throw new IllegalArgumentException(key + "." + name + " is required for action " + action);
            }
        }
        for (Map.Entry<String, Object> entry : given.entrySet()) {
            if (entry.getValue() != null && !required.contains(entry.getKey())
                    && !optional.contains(entry.getKey())) {
                List<String> allowed = new ArrayList<>(required);
                allowed.addAll(optional);
                throw new IllegalArgumentException(key + "." + entry.getKey() + " does not apply to action " + action
                        + "; allowed: " + allowed);
            }
        }
        checkAgent(key + ".agent", agent);
        checkAgent(key + ".other", other);
        if (agent != null && agent.equals(other)) {
            throw new IllegalArgumentException(key + ".other must differ from " + key + ".agent; got '" + other
                    + "'");
        }
        if (object != null && !OBJECT_ID.matcher(object).matches()) {
            throw new IllegalArgumentException(key + ".object must be an object id such as shower_1 (bed, fridge, "
                    + "shower, stove); got '" + object + "'");
        }
        if (message != null) {
            Check.nonBlank(key + ".message", message);
        }
        if (quality != null) {
            Check.range(key + ".quality", quality, 0.0, 1.0);
        }
        if (intensity != null) {
            Check.range(key + ".intensity", intensity, 0.0, 1.0);
        }
        if (reason != null && !CONFLICT_REASONS.contains(reason)) {
            throw new IllegalArgumentException(key + ".reason must be one of " + CONFLICT_REASONS + "; got '" + reason
                    + "'");
        }
        if (durationTicks != null) {
            Check.range(key + ".duration_ticks", durationTicks, 1, 100_000);
        }
    }

    private Map<String, Object> given() {
        LinkedHashMap<String, Object> given = new LinkedHashMap<>();
        given.put("agent", agent);
        given.put("other", other);
        given.put("object", object);
        given.put("message", message);
        given.put("category", category);
        given.put("priority", priority);
        given.put("quality", quality);
        given.put("intensity", intensity);
        given.put("reason", reason);
        given.put("duration_ticks", durationTicks);
        return given;
    }

    private static void checkAgent(String key, String reference) {
        if (reference != null && (reference.isBlank() || reference.startsWith("$") && !isOrdinal(reference))) {
            throw new IllegalArgumentException(key + " must be an agent id or $N (N >= 1); got '" + reference + "'");
        }
    }
}

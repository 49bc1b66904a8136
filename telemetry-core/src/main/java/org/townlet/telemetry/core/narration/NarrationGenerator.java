package org.townlet.telemetry.core.narration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.townlet.telemetry.api.event.AgentRelationshipSummary;
import org.townlet.telemetry.api.event.NarrationEntry;
import org.townlet.telemetry.api.event.RelationshipStatus;
import org.townlet.telemetry.api.event.RelationshipSummary;
import org.townlet.telemetry.api.event.RelationshipUpdate;
import org.townlet.telemetry.api.event.RivalEntry;
import org.townlet.telemetry.api.event.SocialEvent;
import org.townlet.telemetry.api.event.WorldEvent;

/**
 * The generated narrations of a tick (SPEC §7.3), in order: world events; friendship per relationship update; rivalry
 * per summary owner and rival; social alerts per social event; personality per social event. Each candidate is put
 * to the {@link NarrationLimiter}; the allowed ones become entries, with the effective priority.
 *
 * <p>Cost: nearly every candidate is denied (cooldowns, window, dedupe), so each is decided before anything is built
 * for it: thresholds first, then {@link NarrationLimiter#deniedWhateverTheKey} (no key needed), then
 * {@link NarrationLimiter#allowKey} with the dedupe key. Every generated narration has a dedupe key, so the limiter
 * never reads its message, and the message and data are built only for an allowed narration. Decisions, limiter state
 * and entries are exactly those of building everything first and calling {@code allow}. A tick that narrates nothing
 * allocates nothing here beyond its dedupe keys.
 *
 * <p>Threads: one caller at a time (the simulation thread today); holds no state of its own besides the settings and
 * the (synchronised) limiter, so the caller may change from tick to tick.
 */
final class NarrationGenerator {
    static final String QUEUE_CONFLICT = "queue_conflict";
    static final String UTILITY_OUTAGE = "utility_outage";
    static final String SHOWER_COMPLETE = "shower_complete";
    static final String SLEEP_COMPLETE = "sleep_complete";
    static final String FRIENDSHIP = "relationship_friendship";
    static final String RIVALRY = "relationship_rivalry";
    static final String SOCIAL_ALERT = "relationship_social_alert";
    static final String PERSONALITY = "personality_event";

    private final NarrationLimiter limiter;
    private final RelationshipNarrationSettings relationships;
    private final PersonalityNarrationSettings personality;

    NarrationGenerator(NarrationLimiter limiter, RelationshipNarrationSettings relationships,
            PersonalityNarrationSettings personality) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.relationships = Objects.requireNonNull(relationships, "relationships");
        this.personality = Objects.requireNonNull(personality, "personality");
    }

    /** The allowed narrations of tick {@code tick}, in SPEC order; {@code []} when there are none. */
    List<NarrationEntry> generate(long tick, List<WorldEvent> events, List<SocialEvent> socialEvents,
            List<RelationshipUpdate> updates, RelationshipSummary summary,
            Map<String, Map<String, Object>> personalities) {
        // The tick's entries, created at the first allowed one; each step returns the (maybe new) list.
        List<NarrationEntry> out = null;
        for (WorldEvent event : events) {
            out = worldEvent(out, tick, event);
        }
        for (RelationshipUpdate update : updates) {
            out = friendship(out, tick, update);
        }
        for (Map.Entry<String, AgentRelationshipSummary> agent : summary.agents().entrySet()) {
            out = rivalry(out, tick, agent.getKey(), agent.getValue());
        }
        for (SocialEvent event : socialEvents) {
            out = socialAlert(out, tick, event);
        }
        if (personality.enabled()) {
            for (SocialEvent event : socialEvents) {
                out = personality(out, tick, event, personalities);
            }
        }
        return out == null ? List.of() : Collections.unmodifiableList(out);
    }

    // ------------------------------------------------------------------ world events

    private List<NarrationEntry> worldEvent(List<NarrationEntry> out, long tick, WorldEvent event) {
        switch (event.name()) {
            case "queue_conflict" -> {
                return queueConflict(out, tick, event);
            }
            case "shower_power_outage" -> {
                if (limiter.deniedWhateverTheKey(UTILITY_OUTAGE, true)) {
                    return out;
                }
                String object = text(event.attribute("object_id"), "shower");
                String key = "shower_outage:" + object;
                NarrationLimiter.Decision decision = limiter.allowKey(UTILITY_OUTAGE, true, key);
                if (!decision.allowed()) {
                    return out;
                }
                return add(out, new NarrationEntry(tick, UTILITY_OUTAGE, object + " lost power; showers paused.",
                        decision.priority(), data("object_id", object, "reason", "power_off"), null));
            }
            case "shower_complete" -> {
                return completion(out, tick, event, SHOWER_COMPLETE, "shower", " finished showering at ");
            }
            case "sleep_complete" -> {
                return completion(out, tick, event, SLEEP_COMPLETE, "bed", " woke rested after sleeping at ");
            }
            default -> {
                return out; // no narration for other events
            }
        }
    }

    /** {@code shower_complete} and {@code sleep_complete}: {@code {agent_id}{verb}{object_id}.} */
    private List<NarrationEntry> completion(List<NarrationEntry> out, long tick, WorldEvent event, String category,
            String defaultObject, String verb) {
        String agent = text(event.attribute("agent_id"), null);
        if (agent == null || limiter.deniedWhateverTheKey(category, false)) {
            return out;
        }
        String object = text(event.attribute("object_id"), defaultObject);
        String key = category + ":" + agent + ":" + object;
        NarrationLimiter.Decision decision = limiter.allowKey(category, false, key);
        if (!decision.allowed()) {
            return out;
        }
        return add(out, new NarrationEntry(tick, category, agent + verb + object + ".", decision.priority(),
                data("agent_id", agent, "object_id", object), null));
    }

    private List<NarrationEntry> queueConflict(List<NarrationEntry> out, long tick, WorldEvent event) {
        String actor = text(event.attribute("actor"), null);
        String rival = text(event.attribute("rival"), null);
        if (actor == null || rival == null) {
            return out;
        }
        String reason = text(event.attribute("reason"), "unknown");
        boolean priority = "ghost_step".equals(reason);
        if (limiter.deniedWhateverTheKey(QUEUE_CONFLICT, priority)) {
            return out;
        }
        String object = text(event.attribute("object_id"), "queue");
        String first = actor.compareTo(rival) <= 0 ? actor : rival;
        String second = actor.compareTo(rival) <= 0 ? rival : actor;
        String key = "queue_conflict:" + object + ":" + first + "::" + second;
        NarrationLimiter.Decision decision = limiter.allowKey(QUEUE_CONFLICT, priority, key);
        if (!decision.allowed()) {
            return out;
        }
        double intensity = number(event.attribute("intensity"), 0.0);
        long queueLength = integer(event.attribute("queue_length"), 0L);
        StringBuilder message = new StringBuilder(64).append(actor).append(" clashed with ").append(rival)
                .append(" at ").append(object).append(" (intensity ");
        Decimals.appendTwoDecimals(message, intensity).append(", queue ").append(queueLength).append(").");
        return add(out, new NarrationEntry(tick, QUEUE_CONFLICT, message.toString(), decision.priority(),
                data("actor", actor, "rival", rival, "object_id", object, "reason", reason, "intensity", intensity,
                        "queue_length", queueLength),
                null));
    }

    // ------------------------------------------------------------------ relationships

    private List<NarrationEntry> friendship(List<NarrationEntry> out, long tick, RelationshipUpdate update) {
        if (update.status() == RelationshipStatus.REMOVED) {
            return out;
        }
        boolean added = update.status() == RelationshipStatus.ADDED;
        if (!added && update.trust() < relationships.friendshipTrustThreshold()
                && update.delta().trust() < relationships.friendshipDeltaThreshold()) {
            return out;
        }
        boolean priority = added || update.trust() >= relationships.friendshipPriorityThreshold();
        if (limiter.deniedWhateverTheKey(FRIENDSHIP, priority)) {
            return out;
        }
        String key = "relationship_friendship:" + update.owner() + ":" + update.other();
        NarrationLimiter.Decision decision = limiter.allowKey(FRIENDSHIP, priority, key);
        if (!decision.allowed()) {
            return out;
        }
        StringBuilder message = new StringBuilder(64).append(update.owner()).append(" bonded with ")
                .append(update.other()).append(": trust ");
        Decimals.appendTwoDecimals(message, update.trust()).append(", familiarity ");
        Decimals.appendTwoDecimals(message, update.familiarity()).append('.');
        return add(out, new NarrationEntry(tick, FRIENDSHIP, message.toString(), decision.priority(),
                data("owner", update.owner(), "other", update.other(), "status", update.status().jsonName(),
                        "trust", update.trust(), "familiarity", update.familiarity(),
                        "delta_trust", update.delta().trust(), "delta_familiarity", update.delta().familiarity()),
                null));
    }

    private List<NarrationEntry> rivalry(List<NarrationEntry> out, long tick, String owner,
            AgentRelationshipSummary agent) {
        List<RivalEntry> rivals = agent.topRivals();
        for (int i = 0; i < rivals.size(); i++) { // at most three; runs for every owner, so no iterator
            RivalEntry rival = rivals.get(i);
            double rivalry = rival.rivalry();
            if (rivalry < relationships.rivalryAvoidThreshold()) {
                continue;
            }
            boolean escalation = rivalry >= relationships.rivalryEscalationThreshold();
            if (limiter.deniedWhateverTheKey(RIVALRY, escalation)) {
                continue;
            }
            String key = "relationship_rivalry:" + owner + ":" + rival.agent();
            NarrationLimiter.Decision decision = limiter.allowKey(RIVALRY, escalation, key);
            if (!decision.allowed()) {
                continue;
            }
            String reason = escalation ? "escalation" : "avoid_threshold";
            StringBuilder message = new StringBuilder(64).append("Rivalry between ").append(owner).append(" and ")
                    .append(rival.agent()).append(" is at ");
            Decimals.appendTwoDecimals(message, rivalry).append(" (").append(reason).append(").");
            out = add(out, new NarrationEntry(tick, RIVALRY, message.toString(), decision.priority(),
                    data("owner", owner, "rival", rival.agent(), "rivalry", rivalry, "threshold", reason), null));
        }
        return out;
    }

    // ------------------------------------------------------------------ social events

    private List<NarrationEntry> socialAlert(List<NarrationEntry> out, long tick, SocialEvent event) {
        switch (event.type()) {
            case "chat_failure" -> {
                String speaker = text(event.attribute("speaker"), null);
                String listener = text(event.attribute("listener"), null);
                if (speaker == null || listener == null || limiter.deniedWhateverTheKey(SOCIAL_ALERT, false)) {
                    return out;
                }
                String key = "social_chat_failure:" + speaker + ":" + listener;
                NarrationLimiter.Decision decision = limiter.allowKey(SOCIAL_ALERT, false, key);
                if (!decision.allowed()) {
                    return out;
                }
                return add(out, new NarrationEntry(tick, SOCIAL_ALERT,
                        "Chat between " + speaker + " and " + listener + " failed.", decision.priority(),
                        data("speaker", speaker, "listener", listener, "quality", event.attribute("quality")), null));
            }
            case "rivalry_avoidance" -> {
                String agent = text(event.attribute("agent"), null);
                if (agent == null || limiter.deniedWhateverTheKey(SOCIAL_ALERT, true)) {
                    return out;
                }
                Object object = event.attribute("object");
                String location = text(object, "unknown");
                String key = "social_rivalry_avoidance:" + agent + ":" + location;
                NarrationLimiter.Decision decision = limiter.allowKey(SOCIAL_ALERT, true, key);
                if (!decision.allowed()) {
                    return out;
                }
                return add(out, new NarrationEntry(tick, SOCIAL_ALERT,
                        agent + " avoided a rivalry interaction at " + location, decision.priority(),
                        data("agent", agent, "object", object, "reason", event.attribute("reason")), null));
            }
            default -> {
                return out; // no alert for other social events
            }
        }
    }

    private List<NarrationEntry> personality(List<NarrationEntry> out, long tick, SocialEvent event,
            Map<String, Map<String, Object>> personalities) {
        return switch (event.type()) {
            case "chat_success" -> personalityChat(out, tick, event, personalities);
            case "rivalry_avoidance" -> personalityAvoid(out, tick, event, personalities);
            default -> out; // no personality narration for other social events
        };
    }

    private List<NarrationEntry> personalityChat(List<NarrationEntry> out, long tick, SocialEvent event,
            Map<String, Map<String, Object>> personalities) {
        String speaker = text(event.attribute("speaker"), null);
        Map<?, ?> profile = speaker == null ? null : personalities.get(speaker);
        if (profile == null) {
            return out;
        }
        double extroversion = number(mapOf(profile.get("traits")).get("extroversion"), 0.0);
        double quality = number(event.attribute("quality"), 0.0);
        if (extroversion < personality.chatExtroversionThreshold() || quality < personality.chatQualityThreshold()) {
            return out;
        }
        boolean priority = extroversion >= personality.chatPriorityThreshold();
        if (limiter.deniedWhateverTheKey(PERSONALITY, priority)) {
            return out;
        }
        String listener = text(event.attribute("listener"), null);
        String key = "personality_chat:" + speaker + ":" + listener;
        NarrationLimiter.Decision decision = limiter.allowKey(PERSONALITY, priority, key);
        if (!decision.allowed()) {
            return out;
        }
        StringBuilder message = new StringBuilder(96).append(speaker).append("'s extroversion (");
        Decimals.appendSignedTwoDecimals(message, extroversion).append(") sparked a high-energy chat");
        if (listener != null) {
            message.append(" with ").append(listener);
        }
        if (quality != 0.0) {
            message.append(" (quality ");
            Decimals.appendTwoDecimals(message, quality).append(')');
        }
        message.append('.');
        return add(out, new NarrationEntry(tick, PERSONALITY, message.toString(), decision.priority(),
                data("agent", speaker, "listener", listener, "trait", "extroversion", "value", extroversion,
                        "quality", quality),
                key));
    }

    private List<NarrationEntry> personalityAvoid(List<NarrationEntry> out, long tick, SocialEvent event,
            Map<String, Map<String, Object>> personalities) {
        String agent = text(event.attribute("agent"), null);
        Map<?, ?> profile = agent == null ? null : personalities.get(agent);
        if (profile == null) {
            return out;
        }
        Map<?, ?> behaviour = mapOf(mapOf(profile.get("multipliers")).get("behaviour"));
        double tolerance = number(behaviour.get("conflict_tolerance"), 1.0);
        if (tolerance >= personality.conflictToleranceThreshold()
                || limiter.deniedWhateverTheKey(PERSONALITY, false)) {
            return out;
        }
        String location = text(event.attribute("object"), "the area");
        String key = "personality_avoid:" + agent + ":" + location;
        NarrationLimiter.Decision decision = limiter.allowKey(PERSONALITY, false, key);
        if (!decision.allowed()) {
            return out;
        }
        String reason = text(event.attribute("reason"), "conflict avoidance");
        StringBuilder message = new StringBuilder(96).append(agent).append(" stayed composed (conflict tolerance ");
        Decimals.appendTwoDecimals(message, tolerance).append(") and avoided trouble near ").append(location)
                .append(" (").append(reason).append(").");
        return add(out, new NarrationEntry(tick, PERSONALITY, message.toString(), decision.priority(),
                data("agent", agent, "trait", "conflict_tolerance", "value", tolerance, "location", location,
                        "reason", reason),
                key));
    }

    // ------------------------------------------------------------------ helpers

    /** {@code entries} with {@code entry} added; a new list when {@code entries} is still null. */
    private static List<NarrationEntry> add(List<NarrationEntry> entries, NarrationEntry entry) {
        List<NarrationEntry> list = entries == null ? new ArrayList<>(4) : entries;
        list.add(entry);
        return list;
    }

    private static Map<String, Object> data(Object... keysAndValues) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** A non-blank string form of {@code value}, else {@code fallback}. */
    static String text(Object value, String fallback) {
        if (value == null) {
            return fallback;
        }
        String text = value.toString();
        return text.isBlank() ? fallback : text;
    }

    static double number(Object value, double fallback) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text) {
            try {
                return Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    static long integer(Object value, long fallback) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    private static Map<?, ?> mapOf(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }
}

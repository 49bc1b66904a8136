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
 * The previous {@link NarrationGenerator}, kept verbatim (formatting through {@link ReferenceDecimals}) as the
 * reference of the equivalence tests: it builds every candidate and calls {@link ReferenceNarrationLimiter#allow}.
 *
 * <p>The generated narrations of a tick (SPEC §7.3), in order: world events; friendship per relationship update; rivalry
 * per summary owner and rival; social alerts per social event; personality per social event. Each candidate is put
 * to the {@link NarrationLimiter}; the allowed ones become entries, with the effective priority.
 *
 * <p>Threads: called by the simulation thread only; holds no state of its own besides the settings and the limiter.
 */
final class ReferenceNarrationGenerator {
    static final String QUEUE_CONFLICT = "queue_conflict";
    static final String UTILITY_OUTAGE = "utility_outage";
    static final String SHOWER_COMPLETE = "shower_complete";
    static final String SLEEP_COMPLETE = "sleep_complete";
    static final String FRIENDSHIP = "relationship_friendship";
    static final String RIVALRY = "relationship_rivalry";
    static final String SOCIAL_ALERT = "relationship_social_alert";
    static final String PERSONALITY = "personality_event";

    private final ReferenceNarrationLimiter limiter;
    private final RelationshipNarrationSettings relationships;
    private final PersonalityNarrationSettings personality;

    ReferenceNarrationGenerator(ReferenceNarrationLimiter limiter, RelationshipNarrationSettings relationships,
            PersonalityNarrationSettings personality) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.relationships = Objects.requireNonNull(relationships, "relationships");
        this.personality = Objects.requireNonNull(personality, "personality");
    }

    /** The allowed narrations of tick {@code tick}, in SPEC order; {@code []} when there are none. */
    List<NarrationEntry> generate(long tick, List<WorldEvent> events, List<SocialEvent> socialEvents,
            List<RelationshipUpdate> updates, RelationshipSummary summary,
            Map<String, Map<String, Object>> personalities) {
        Emitter out = new Emitter(tick);
        for (WorldEvent event : events) {
            worldEvent(out, event);
        }
        for (RelationshipUpdate update : updates) {
            friendship(out, update);
        }
        summary.agents().forEach((owner, agent) -> rivalry(out, owner, agent));
        for (SocialEvent event : socialEvents) {
            socialAlert(out, event);
        }
        if (personality.enabled()) {
            for (SocialEvent event : socialEvents) {
                personality(out, event, personalities);
            }
        }
        return out.entries == null ? List.of() : Collections.unmodifiableList(out.entries);
    }

    // ------------------------------------------------------------------ world events

    private void worldEvent(Emitter out, WorldEvent event) {
        switch (event.name()) {
            case "queue_conflict" -> queueConflict(out, event);
            case "shower_power_outage" -> {
                String object = text(event.attribute("object_id"), "shower");
                out.emit(UTILITY_OUTAGE, object + " lost power; showers paused.", true, "shower_outage:" + object,
                        data("object_id", object, "reason", "power_off"), false);
            }
            case "shower_complete" -> {
                String agent = text(event.attribute("agent_id"), null);
                if (agent != null) {
                    String object = text(event.attribute("object_id"), "shower");
                    out.emit(SHOWER_COMPLETE, agent + " finished showering at " + object + ".", false,
                            "shower_complete:" + agent + ":" + object, data("agent_id", agent, "object_id", object),
                            false);
                }
            }
            case "sleep_complete" -> {
                String agent = text(event.attribute("agent_id"), null);
                if (agent != null) {
                    String object = text(event.attribute("object_id"), "bed");
                    out.emit(SLEEP_COMPLETE, agent + " woke rested after sleeping at " + object + ".", false,
                            "sleep_complete:" + agent + ":" + object, data("agent_id", agent, "object_id", object),
                            false);
                }
            }
            default -> {
                // no narration for other events
            }
        }
    }

    private void queueConflict(Emitter out, WorldEvent event) {
        String actor = text(event.attribute("actor"), null);
        String rival = text(event.attribute("rival"), null);
        if (actor == null || rival == null) {
            return;
        }
        String object = text(event.attribute("object_id"), "queue");
        String reason = text(event.attribute("reason"), "unknown");
        double intensity = number(event.attribute("intensity"), 0.0);
        long queueLength = integer(event.attribute("queue_length"), 0L);
        String first = actor.compareTo(rival) <= 0 ? actor : rival;
        String second = actor.compareTo(rival) <= 0 ? rival : actor;
        out.emit(QUEUE_CONFLICT, actor + " clashed with " + rival + " at " + object + " (intensity "
                        + ReferenceDecimals.twoDecimals(intensity) + ", queue " + queueLength + ").",
                "ghost_step".equals(reason), "queue_conflict:" + object + ":" + first + "::" + second,
                data("actor", actor, "rival", rival, "object_id", object, "reason", reason, "intensity", intensity,
                        "queue_length", queueLength),
                false);
    }

    // ------------------------------------------------------------------ relationships

    private void friendship(Emitter out, RelationshipUpdate update) {
        if (update.status() == RelationshipStatus.REMOVED) {
            return;
        }
        boolean added = update.status() == RelationshipStatus.ADDED;
        if (!added && update.trust() < relationships.friendshipTrustThreshold()
                && update.delta().trust() < relationships.friendshipDeltaThreshold()) {
            return;
        }
        boolean priority = added || update.trust() >= relationships.friendshipPriorityThreshold();
        out.emit(FRIENDSHIP, update.owner() + " bonded with " + update.other() + ": trust "
                        + ReferenceDecimals.twoDecimals(update.trust()) + ", familiarity "
                        + ReferenceDecimals.twoDecimals(update.familiarity()) + ".",
                priority, "relationship_friendship:" + update.owner() + ":" + update.other(),
                data("owner", update.owner(), "other", update.other(), "status", update.status().jsonName(),
                        "trust", update.trust(), "familiarity", update.familiarity(),
                        "delta_trust", update.delta().trust(), "delta_familiarity", update.delta().familiarity()),
                false);
    }

    private void rivalry(Emitter out, String owner, AgentRelationshipSummary agent) {
        for (RivalEntry rival : agent.topRivals()) {
            double rivalry = rival.rivalry();
            if (rivalry < relationships.rivalryAvoidThreshold()) {
                continue;
            }
            boolean escalation = rivalry >= relationships.rivalryEscalationThreshold();
            String reason = escalation ? "escalation" : "avoid_threshold";
            out.emit(RIVALRY, "Rivalry between " + owner + " and " + rival.agent() + " is at "
                            + ReferenceDecimals.twoDecimals(rivalry) + " (" + reason + ").",
                    escalation, "relationship_rivalry:" + owner + ":" + rival.agent(),
                    data("owner", owner, "rival", rival.agent(), "rivalry", rivalry, "threshold", reason), false);
        }
    }

    // ------------------------------------------------------------------ social events

    private void socialAlert(Emitter out, SocialEvent event) {
        switch (event.type()) {
            case "chat_failure" -> {
                String speaker = text(event.attribute("speaker"), null);
                String listener = text(event.attribute("listener"), null);
                if (speaker != null && listener != null) {
                    out.emit(SOCIAL_ALERT, "Chat between " + speaker + " and " + listener + " failed.", false,
                            "social_chat_failure:" + speaker + ":" + listener,
                            data("speaker", speaker, "listener", listener, "quality",
                                    event.attribute("quality")), false);
                }
            }
            case "rivalry_avoidance" -> {
                String agent = text(event.attribute("agent"), null);
                if (agent != null) {
                    Object object = event.attribute("object");
                    String location = text(object, "unknown");
                    out.emit(SOCIAL_ALERT, agent + " avoided a rivalry interaction at " + location, true,
                            "social_rivalry_avoidance:" + agent + ":" + location,
                            data("agent", agent, "object", object, "reason", event.attribute("reason")), false);
                }
            }
            default -> {
                // no alert for other social events
            }
        }
    }

    private void personality(Emitter out, SocialEvent event, Map<String, Map<String, Object>> personalities) {
        switch (event.type()) {
            case "chat_success" -> personalityChat(out, event, personalities);
            case "rivalry_avoidance" -> personalityAvoid(out, event, personalities);
            default -> {
                // no personality narration for other social events
            }
        }
    }

    private void personalityChat(Emitter out, SocialEvent event, Map<String, Map<String, Object>> personalities) {
        String speaker = text(event.attribute("speaker"), null);
        Map<?, ?> profile = speaker == null ? null : personalities.get(speaker);
        if (profile == null) {
            return;
        }
        double extroversion = number(mapOf(profile.get("traits")).get("extroversion"), 0.0);
        double quality = number(event.attribute("quality"), 0.0);
        if (extroversion < personality.chatExtroversionThreshold() || quality < personality.chatQualityThreshold()) {
            return;
        }
        String listener = text(event.attribute("listener"), null);
        StringBuilder message = new StringBuilder(speaker).append("'s extroversion (")
                .append(ReferenceDecimals.signedTwoDecimals(extroversion)).append(") sparked a high-energy chat");
        if (listener != null) {
            message.append(" with ").append(listener);
        }
        if (quality != 0.0) {
            message.append(" (quality ").append(ReferenceDecimals.twoDecimals(quality)).append(')');
        }
        message.append('.');
        out.emit(PERSONALITY, message.toString(), extroversion >= personality.chatPriorityThreshold(),
                "personality_chat:" + speaker + ":" + listener,
                data("agent", speaker, "listener", listener, "trait", "extroversion", "value", extroversion,
                        "quality", quality),
                true);
    }

    private void personalityAvoid(Emitter out, SocialEvent event, Map<String, Map<String, Object>> personalities) {
        String agent = text(event.attribute("agent"), null);
        Map<?, ?> profile = agent == null ? null : personalities.get(agent);
        if (profile == null) {
            return;
        }
        Map<?, ?> behaviour = mapOf(mapOf(profile.get("multipliers")).get("behaviour"));
        double tolerance = number(behaviour.get("conflict_tolerance"), 1.0);
        if (tolerance >= personality.conflictToleranceThreshold()) {
            return;
        }
        String location = text(event.attribute("object"), "the area");
        String reason = text(event.attribute("reason"), "conflict avoidance");
        out.emit(PERSONALITY, agent + " stayed composed (conflict tolerance " + ReferenceDecimals.twoDecimals(tolerance)
                        + ") and avoided trouble near " + location + " (" + reason + ").",
                false, "personality_avoid:" + agent + ":" + location,
                data("agent", agent, "trait", "conflict_tolerance", "value", tolerance, "location", location,
                        "reason", reason),
                true);
    }

    // ------------------------------------------------------------------ helpers

    /** Collects the allowed entries of one tick. */
    private final class Emitter {
        private final long tick;
        private List<NarrationEntry> entries;

        Emitter(long tick) {
            this.tick = tick;
        }

        void emit(String category, String message, boolean priority, String dedupeKey, Map<String, Object> data,
                boolean entryCarriesKey) {
            ReferenceNarrationLimiter.Decision decision = limiter.allow(category, message, priority, dedupeKey);
            if (!decision.allowed()) {
                return;
            }
            if (entries == null) {
                entries = new ArrayList<>();
            }
            entries.add(new NarrationEntry(tick, category, message, decision.priority(), data,
                    entryCarriesKey ? dedupeKey : null));
        }
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

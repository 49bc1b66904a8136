package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One agent's relationship summary (SPEC §3.5, §6.3): JSON {@code {top_friends, top_rivals}}, each at most three
 * entries, ranked. Immutable and thread-safe; {@code null} lists become {@code []}, the empty value is {@link #EMPTY}.
 */
public record AgentRelationshipSummary(
        @JsonProperty("top_friends") List<FriendEntry> topFriends,
        @JsonProperty("top_rivals") List<RivalEntry> topRivals) {

    /** No friends, no rivals. */
    public static final AgentRelationshipSummary EMPTY = new AgentRelationshipSummary(null, null);

    public AgentRelationshipSummary {
        topFriends = topFriends == null ? List.of() : List.copyOf(topFriends);
        topRivals = topRivals == null ? List.of() : List.copyOf(topRivals);
    }
}

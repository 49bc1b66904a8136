package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * The relationship summary read model (SPEC §3.5, §6.3): JSON {@code {agents: id → {top_friends, top_rivals}, churn}},
 * where {@code churn} is the relationship-metrics JSON map. Immutable and thread-safe; {@code null} maps become
 * {@code {}}, the empty value is {@link #EMPTY}.
 */
public record RelationshipSummary(
        @JsonProperty("agents") Map<String, AgentRelationshipSummary> agents,
        @JsonProperty("churn") Map<String, Object> churn) {

    /** No agents, empty churn. */
    public static final RelationshipSummary EMPTY = new RelationshipSummary(null, null);

    public RelationshipSummary {
        agents = JsonMaps.copyOf(agents);
        churn = JsonMaps.copyOf(churn);
    }
}

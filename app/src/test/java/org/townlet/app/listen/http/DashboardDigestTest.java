package org.townlet.app.listen.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.core.consume.ConsumerCounters;

/** The digest the dashboard shows, built from a consumer state. */
class DashboardDigestTest {
    private static final ConsumerCounters COUNTERS = new ConsumerCounters(120, 2, 118, 50_000, 1, 0, 0, 0, 0, 0, 0,
            0, 0, 0);

    private static DashboardDigest.Inputs inputs(List<Map<String, Object>> narrations) {
        return new DashboardDigest.Inputs("tcp", 121L, 120L, 49.987, 50.0, 12L, false, COUNTERS, 1L, narrations,
                narrations.size());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> state() throws Exception {
        return new ObjectMapper().readValue("""
                {"tick": 121,
                 "transport": {"provider": "tcp", "connected": true, "queue_length": 3, "dropped_messages": 1,
                               "frames_dropped_total": 2, "send_failures_total": 4, "payloads_sent_total": 119,
                               "keyframes_sent_total": 2, "last_flush_duration_ms": 1.5, "last_error": null},
                 "economy": {"objects": {"fridge_1": {}}, "prices": {"meal": 0.72, "ingredients": 0.15}},
                 "price_spikes": {"price_spike_200": {"magnitude": 1.8}},
                 "utilities": {"power": true, "water": false},
                 "employment": {"pending": ["agent_0003"], "pending_count": 1, "exits_today": 0,
                                "daily_exit_cap": 2, "queue_limit": 8, "review_window": 1440},
                 "jobs": {"agent_0001": {"job_id": "cook", "on_shift": true, "wallet": 5.0, "lateness_counter": 0,
                                         "shift_state": "on_time"},
                          "agent_0002": {"job_id": "clerk", "on_shift": false, "wallet": 7.0, "lateness_counter": 2,
                                         "shift_state": "late"}},
                 "relationship_snapshot": {
                   "agent_0001": {"agent_0002": {"trust": 0.9, "familiarity": 0.6, "rivalry": 0.0},
                                  "agent_0003": {"trust": 0.0, "familiarity": 0.1, "rivalry": 0.4}},
                   "agent_0002": {"agent_0001": {"trust": 0.9, "familiarity": 0.6, "rivalry": 0.0}},
                   "agent_0003": {"agent_0004": {"trust": 0.2, "familiarity": 0.1, "rivalry": 0.05}}},
                 "conflict": {"queues": {"cooldown_events": 2, "rotation_events": 6}, "rivalry": {},
                              "rivalry_events": [{"tick": 90}]},
                 "stability": {"metrics": {"alerts": ["option_thrash"], "starvation_incidents": 0,
                                           "option_switch_rate": 0.625}}}
                """, Map.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void digestCarriesTickRatesAndTransportCounters() throws Exception {
        Map<String, Object> digest = DashboardDigest.build(state(), inputs(List.of()));

        assertThat(digest).containsEntry("run_id", "tcp").containsEntry("tick", 121L).containsEntry("seq", 120L)
                .containsEntry("ticks_per_s", 49.99).containsEntry("last_frame_age_ms", 12L);
        assertThat(List.copyOf(((Map<String, Object>) digest.get("transport")).keySet())).containsExactly(
                "provider", "connected", "queue_length", "dropped_messages", "frames_dropped_total",
                "send_failures_total", "payloads_sent_total", "last_error", "keyframes_sent_total");
        assertThat((Map<String, Object>) digest.get("transport")).containsEntry("queue_length", 3)
                .containsEntry("frames_dropped_total", 2).containsEntry("send_failures_total", 4)
                .containsEntry("keyframes_sent_total", 2);
        assertThat((Map<String, Object>) digest.get("listener")).containsEntry("frames", 120L)
                .containsEntry("gaps", 1L).containsEntry("connections", 1L);
    }

    @Test
    @SuppressWarnings("unchecked")
    void summarisesEconomyJobsConflictAndStability() throws Exception {
        Map<String, Object> digest = DashboardDigest.build(state(), inputs(List.of()));

        Map<String, Object> economy = (Map<String, Object>) digest.get("economy");
        assertThat(List.copyOf(((Map<String, Object>) economy.get("prices")).keySet()))
                .containsExactly("ingredients", "meal");
        assertThat((Map<String, Object>) economy.get("price_spikes")).containsKey("price_spike_200");
        assertThat((Map<String, Object>) economy.get("utilities")).containsEntry("water", false);
        assertThat((Map<String, Object>) digest.get("employment")).containsEntry("pending_count", 1)
                .doesNotContainKey("pending");
        assertThat((Map<String, Object>) digest.get("jobs")).containsEntry("agents", 2).containsEntry("on_shift", 1)
                .containsEntry("late", 1).containsEntry("average_wallet", 6.0)
                .containsEntry("by_job", Map.of("clerk", 1, "cook", 1));
        assertThat((Map<String, Object>) digest.get("conflict")).containsEntry("rivalry_events", 1)
                .containsEntry("queues", Map.of("cooldown_events", 2, "rotation_events", 6));
        assertThat((Map<String, Object>) digest.get("stability")).containsEntry("alerts", List.of("option_thrash"))
                .containsEntry("option_switch_rate", 0.625);
    }

    @Test
    @SuppressWarnings("unchecked")
    void ranksRelationshipsAndRivalriesCountingEachPairOnce() throws Exception {
        Map<String, Object> relationships = (Map<String, Object>) DashboardDigest.build(state(), inputs(List.of()))
                .get("relationships");

        assertThat(relationships).containsEntry("pairs", 3);
        assertThat((List<Map<String, Object>>) relationships.get("top"))
                .extracting(pair -> pair.get("a") + "-" + pair.get("b"))
                .containsExactly("agent_0001-agent_0002", "agent_0003-agent_0004");
        assertThat((List<Map<String, Object>>) relationships.get("rivalries"))
                .extracting(pair -> pair.get("a") + "-" + pair.get("b"))
                .containsExactly("agent_0001-agent_0003", "agent_0003-agent_0004");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEmptyStateGivesEmptySectionsAndKeepsTheNarrations() {
        List<Map<String, Object>> narrations = List.of(Map.of("tick", 5L, "message", "A new day begins."));

        Map<String, Object> digest = DashboardDigest.build(Map.of(), inputs(narrations));

        assertThat(digest).containsEntry("has_state", false).containsEntry("narrations", narrations)
                .containsEntry("narrations_seen", 1L);
        assertThat((Map<String, Object>) digest.get("transport")).isEmpty();
        assertThat((Map<String, Object>) digest.get("jobs")).containsEntry("agents", 0);
        assertThat((Map<String, Object>) digest.get("stability")).containsEntry("alerts", List.of());
    }
}

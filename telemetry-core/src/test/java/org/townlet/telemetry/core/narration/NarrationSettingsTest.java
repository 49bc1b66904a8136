package org.townlet.telemetry.core.narration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.core.config.TelemetryConfigException;

class NarrationSettingsTest {

    @Test
    void defaultsAreThoseOfTheSpec() {
        NarrationSettings narration = NarrationSettings.DEFAULTS;
        assertThat(narration.globalCooldownTicks()).isEqualTo(30);
        assertThat(narration.categoryCooldownTicks()).isEmpty();
        assertThat(narration.dedupeWindowTicks()).isEqualTo(20);
        assertThat(narration.globalWindowTicks()).isEqualTo(600);
        assertThat(narration.globalWindowLimit()).isEqualTo(10);
        assertThat(narration.priorityCategories()).isEmpty();
        RelationshipNarrationSettings relationships = RelationshipNarrationSettings.DEFAULTS;
        assertThat(List.of(relationships.friendshipTrustThreshold(), relationships.friendshipDeltaThreshold(),
                relationships.friendshipPriorityThreshold(), relationships.rivalryAvoidThreshold(),
                relationships.rivalryEscalationThreshold())).containsExactly(0.6, 0.25, 0.85, 0.7, 0.9);
        PersonalityNarrationSettings personality = PersonalityNarrationSettings.DEFAULTS;
        assertThat(personality.enabled()).isTrue();
        assertThat(List.of(personality.chatExtroversionThreshold(), personality.chatPriorityThreshold(),
                personality.chatQualityThreshold(), personality.conflictToleranceThreshold()))
                .containsExactly(0.5, 0.75, 0.3, 0.95);
    }

    @Test
    void outOfRangeValuesNameTheKey() {
        assertThatThrownBy(() -> NarrationSettings.builder().globalWindowLimit(0).build())
                .isInstanceOf(TelemetryConfigException.class)
                .hasMessage("telemetry.narration.global_window_limit must be 1–1000; got 0")
                .satisfies(e -> assertThat(((TelemetryConfigException) e).keyPath())
                        .isEqualTo("telemetry.narration.global_window_limit"));
        assertThatThrownBy(() -> NarrationSettings.builder().globalCooldownTicks(10_001).build())
                .hasMessage("telemetry.narration.global_cooldown_ticks must be 0–10000; got 10001");
        assertThatThrownBy(() -> NarrationSettings.builder().categoryCooldownTicks("queue_conflict", -1).build())
                .hasMessage("telemetry.narration.category_cooldown_ticks.queue_conflict must be 0–10000; got -1");
        assertThatThrownBy(() -> RelationshipNarrationSettings.builder().friendshipTrustThreshold(1.5).build())
                .hasMessage("telemetry.relationship_narration.friendship_trust_threshold must be -1–1; got 1.5");
        assertThatThrownBy(() -> PersonalityNarrationSettings.builder().conflictToleranceThreshold(5.5).build())
                .hasMessage("telemetry.personality_narration.conflict_tolerance_threshold must be 0–5; got 5.5");
        assertThatThrownBy(() -> PersonalityNarrationSettings.builder().chatQualityThreshold(Double.NaN).build())
                .hasMessage("telemetry.personality_narration.chat_quality_threshold must be 0–1; got NaN");
    }

    @Test
    void contradictionsNameBothFields() {
        assertThatThrownBy(() -> RelationshipNarrationSettings.builder().friendshipTrustThreshold(0.9)
                .friendshipPriorityThreshold(0.8).build())
                .isInstanceOf(TelemetryConfigException.class)
                .hasMessage("telemetry.relationship_narration.friendship_priority_threshold must be >= "
                        + "friendship_trust_threshold");
        assertThatThrownBy(() -> RelationshipNarrationSettings.builder().rivalryAvoidThreshold(0.95).build())
                .hasMessage("telemetry.relationship_narration.rivalry_escalation_threshold must be >= "
                        + "rivalry_avoid_threshold");
    }

    @Test
    void priorityCategoriesAreSortedAndUnique() {
        NarrationSettings settings = NarrationSettings.builder()
                .priorityCategories(List.of("utility_outage", " queue_conflict", "utility_outage")).build();

        assertThat(settings.priorityCategories()).containsExactly("queue_conflict", "utility_outage");
    }
}

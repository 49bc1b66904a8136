package org.townlet.telemetry.core.narration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.event.NarrationLimiterState;

class NarrationLimiterTest {

    /** Settings written as in SPEC §21: global cooldown / category cooldowns / dedupe / window ticks / window limit. */
    private static NarrationLimiter limiter(long globalCooldown, Map<String, Long> categoryCooldowns, long dedupe,
            long windowTicks, long windowLimit, List<String> priorityCategories) {
        return new NarrationLimiter(NarrationSettings.builder()
                .globalCooldownTicks(globalCooldown)
                .categoryCooldownTicks(categoryCooldowns)
                .dedupeWindowTicks(dedupe)
                .globalWindowTicks(windowTicks)
                .globalWindowLimit(windowLimit)
                .priorityCategories(priorityCategories)
                .build());
    }

    private static List<Long> allowedTicks(NarrationLimiter limiter, long from, long to, String category,
            boolean priority) {
        List<Long> allowed = new ArrayList<>();
        for (long tick = from; tick <= to; tick++) {
            limiter.beginTick(tick);
            if (limiter.allow(category, "message at " + tick, priority, null).allowed()) {
                allowed.add(tick);
            }
        }
        return allowed;
    }

    @Test
    void categoryCooldownDeniesRepeats() {
        NarrationLimiter limiter = limiter(5, Map.of("queue_conflict", 10L), 0, 50, 5, List.of());

        assertThat(allowedTicks(limiter, 0, 10, "queue_conflict", false)).containsExactly(0L, 10L);
    }

    @Test
    void otherCategoriesFollowTheGlobalCooldown() {
        NarrationLimiter limiter = limiter(5, Map.of("queue_conflict", 10L), 0, 50, 5, List.of());

        assertThat(allowedTicks(limiter, 0, 10, "shower_complete", false)).containsExactly(0L, 5L, 10L);
    }

    @Test
    void priorityBypassesCooldown() {
        NarrationLimiter limiter = limiter(20, Map.of("queue_conflict", 20L), 0, 100, 5, List.of());

        limiter.beginTick(0);
        NarrationLimiter.Decision first = limiter.allow("queue_conflict", "a", false, null);
        limiter.beginTick(1);
        NarrationLimiter.Decision second = limiter.allow("queue_conflict", "b", false, null);
        limiter.beginTick(2);
        NarrationLimiter.Decision third = limiter.allow("queue_conflict", "c", true, null);

        assertThat(first).isEqualTo(NarrationLimiter.Decision.ALLOWED);
        assertThat(second).isEqualTo(NarrationLimiter.Decision.DENIED);
        assertThat(third).isEqualTo(NarrationLimiter.Decision.ALLOWED_PRIORITY);
    }

    @Test
    void priorityCategoriesArePriority() {
        NarrationLimiter limiter = limiter(20, Map.of(), 0, 100, 5, List.of("utility_outage"));

        limiter.beginTick(0);
        assertThat(limiter.allow("shower_complete", "a", false, null)).isEqualTo(NarrationLimiter.Decision.ALLOWED);
        limiter.beginTick(1);
        assertThat(limiter.allow("utility_outage", "b", false, null))
                .isEqualTo(NarrationLimiter.Decision.ALLOWED_PRIORITY);
        assertThat(limiter.allow("shower_complete", "c", false, null)).isEqualTo(NarrationLimiter.Decision.DENIED);
    }

    @Test
    void limiterNeverRewinds() {
        NarrationLimiter limiter = limiter(10, Map.of(), 0, 100, 5, List.of());
        limiter.beginTick(50);
        assertThat(limiter.allow("cat", "a", false, null).allowed()).isTrue();

        limiter.beginTick(3);

        assertThat(limiter.currentTick()).isEqualTo(50);
        assertThat(limiter.allow("cat", "b", false, null).allowed()).isFalse();
        assertThat(limiter.state().lastGlobalTick()).isEqualTo(50);
        limiter.beginTick(60);
        assertThat(limiter.allow("cat", "c", false, null).allowed()).isTrue();
    }

    @Test
    void dedupeDeniesTheSameKeyWithinTheWindowEvenForPriority() {
        NarrationLimiter limiter = limiter(0, Map.of(), 20, 600, 100, List.of());
        limiter.beginTick(0);
        assertThat(limiter.allow("cat", "same", true, null).allowed()).isTrue();

        // beginTick(t) forgets keys recorded at or before t - 20, so the key is denied up to tick 19.
        limiter.beginTick(19);
        assertThat(limiter.allow("cat", "same", true, null).allowed()).isFalse();
        assertThat(limiter.allow("cat", "other message", true, "same").allowed()).isFalse();
        assertThat(limiter.allow("cat", "same", true, "distinct-key").allowed()).isTrue();
        limiter.beginTick(20);
        assertThat(limiter.allow("cat", "same", true, null).allowed()).isTrue();
    }

    @Test
    void windowLimitAppliesToPriorityNarrationsAndSlides() {
        NarrationLimiter limiter = limiter(0, Map.of(), 0, 10, 2, List.of());
        limiter.beginTick(0);
        assertThat(limiter.allow("cat", "a", true, null).allowed()).isTrue();
        assertThat(limiter.allow("cat", "b", true, null).allowed()).isTrue();
        assertThat(limiter.allow("cat", "c", true, null).allowed()).isFalse();

        limiter.beginTick(9);
        assertThat(limiter.allow("cat", "d", true, null).allowed()).isFalse();
        limiter.beginTick(10);
        assertThat(limiter.allow("cat", "e", true, null).allowed()).isTrue();
        assertThat(limiter.state().windowEmissions()).containsExactly(10L);
    }

    @Test
    void stateExportsEveryFieldAndRestoresExactly() {
        NarrationLimiter limiter = limiter(3, Map.of(), 20, 600, 10, List.of());
        limiter.beginTick(7);
        limiter.allow("queue_conflict", "m1", false, "k1");
        limiter.beginTick(12);
        limiter.allow("shower_complete", "m2", false, null);

        NarrationLimiterState state = limiter.state();
        assertThat(state.lastCategoryTick()).containsExactly(Map.entry("queue_conflict", 7L),
                Map.entry("shower_complete", 12L));
        assertThat(state.lastGlobalTick()).isEqualTo(12);
        assertThat(state.recentEntries()).containsExactly(Map.entry("k1", 7L), Map.entry("m2", 12L));
        assertThat(state.windowEmissions()).containsExactly(7L, 12L);

        NarrationLimiter restored = limiter(3, Map.of(), 20, 600, 10, List.of());
        restored.restore(state, 12);
        assertThat(restored.state()).isEqualTo(state);
        assertThat(restored.currentTick()).isEqualTo(12);
        assertThat(restored.allow("queue_conflict", "again", false, "k1").allowed()).isFalse();
    }

    @Test
    void initialStateNeverEmitted() {
        NarrationLimiter limiter = limiter(30, Map.of(), 20, 600, 10, List.of());

        assertThat(limiter.state()).isEqualTo(NarrationLimiterState.INITIAL);
        assertThat(limiter.allow("cat", "first", false, null).allowed()).isTrue();
    }

    @Test
    void stateIsHandedOutAgainUntilTheLimiterChanges() {
        NarrationLimiter limiter = limiter(0, Map.of(), 2, 10, 5, List.of());
        limiter.beginTick(1);
        NarrationLimiterState initial = limiter.state();
        limiter.beginTick(2);
        assertThat(limiter.state()).as("nothing expired, nothing emitted").isSameAs(initial);

        limiter.allow("queue_conflict", "a", false, "k");
        NarrationLimiterState afterAllow = limiter.state();
        assertThat(afterAllow).isNotSameAs(initial);
        assertThat(afterAllow.recentEntries()).containsEntry("k", 2L);
        limiter.allow("queue_conflict", "a", false, "k"); // denied by dedupe: nothing changes
        assertThat(limiter.state()).isSameAs(afterAllow);

        limiter.beginTick(3); // the dedupe entry of tick 2 is kept (2 > 3 - 2)
        assertThat(limiter.state()).isSameAs(afterAllow);
        limiter.beginTick(4); // now it expires (2 <= 4 - 2)
        assertThat(limiter.state().recentEntries()).isEmpty();
        assertThat(limiter.state().windowEmissions()).containsExactly(2L);
        limiter.beginTick(12); // and the window emission too
        assertThat(limiter.state().windowEmissions()).isEmpty();

        limiter.restore(afterAllow, 3);
        assertThat(limiter.state()).isEqualTo(afterAllow).isNotSameAs(afterAllow);
    }
}

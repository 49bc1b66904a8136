package org.townlet.telemetry.core.narration;

import org.townlet.telemetry.core.config.SettingChecks;
import org.townlet.telemetry.core.config.TelemetryConfigException;

/**
 * Thresholds of the generated relationship narrations: the {@code telemetry.relationship_narration} block (SPEC §7.3,
 * §15.1). Immutable; build with {@link #builder()} or use {@link #DEFAULTS}.
 *
 * @param friendshipTrustThreshold    {@code friendship_trust_threshold}: an update with trust at or above it narrates
 *                                    a friendship, −1..1 (default {@value #DEFAULT_FRIENDSHIP_TRUST_THRESHOLD})
 * @param friendshipDeltaThreshold    {@code friendship_delta_threshold}: an update whose trust rose by at least this
 *                                    narrates a friendship, 0..2 (default {@value #DEFAULT_FRIENDSHIP_DELTA_THRESHOLD})
 * @param friendshipPriorityThreshold {@code friendship_priority_threshold}: a friendship with trust at or above it is
 *                                    priority, −1..1 and {@code >= friendshipTrustThreshold} (default
 *                                    {@value #DEFAULT_FRIENDSHIP_PRIORITY_THRESHOLD})
 * @param rivalryAvoidThreshold       {@code rivalry_avoid_threshold}: a rival at or above it is narrated, 0..1
 *                                    (default {@value #DEFAULT_RIVALRY_AVOID_THRESHOLD})
 * @param rivalryEscalationThreshold  {@code rivalry_escalation_threshold}: a rivalry at or above it is an escalation and
 *                                    priority, 0..1 and {@code >= rivalryAvoidThreshold} (default
 *                                    {@value #DEFAULT_RIVALRY_ESCALATION_THRESHOLD})
 */
public record RelationshipNarrationSettings(
        double friendshipTrustThreshold,
        double friendshipDeltaThreshold,
        double friendshipPriorityThreshold,
        double rivalryAvoidThreshold,
        double rivalryEscalationThreshold) {

    /** The configuration block these settings come from. */
    public static final String KEY = "telemetry.relationship_narration";
    /** Default of {@code friendshipTrustThreshold}. */
    public static final double DEFAULT_FRIENDSHIP_TRUST_THRESHOLD = 0.6;
    /** Default of {@code friendshipDeltaThreshold}. */
    public static final double DEFAULT_FRIENDSHIP_DELTA_THRESHOLD = 0.25;
    /** Default of {@code friendshipPriorityThreshold}. */
    public static final double DEFAULT_FRIENDSHIP_PRIORITY_THRESHOLD = 0.85;
    /** Default of {@code rivalryAvoidThreshold}. */
    public static final double DEFAULT_RIVALRY_AVOID_THRESHOLD = 0.7;
    /** Default of {@code rivalryEscalationThreshold}. */
    public static final double DEFAULT_RIVALRY_ESCALATION_THRESHOLD = 0.9;

    /** Every threshold at its default. */
    public static final RelationshipNarrationSettings DEFAULTS = builder().build();

    /**
     * @throws TelemetryConfigException naming the key (and, for a contradiction, both keys), e.g.
     *     {@code telemetry.relationship_narration.friendship_priority_threshold must be >= friendship_trust_threshold}
     */
    public RelationshipNarrationSettings {
        SettingChecks.inRange(KEY + ".friendship_trust_threshold", friendshipTrustThreshold, -1, 1);
        SettingChecks.inRange(KEY + ".friendship_delta_threshold", friendshipDeltaThreshold, 0, 2);
        SettingChecks.inRange(KEY + ".friendship_priority_threshold", friendshipPriorityThreshold, -1, 1);
        SettingChecks.inRange(KEY + ".rivalry_avoid_threshold", rivalryAvoidThreshold, 0, 1);
        SettingChecks.inRange(KEY + ".rivalry_escalation_threshold", rivalryEscalationThreshold, 0, 1);
        if (friendshipPriorityThreshold < friendshipTrustThreshold) {
            throw TelemetryConfigException.setting(KEY + ".friendship_priority_threshold",
                    "must be >= friendship_trust_threshold");
        }
        if (rivalryEscalationThreshold < rivalryAvoidThreshold) {
            throw TelemetryConfigException.setting(KEY + ".rivalry_escalation_threshold",
                    "must be >= rivalry_avoid_threshold");
        }
    }

    /** A builder at the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder()
                .friendshipTrustThreshold(friendshipTrustThreshold)
                .friendshipDeltaThreshold(friendshipDeltaThreshold)
                .friendshipPriorityThreshold(friendshipPriorityThreshold)
                .rivalryAvoidThreshold(rivalryAvoidThreshold)
                .rivalryEscalationThreshold(rivalryEscalationThreshold);
    }

    /** Mutable, single-threaded builder of {@link RelationshipNarrationSettings}; starts at the defaults. */
    public static final class Builder {
        private double friendshipTrustThreshold = DEFAULT_FRIENDSHIP_TRUST_THRESHOLD;
        private double friendshipDeltaThreshold = DEFAULT_FRIENDSHIP_DELTA_THRESHOLD;
        private double friendshipPriorityThreshold = DEFAULT_FRIENDSHIP_PRIORITY_THRESHOLD;
        private double rivalryAvoidThreshold = DEFAULT_RIVALRY_AVOID_THRESHOLD;
        private double rivalryEscalationThreshold = DEFAULT_RIVALRY_ESCALATION_THRESHOLD;

        private Builder() {
        }

        public Builder friendshipTrustThreshold(double friendshipTrustThreshold) {
            this.friendshipTrustThreshold = friendshipTrustThreshold;
            return this;
        }

        public Builder friendshipDeltaThreshold(double friendshipDeltaThreshold) {
            this.friendshipDeltaThreshold = friendshipDeltaThreshold;
            return this;
        }

        public Builder friendshipPriorityThreshold(double friendshipPriorityThreshold) {
            this.friendshipPriorityThreshold = friendshipPriorityThreshold;
            return this;
        }

        public Builder rivalryAvoidThreshold(double rivalryAvoidThreshold) {
            this.rivalryAvoidThreshold = rivalryAvoidThreshold;
            return this;
        }

        public Builder rivalryEscalationThreshold(double rivalryEscalationThreshold) {
            this.rivalryEscalationThreshold = rivalryEscalationThreshold;
            return this;
        }

        /**
         * The settings.
         *
         * @throws TelemetryConfigException if a value is out of range or two contradict each other
         */
        public RelationshipNarrationSettings build() {
            return new RelationshipNarrationSettings(friendshipTrustThreshold, friendshipDeltaThreshold,
                    friendshipPriorityThreshold, rivalryAvoidThreshold, rivalryEscalationThreshold);
        }
    }
}

package org.townlet.telemetry.core.narration;

import org.townlet.telemetry.core.config.SettingChecks;
import org.townlet.telemetry.core.config.TelemetryConfigException;

/**
 * Switch and thresholds of the generated personality narrations: the {@code telemetry.personality_narration} block
 * (SPEC §7.3, §15.1). Immutable; build with {@link #builder()} or use {@link #DEFAULTS}.
 *
 * @param enabled                    {@code enabled}: personality narrations at all (default
 *                                   {@value #DEFAULT_ENABLED})
 * @param chatExtroversionThreshold  {@code chat_extroversion_threshold}: a successful chat narrates when the speaker's
 *                                   extroversion is at or above it, −1..1 (default
 *                                   {@value #DEFAULT_CHAT_EXTROVERSION_THRESHOLD})
 * @param chatPriorityThreshold      {@code chat_priority_threshold}: such a chat is priority at or above it, −1..1
 *                                   (default {@value #DEFAULT_CHAT_PRIORITY_THRESHOLD})
 * @param chatQualityThreshold       {@code chat_quality_threshold}: the least chat quality that narrates, 0..1
 *                                   (default {@value #DEFAULT_CHAT_QUALITY_THRESHOLD})
 * @param conflictToleranceThreshold {@code conflict_tolerance_threshold}: a rivalry avoidance narrates when the
 *                                   agent's {@code behaviour.conflict_tolerance} is below it, 0..5 (default
 *                                   {@value #DEFAULT_CONFLICT_TOLERANCE_THRESHOLD})
 */
public record PersonalityNarrationSettings(
        boolean enabled,
        double chatExtroversionThreshold,
        double chatPriorityThreshold,
        double chatQualityThreshold,
        double conflictToleranceThreshold) {

    /** The configuration block these settings come from. */
    public static final String KEY = "telemetry.personality_narration";
    /** Default of {@code enabled}. */
    public static final boolean DEFAULT_ENABLED = true;
    /** Default of {@code chatExtroversionThreshold}. */
    public static final double DEFAULT_CHAT_EXTROVERSION_THRESHOLD = 0.5;
    /** Default of {@code chatPriorityThreshold}. */
    public static final double DEFAULT_CHAT_PRIORITY_THRESHOLD = 0.75;
    /** Default of {@code chatQualityThreshold}. */
    public static final double DEFAULT_CHAT_QUALITY_THRESHOLD = 0.3;
    /** Default of {@code conflictToleranceThreshold}. */
    public static final double DEFAULT_CONFLICT_TOLERANCE_THRESHOLD = 0.95;

    /** Every setting at its default. */
    public static final PersonalityNarrationSettings DEFAULTS = builder().build();

    /**
     * @throws TelemetryConfigException naming the key, e.g.
     *     {@code telemetry.personality_narration.chat_quality_threshold must be 0–1; got 1.5}
     */
    public PersonalityNarrationSettings {
        SettingChecks.inRange(KEY + ".chat_extroversion_threshold", chatExtroversionThreshold, -1, 1);
        SettingChecks.inRange(KEY + ".chat_priority_threshold", chatPriorityThreshold, -1, 1);
        SettingChecks.inRange(KEY + ".chat_quality_threshold", chatQualityThreshold, 0, 1);
        SettingChecks.inRange(KEY + ".conflict_tolerance_threshold", conflictToleranceThreshold, 0, 5);
    }

    /** A builder at the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder()
                .enabled(enabled)
                .chatExtroversionThreshold(chatExtroversionThreshold)
                .chatPriorityThreshold(chatPriorityThreshold)
                .chatQualityThreshold(chatQualityThreshold)
                .conflictToleranceThreshold(conflictToleranceThreshold);
    }

    /** Mutable, single-threaded builder of {@link PersonalityNarrationSettings}; starts at the defaults. */
    public static final class Builder {
        private boolean enabled = DEFAULT_ENABLED;
        private double chatExtroversionThreshold = DEFAULT_CHAT_EXTROVERSION_THRESHOLD;
        private double chatPriorityThreshold = DEFAULT_CHAT_PRIORITY_THRESHOLD;
        private double chatQualityThreshold = DEFAULT_CHAT_QUALITY_THRESHOLD;
        private double conflictToleranceThreshold = DEFAULT_CONFLICT_TOLERANCE_THRESHOLD;

        private Builder() {
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public Builder chatExtroversionThreshold(double chatExtroversionThreshold) {
            this.chatExtroversionThreshold = chatExtroversionThreshold;
            return this;
        }

        public Builder chatPriorityThreshold(double chatPriorityThreshold) {
            this.chatPriorityThreshold = chatPriorityThreshold;
            return this;
        }

        public Builder chatQualityThreshold(double chatQualityThreshold) {
            this.chatQualityThreshold = chatQualityThreshold;
            return this;
        }

        public Builder conflictToleranceThreshold(double conflictToleranceThreshold) {
            this.conflictToleranceThreshold = conflictToleranceThreshold;
            return this;
        }

        /**
         * The settings.
         *
         * @throws TelemetryConfigException if a value is out of range
         */
        public PersonalityNarrationSettings build() {
            return new PersonalityNarrationSettings(enabled, chatExtroversionThreshold, chatPriorityThreshold,
                    chatQualityThreshold, conflictToleranceThreshold);
        }
    }
}

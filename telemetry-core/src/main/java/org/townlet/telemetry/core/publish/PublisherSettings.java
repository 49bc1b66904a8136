package org.townlet.telemetry.core.publish;

import java.util.Map;
import java.util.Objects;
import org.townlet.telemetry.api.json.JsonMaps;
import org.townlet.telemetry.core.config.SettingChecks;
import org.townlet.telemetry.core.config.TelemetryConfigException;
import org.townlet.telemetry.core.console.ConsoleSettings;
import org.townlet.telemetry.core.narration.NarrationSettings;
import org.townlet.telemetry.core.narration.PersonalityNarrationSettings;
import org.townlet.telemetry.core.narration.RelationshipNarrationSettings;
import org.townlet.telemetry.core.transform.TransformPipeline;

/**
 * The publisher's own settings (SPEC §15.1, §15.2): what the read models, narration, the console and the frame
 * builder need, translated once from the configuration. The worker's settings are separate
 * ({@link org.townlet.telemetry.core.worker.WorkerSettings}). Immutable; build with {@link #builder()} (every setting
 * has a named default) or use {@link #DEFAULTS}.
 *
 * <p>Configuration keys, one component each:
 * <ul>
 *   <li>{@code telemetry.diff_enabled} → {@link #diffEnabled()}</li>
 *   <li>{@code telemetry.keyframe_interval_ticks} → {@link #keyframeIntervalTicks()}</li>
 *   <li>{@code telemetry.fail_on_ingest_error} → {@link #failOnIngestError()}</li>
 *   <li>{@code config_id} → {@link #configId()}</li>
 *   <li>{@code economy} (the simulation's economy block) → {@link #economySettings()}</li>
 *   <li>{@code console_auth.enabled} → {@link #authEnabled()}</li>
 *   <li>{@code telemetry.narration} → {@link #narration()}</li>
 *   <li>{@code telemetry.relationship_narration} → {@link #relationshipNarration()}</li>
 *   <li>{@code telemetry.personality_narration} → {@link #personalityNarration()}</li>
 *   <li>{@code telemetry.console} → {@link #console()}</li>
 *   <li>{@code telemetry.transforms.pipeline} → {@link #transforms()} (parse it with
 *       {@link TransformPipeline#parse})</li>
 * </ul>
 *
 * @param diffEnabled           diffs between keyframes (default {@value #DEFAULT_DIFF_ENABLED})
 * @param keyframeIntervalTicks a periodic keyframe every this many ticks, 0–1000000; 0 = forced keyframes only
 *                              (default {@value #DEFAULT_KEYFRAME_INTERVAL_TICKS})
 * @param configId              the default {@code policy_identity.config_id} (default {@value #DEFAULT_CONFIG_ID});
 *                              not blank
 * @param failOnIngestError     rethrow the first ingestion error of an event (default
 *                              {@value #DEFAULT_FAIL_ON_INGEST_ERROR})
 * @param economySettings       the start value of {@code latestEconomySettings()} (default {@code {}}); an immutable
 *                              copy
 * @param authEnabled           reported as {@code auth_enabled} (default {@value #DEFAULT_AUTH_ENABLED})
 * @param narration             the narration limiter (default {@link NarrationSettings#DEFAULTS})
 * @param relationshipNarration thresholds of relationship narrations (default
 *                              {@link RelationshipNarrationSettings#DEFAULTS})
 * @param personalityNarration  switch and thresholds of personality narrations (default
 *                              {@link PersonalityNarrationSettings#DEFAULTS})
 * @param console               the console audit (default {@link ConsoleSettings#DEFAULTS}: off)
 * @param transforms            the transform pipeline (default {@link TransformPipeline#DEFAULT})
 */
public record PublisherSettings(
        boolean diffEnabled,
        long keyframeIntervalTicks,
        String configId,
        boolean failOnIngestError,
        Map<String, Double> economySettings,
        boolean authEnabled,
        NarrationSettings narration,
        RelationshipNarrationSettings relationshipNarration,
        PersonalityNarrationSettings personalityNarration,
        ConsoleSettings console,
        TransformPipeline transforms) {

    /** Default of {@code diffEnabled}. */
    public static final boolean DEFAULT_DIFF_ENABLED = true;
    /** Default of {@code keyframeIntervalTicks}. */
    public static final long DEFAULT_KEYFRAME_INTERVAL_TICKS = 100L;
    /** Largest {@code keyframeIntervalTicks}. */
    public static final long MAX_KEYFRAME_INTERVAL_TICKS = 1_000_000L;
    /** Default of {@code configId}. */
    public static final String DEFAULT_CONFIG_ID = "townlet-default";
    /** Default of {@code failOnIngestError}. */
    public static final boolean DEFAULT_FAIL_ON_INGEST_ERROR = false;
    /** Default of {@code authEnabled}. */
    public static final boolean DEFAULT_AUTH_ENABLED = false;

    /** Every setting at its default. */
    public static final PublisherSettings DEFAULTS = builder().build();

    /**
     * @throws TelemetryConfigException naming the key, e.g.
     *     {@code telemetry.keyframe_interval_ticks must be 0–1000000; got -1}, or {@code config_id must not be blank}
     * @throws NullPointerException     if {@code configId} or a settings block is {@code null}
     */
    public PublisherSettings {
        SettingChecks.inRange("telemetry.keyframe_interval_ticks", keyframeIntervalTicks, 0,
                MAX_KEYFRAME_INTERVAL_TICKS);
        Objects.requireNonNull(configId, "configId");
        if (configId.isBlank()) {
            throw TelemetryConfigException.setting("config_id", "must not be blank");
        }
        economySettings = JsonMaps.copyOf(economySettings);
        Objects.requireNonNull(narration, "narration");
        Objects.requireNonNull(relationshipNarration, "relationshipNarration");
        Objects.requireNonNull(personalityNarration, "personalityNarration");
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(transforms, "transforms");
    }

    /** A builder at the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder()
                .diffEnabled(diffEnabled)
                .keyframeIntervalTicks(keyframeIntervalTicks)
                .configId(configId)
                .failOnIngestError(failOnIngestError)
                .economySettings(economySettings)
                .authEnabled(authEnabled)
                .narration(narration)
                .relationshipNarration(relationshipNarration)
                .personalityNarration(personalityNarration)
                .console(console)
                .transforms(transforms);
    }

    /** Mutable, single-threaded builder of {@link PublisherSettings}; starts at the defaults. */
    public static final class Builder {
        private boolean diffEnabled = DEFAULT_DIFF_ENABLED;
        private long keyframeIntervalTicks = DEFAULT_KEYFRAME_INTERVAL_TICKS;
        private String configId = DEFAULT_CONFIG_ID;
        private boolean failOnIngestError = DEFAULT_FAIL_ON_INGEST_ERROR;
        private Map<String, Double> economySettings = Map.of();
        private boolean authEnabled = DEFAULT_AUTH_ENABLED;
        private NarrationSettings narration = NarrationSettings.DEFAULTS;
        private RelationshipNarrationSettings relationshipNarration = RelationshipNarrationSettings.DEFAULTS;
        private PersonalityNarrationSettings personalityNarration = PersonalityNarrationSettings.DEFAULTS;
        private ConsoleSettings console = ConsoleSettings.DEFAULTS;
        private TransformPipeline transforms = TransformPipeline.DEFAULT;

        private Builder() {
        }

        public Builder diffEnabled(boolean diffEnabled) {
            this.diffEnabled = diffEnabled;
            return this;
        }

        public Builder keyframeIntervalTicks(long keyframeIntervalTicks) {
            this.keyframeIntervalTicks = keyframeIntervalTicks;
            return this;
        }

        public Builder configId(String configId) {
            this.configId = Objects.requireNonNull(configId, "configId");
            return this;
        }

        public Builder failOnIngestError(boolean failOnIngestError) {
            this.failOnIngestError = failOnIngestError;
            return this;
        }

        public Builder economySettings(Map<String, Double> economySettings) {
            this.economySettings = Objects.requireNonNull(economySettings, "economySettings");
            return this;
        }

        public Builder authEnabled(boolean authEnabled) {
            this.authEnabled = authEnabled;
            return this;
        }

        public Builder narration(NarrationSettings narration) {
            this.narration = Objects.requireNonNull(narration, "narration");
            return this;
        }

        public Builder relationshipNarration(RelationshipNarrationSettings relationshipNarration) {
            this.relationshipNarration = Objects.requireNonNull(relationshipNarration, "relationshipNarration");
            return this;
        }

        public Builder personalityNarration(PersonalityNarrationSettings personalityNarration) {
            this.personalityNarration = Objects.requireNonNull(personalityNarration, "personalityNarration");
            return this;
        }

        public Builder console(ConsoleSettings console) {
            this.console = Objects.requireNonNull(console, "console");
            return this;
        }

        /** The transform pipeline; {@link TransformPipeline#DEFAULT} unless configured. */
        public Builder transforms(TransformPipeline transforms) {
            this.transforms = Objects.requireNonNull(transforms, "transforms");
            return this;
        }

        /**
         * The settings.
         *
         * @throws TelemetryConfigException if a value is out of range (see the record's constructor)
         */
        public PublisherSettings build() {
            return new PublisherSettings(diffEnabled, keyframeIntervalTicks, configId, failOnIngestError,
                    economySettings, authEnabled, narration, relationshipNarration, personalityNarration, console,
                    transforms);
        }
    }
}

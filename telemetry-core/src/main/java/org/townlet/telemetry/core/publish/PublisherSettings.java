package org.townlet.telemetry.core.publish;

import java.util.Map;
import java.util.Objects;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * The publisher's own settings (SPEC §15.1, §15.2): what the read models and the frame builder need, translated once
 * from the configuration. Immutable; build with {@link #builder()} (every setting has a named default) or use
 * {@link #DEFAULTS}.
 *
 * @param diffEnabled           {@code telemetry.diff_enabled}: diffs between keyframes (default
 *                              {@value #DEFAULT_DIFF_ENABLED})
 * @param keyframeIntervalTicks {@code telemetry.keyframe_interval_ticks}: a periodic keyframe every this many ticks,
 *                              {@code >= 0}; 0 = forced keyframes only (default {@value #DEFAULT_KEYFRAME_INTERVAL_TICKS})
 * @param configId              {@code config_id}: the default {@code policy_identity.config_id} (default
 *                              {@value #DEFAULT_CONFIG_ID}); not blank
 * @param failOnIngestError     {@code telemetry.fail_on_ingest_error}: rethrow the first ingestion error of an event
 *                              (default {@value #DEFAULT_FAIL_ON_INGEST_ERROR})
 * @param economySettings       the configured {@code economy} settings, the start value of
 *                              {@code latestEconomySettings()} (default {@code {}}); an immutable copy
 * @param authEnabled           {@code console_auth.enabled}, reported as {@code auth_enabled} (default
 *                              {@value #DEFAULT_AUTH_ENABLED})
 */
public record PublisherSettings(
        boolean diffEnabled,
        long keyframeIntervalTicks,
        String configId,
        boolean failOnIngestError,
        Map<String, Double> economySettings,
        boolean authEnabled) {

    /** Default of {@code diffEnabled}. */
    public static final boolean DEFAULT_DIFF_ENABLED = true;
    /** Default of {@code keyframeIntervalTicks}. */
    public static final long DEFAULT_KEYFRAME_INTERVAL_TICKS = 100L;
    /** Default of {@code configId}. */
    public static final String DEFAULT_CONFIG_ID = "townlet-default";
    /** Default of {@code failOnIngestError}. */
    public static final boolean DEFAULT_FAIL_ON_INGEST_ERROR = false;
    /** Default of {@code authEnabled}. */
    public static final boolean DEFAULT_AUTH_ENABLED = false;

    /** Every setting at its default. */
    public static final PublisherSettings DEFAULTS = builder().build();

    /**
     * @throws IllegalArgumentException if {@code keyframeIntervalTicks} is negative or {@code configId} is blank
     * @throws NullPointerException     if {@code configId} is {@code null}
     */
    public PublisherSettings {
        if (keyframeIntervalTicks < 0) {
            throw new IllegalArgumentException("keyframeIntervalTicks must be >= 0; got " + keyframeIntervalTicks);
        }
        Objects.requireNonNull(configId, "configId");
        if (configId.isBlank()) {
            throw new IllegalArgumentException("configId must not be blank");
        }
        economySettings = JsonMaps.copyOf(economySettings);
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
                .authEnabled(authEnabled);
    }

    /** Mutable, single-threaded builder of {@link PublisherSettings}; starts at the defaults. */
    public static final class Builder {
        private boolean diffEnabled = DEFAULT_DIFF_ENABLED;
        private long keyframeIntervalTicks = DEFAULT_KEYFRAME_INTERVAL_TICKS;
        private String configId = DEFAULT_CONFIG_ID;
        private boolean failOnIngestError = DEFAULT_FAIL_ON_INGEST_ERROR;
        private Map<String, Double> economySettings = Map.of();
        private boolean authEnabled = DEFAULT_AUTH_ENABLED;

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

        /**
         * The settings.
         *
         * @throws IllegalArgumentException if a value is out of range (see the record's constructor)
         */
        public PublisherSettings build() {
            return new PublisherSettings(diffEnabled, keyframeIntervalTicks, configId, failOnIngestError,
                    economySettings, authEnabled);
        }
    }
}

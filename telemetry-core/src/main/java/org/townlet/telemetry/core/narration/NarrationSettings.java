package org.townlet.telemetry.core.narration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.townlet.telemetry.core.config.SettingChecks;
import org.townlet.telemetry.core.config.TelemetryConfigException;

/**
 * The narration rate limiter's settings: the {@code telemetry.narration} block (SPEC §7.1, §15.1). Immutable; build
 * with {@link #builder()} (every setting has a named default) or use {@link #DEFAULTS}.
 *
 * @param globalCooldownTicks   {@code global_cooldown_ticks}: ticks between two non-priority narrations, 0–10000
 *                              (default {@value #DEFAULT_GLOBAL_COOLDOWN_TICKS}); 0 disables the cooldown
 * @param categoryCooldownTicks {@code category_cooldown_ticks}: category → ticks between two non-priority narrations of
 *                              that category, each 0–10000 (default {@code {}}: categories use the global cooldown)
 * @param dedupeWindowTicks     {@code dedupe_window_ticks}: a dedupe key (or message) seen within this many ticks is
 *                              denied, 0–10000 (default {@value #DEFAULT_DEDUPE_WINDOW_TICKS})
 * @param globalWindowTicks     {@code global_window_ticks}: the width of the emission window, 1–10000 (default
 *                              {@value #DEFAULT_GLOBAL_WINDOW_TICKS})
 * @param globalWindowLimit     {@code global_window_limit}: most narrations within the window, priority ones
 *                              included, 1–1000 (default {@value #DEFAULT_GLOBAL_WINDOW_LIMIT})
 * @param priorityCategories    {@code priority_categories}: categories whose narrations are always priority (default
 *                              {@code []}); sorted and unique
 */
public record NarrationSettings(
        long globalCooldownTicks,
        Map<String, Long> categoryCooldownTicks,
        long dedupeWindowTicks,
        long globalWindowTicks,
        long globalWindowLimit,
        List<String> priorityCategories) {

    /** The configuration block these settings come from. */
    public static final String KEY = "telemetry.narration";
    /** Default of {@code globalCooldownTicks}. */
    public static final long DEFAULT_GLOBAL_COOLDOWN_TICKS = 30L;
    /** Default of {@code dedupeWindowTicks}. */
    public static final long DEFAULT_DEDUPE_WINDOW_TICKS = 20L;
    /** Default of {@code globalWindowTicks}. */
    public static final long DEFAULT_GLOBAL_WINDOW_TICKS = 600L;
    /** Default of {@code globalWindowLimit}. */
    public static final long DEFAULT_GLOBAL_WINDOW_LIMIT = 10L;

    /** Every setting at its default. */
    public static final NarrationSettings DEFAULTS = builder().build();

    /**
     * @throws TelemetryConfigException naming the key, e.g.
     *     {@code telemetry.narration.global_window_limit must be 1–1000; got 0}
     */
    public NarrationSettings {
        SettingChecks.inRange(KEY + ".global_cooldown_ticks", globalCooldownTicks, 0, 10_000);
        SettingChecks.inRange(KEY + ".dedupe_window_ticks", dedupeWindowTicks, 0, 10_000);
        SettingChecks.inRange(KEY + ".global_window_ticks", globalWindowTicks, 1, 10_000);
        SettingChecks.inRange(KEY + ".global_window_limit", globalWindowLimit, 1, 1_000);
        TreeMap<String, Long> cooldowns = new TreeMap<>();
        if (categoryCooldownTicks != null) {
            for (Map.Entry<String, Long> entry : categoryCooldownTicks.entrySet()) {
                String category = entry.getKey();
                if (category == null || category.isBlank()) {
                    throw TelemetryConfigException.setting(KEY + ".category_cooldown_ticks",
                            "must name non-blank categories");
                }
                String key = KEY + ".category_cooldown_ticks." + category;
                if (entry.getValue() == null) {
                    throw TelemetryConfigException.setting(key, "must be 0–10000; got null");
                }
                cooldowns.put(category, SettingChecks.inRange(key, entry.getValue(), 0, 10_000));
            }
        }
        categoryCooldownTicks = Collections.unmodifiableMap(new LinkedHashMap<>(cooldowns));
        TreeSet<String> priority = new TreeSet<>();
        if (priorityCategories != null) {
            for (String category : priorityCategories) {
                if (category == null || category.isBlank()) {
                    throw TelemetryConfigException.setting(KEY + ".priority_categories",
                            "must list non-blank category names");
                }
                priority.add(category.trim());
            }
        }
        priorityCategories = List.copyOf(priority);
    }

    /** A builder at the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder()
                .globalCooldownTicks(globalCooldownTicks)
                .categoryCooldownTicks(categoryCooldownTicks)
                .dedupeWindowTicks(dedupeWindowTicks)
                .globalWindowTicks(globalWindowTicks)
                .globalWindowLimit(globalWindowLimit)
                .priorityCategories(priorityCategories);
    }

    /** Mutable, single-threaded builder of {@link NarrationSettings}; starts at the defaults. */
    public static final class Builder {
        private long globalCooldownTicks = DEFAULT_GLOBAL_COOLDOWN_TICKS;
        private Map<String, Long> categoryCooldownTicks = Map.of();
        private long dedupeWindowTicks = DEFAULT_DEDUPE_WINDOW_TICKS;
        private long globalWindowTicks = DEFAULT_GLOBAL_WINDOW_TICKS;
        private long globalWindowLimit = DEFAULT_GLOBAL_WINDOW_LIMIT;
        private List<String> priorityCategories = List.of();

        private Builder() {
        }

        public Builder globalCooldownTicks(long globalCooldownTicks) {
            this.globalCooldownTicks = globalCooldownTicks;
            return this;
        }

        public Builder categoryCooldownTicks(Map<String, Long> categoryCooldownTicks) {
            this.categoryCooldownTicks = Objects.requireNonNull(categoryCooldownTicks, "categoryCooldownTicks");
            return this;
        }

        /** Adds (or replaces) the cooldown of one category. */
        public Builder categoryCooldownTicks(String category, long ticks) {
            LinkedHashMap<String, Long> copy = new LinkedHashMap<>(categoryCooldownTicks);
            copy.put(Objects.requireNonNull(category, "category"), ticks);
            this.categoryCooldownTicks = copy;
            return this;
        }

        public Builder dedupeWindowTicks(long dedupeWindowTicks) {
            this.dedupeWindowTicks = dedupeWindowTicks;
            return this;
        }

        public Builder globalWindowTicks(long globalWindowTicks) {
            this.globalWindowTicks = globalWindowTicks;
            return this;
        }

        public Builder globalWindowLimit(long globalWindowLimit) {
            this.globalWindowLimit = globalWindowLimit;
            return this;
        }

        public Builder priorityCategories(List<String> priorityCategories) {
            this.priorityCategories = Objects.requireNonNull(priorityCategories, "priorityCategories");
            return this;
        }

        /**
         * The settings.
         *
         * @throws TelemetryConfigException if a value is out of range (see the record's constructor)
         */
        public NarrationSettings build() {
            return new NarrationSettings(globalCooldownTicks, categoryCooldownTicks, dedupeWindowTicks,
                    globalWindowTicks, globalWindowLimit, priorityCategories);
        }
    }
}

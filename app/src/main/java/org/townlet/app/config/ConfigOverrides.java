package org.townlet.app.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.townlet.app.config.ConfigNode.MapNode;
import org.townlet.app.config.ConfigNode.ScalarNode;

/**
 * Values given by command-line flags. They replace the file's values before binding, carrying the flag as their
 * {@link Origin}, so they are checked by the same rules and errors name the flag. Immutable.
 */
public final class ConfigOverrides {
    /**
     * The endpoint {@code --transport tcp} streams to when neither the file nor {@code --endpoint} names one: where
     * {@code townlet listen} listens by default, so the two commands work together without options.
     */
    public static final String DEFAULT_TCP_ENDPOINT = "127.0.0.1:8765";

    /** No flags. */
    public static final ConfigOverrides NONE = new ConfigOverrides(List.of(), null);

    private static final String BACKPRESSURE = "telemetry.worker.backpressure";
    private static final String BLOCK_TIMEOUT = "telemetry.worker.block_timeout_seconds";

    private record Override(String flag, String path, Object value) {
    }

    private final List<Override> overrides;
    /** The {@code --tick-rate} of a {@code townlet run}; {@code null} for other commands. */
    private final Double runTickRate;

    private ConfigOverrides(List<Override> overrides, Double runTickRate) {
        this.overrides = List.copyOf(overrides);
        this.runTickRate = runTickRate;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Applies the flags to {@code root}. When neither the file nor a flag names {@code telemetry.transport.type}, a
     * flag that only one transport takes selects it: {@code --endpoint} tcp, {@code --file} file. When the
     * {@code --transport tcp} flag names tcp and nothing names an endpoint, {@link #DEFAULT_TCP_ENDPOINT} is used (a
     * configuration file that selects tcp must still name its endpoint). For a {@code townlet run}
     * ({@link Builder#run}), when neither the file nor a flag names {@code telemetry.worker.backpressure}, the run's
     * pacing decides it, and {@code block_timeout_seconds} unless that is named ({@link WorkerConfig#runDefault}).
     */
    public MapNode applyTo(MapNode root) {
        MapNode result = root;
        for (Override o : overrides) {
            Origin origin = Origin.flag(o.flag(), o.path());
            result = result.with(List.of(o.path().split("\\.")), new ScalarNode(origin, o.value()), origin);
        }
        if (find(result, "telemetry.transport.type") == null) {
            for (Override o : overrides) {
                String inferred = switch (o.path()) {
                    case "telemetry.transport.endpoint" -> "tcp";
                    case "telemetry.transport.file_path" -> "file";
                    default -> null;
                };
                if (inferred != null) {
                    Origin origin = Origin.flag(o.flag(), "telemetry.transport.type");
                    result = result.with(List.of("telemetry", "transport", "type"), new ScalarNode(origin, inferred),
                            origin);
                    break;
                }
            }
        }
        if (sets("telemetry.transport.type") && find(result, "telemetry.transport.endpoint") == null
                && find(result, "telemetry.transport.type") instanceof ScalarNode type && "tcp".equals(type.value())) {
            Origin origin = Origin.flag("--transport", "telemetry.transport.endpoint");
            result = result.with(List.of("telemetry", "transport", "endpoint"),
                    new ScalarNode(origin, DEFAULT_TCP_ENDPOINT), origin);
        }
        if (runTickRate != null && find(result, BACKPRESSURE) == null && mapOrAbsent(result, "telemetry")
                && mapOrAbsent(result, "telemetry.worker")) {
            WorkerConfig.RunDefault runDefault = WorkerConfig.runDefault(runTickRate);
            result = withDefault(result, "--tick-rate", BACKPRESSURE, runDefault.backpressure().configName());
            if (find(result, BLOCK_TIMEOUT) == null) {
                result = withDefault(result, "--tick-rate", BLOCK_TIMEOUT, runDefault.blockTimeoutSeconds());
            }
        }
        return result;
    }

    private static MapNode withDefault(MapNode root, String flag, String path, Object value) {
        Origin origin = Origin.flag(flag, path);
        return root.with(List.of(path.split("\\.")), new ScalarNode(origin, value), origin);
    }

    /** Whether a default may go under {@code path}: absent, or a map (anything else is the binder's error to report). */
    private static boolean mapOrAbsent(MapNode root, String path) {
        ConfigNode node = find(root, path);
        return node == null || node instanceof MapNode;
    }

    private static ConfigNode find(MapNode root, String path) {
        ConfigNode node = ConfigNode.find(root, path);
        return node instanceof ScalarNode scalar && scalar.value() == null ? null : node;
    }

    /** Whether a flag sets {@code path}. */
    public boolean sets(String path) {
        return overrides.stream().anyMatch(o -> o.path().equals(path));
    }

    /** Collects flags in the order given; a later flag for the same path wins. */
    public static final class Builder {
        private final List<Override> overrides = new ArrayList<>();
        private Double runTickRate;

        private Builder() {
        }

        /**
         * Sets {@code path} to {@code value} (a {@code String}, {@code Boolean}, {@code Long}, {@code Integer} or
         * {@code Double}) when {@code value} is not {@code null}.
         */
        public Builder set(String flag, String path, Object value) {
            Objects.requireNonNull(flag, "flag");
            Objects.requireNonNull(path, "path");
            if (value != null) {
                overrides.add(new Override(flag, path, value));
            }
            return this;
        }

        /**
         * Marks these as the flags of a {@code townlet run} paced at {@code tickRate} ticks per second (0 = unpaced),
         * whose pacing decides the backpressure when nothing names one ({@link WorkerConfig#runDefault}).
         */
        public Builder run(double tickRate) {
            this.runTickRate = tickRate;
            return this;
        }

        public ConfigOverrides build() {
            return new ConfigOverrides(overrides, runTickRate);
        }
    }
}

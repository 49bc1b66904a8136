package org.townlet.telemetry.core.console;

import java.nio.file.Path;
import java.util.Optional;
import org.townlet.telemetry.core.config.SettingChecks;
import org.townlet.telemetry.core.config.TelemetryConfigException;

/**
 * The console's settings: the {@code telemetry.console} block (SPEC §8.2, §15.1). Immutable; build with
 * {@link #builder()} or use {@link #DEFAULTS} (audit off).
 *
 * @param auditPath          {@code audit_path}: the JSON-lines file console results are appended to, already resolved
 *                           against the configuration file's directory by the loader; {@code null} (the default) turns
 *                           the audit off
 * @param auditQueueCapacity results waiting for the audit writer thread, 1–100000 (default
 *                           {@value #DEFAULT_AUDIT_QUEUE_CAPACITY}); beyond it a result is not audited, counted and
 *                           logged, and the simulation never waits
 */
public record ConsoleSettings(Path auditPath, int auditQueueCapacity) {

    /** The configuration block these settings come from. */
    public static final String KEY = "telemetry.console";
    /** Default of {@code auditQueueCapacity}. */
    public static final int DEFAULT_AUDIT_QUEUE_CAPACITY = 1024;

    /** Audit off. */
    public static final ConsoleSettings DEFAULTS = builder().build();

    /**
     * @throws TelemetryConfigException if {@code auditQueueCapacity} is out of range
     */
    public ConsoleSettings {
        SettingChecks.inRange(KEY + ".audit_queue_capacity", auditQueueCapacity, 1, 100_000);
    }

    /** The audit file, when the audit is on. */
    public Optional<Path> audit() {
        return Optional.ofNullable(auditPath);
    }

    /** A builder at the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder().auditPath(auditPath).auditQueueCapacity(auditQueueCapacity);
    }

    /** Mutable, single-threaded builder of {@link ConsoleSettings}; starts at the defaults. */
    public static final class Builder {
        private Path auditPath;
        private int auditQueueCapacity = DEFAULT_AUDIT_QUEUE_CAPACITY;

        private Builder() {
        }

        /** The audit file; {@code null} turns the audit off. */
        public Builder auditPath(Path auditPath) {
            this.auditPath = auditPath;
            return this;
        }

        public Builder auditQueueCapacity(int auditQueueCapacity) {
            this.auditQueueCapacity = auditQueueCapacity;
            return this;
        }

        public ConsoleSettings build() {
            return new ConsoleSettings(auditPath, auditQueueCapacity);
        }
    }
}

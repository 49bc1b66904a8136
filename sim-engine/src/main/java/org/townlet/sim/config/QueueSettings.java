package org.townlet.sim.config;

/**
 * The {@code queues} block (SPEC §17.2, §17.7): the fairness rules of the object queues. Immutable.
 *
 * <p>YAML binding: each key is the snake_case form of a component ({@code ghost_step_ticks} ↔
 * {@link #ghostStepTicks()}); bind through the canonical constructor or {@link #builder()}. Messages name the key
 * ({@code queues.patience_ticks must be 1–100000; got 0}).
 *
 * @param cooldownTicks  rejoining a queue within this many ticks of using its object is refused, 0–100000
 *                       ({@value #DEFAULT_COOLDOWN_TICKS})
 * @param ghostStepTicks a head holding the reservation but absent this long is skipped, 1–100000
 *                       ({@value #DEFAULT_GHOST_STEP_TICKS})
 * @param patienceTicks  an agent waiting longer than this behind the head leaves with a conflict, 1–100000
 *                       ({@value #DEFAULT_PATIENCE_TICKS})
 */
public record QueueSettings(long cooldownTicks, long ghostStepTicks, long patienceTicks) {
    public static final long DEFAULT_COOLDOWN_TICKS = 30;
    public static final long DEFAULT_GHOST_STEP_TICKS = 5;
    public static final long DEFAULT_PATIENCE_TICKS = 90;
    static final long MAX_TICKS = 100_000;

    /** Every key at its default. */
    public static final QueueSettings DEFAULTS = new QueueSettings(DEFAULT_COOLDOWN_TICKS, DEFAULT_GHOST_STEP_TICKS,
            DEFAULT_PATIENCE_TICKS);

    /** @throws IllegalArgumentException naming the key, the range and the value */
    public QueueSettings {
        Check.range("queues.cooldown_ticks", cooldownTicks, 0, MAX_TICKS);
        Check.range("queues.ghost_step_ticks", ghostStepTicks, 1, MAX_TICKS);
        Check.range("queues.patience_ticks", patienceTicks, 1, MAX_TICKS);
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable, single-threaded builder; {@link #build()} validates. */
    public static final class Builder {
        private long cooldownTicks;
        private long ghostStepTicks;
        private long patienceTicks;

        private Builder(QueueSettings from) {
            cooldownTicks = from.cooldownTicks;
            ghostStepTicks = from.ghostStepTicks;
            patienceTicks = from.patienceTicks;
        }

        public Builder cooldownTicks(long value) {
            cooldownTicks = value;
            return this;
        }

        public Builder ghostStepTicks(long value) {
            ghostStepTicks = value;
            return this;
        }

        public Builder patienceTicks(long value) {
            patienceTicks = value;
            return this;
        }

        public QueueSettings build() {
            return new QueueSettings(cooldownTicks, ghostStepTicks, patienceTicks);
        }
    }
}

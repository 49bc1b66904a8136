package org.townlet.sim.config;

/**
 * The {@code employment} block (SPEC §17.4, §17.7): shifts, lateness and the employment exit queue. An agent whose
 * {@code lateness_counter} reaches {@code lateness_exit_threshold} (or with three absent shifts in seven days) joins
 * the exit queue, which holds at most {@code queue_limit} agents; entries older than {@code review_window} ticks are
 * approved automatically, at most {@code daily_exit_cap} exits happen per day, and a replacement arrives
 * {@code replacement_delay_ticks} after an exit. A shift longer than the day is clipped to the day. Immutable.
 *
 * <p>YAML binding: each key is the snake_case form of a component ({@code daily_exit_cap} ↔
 * {@link #dailyExitCap()}); bind through the canonical constructor or {@link #builder()}. Messages name the key
 * ({@code employment.queue_limit must be 0–100000; got -1}).
 *
 * @param dailyExitCap          most exits per simulated day, 0–1000 ({@value #DEFAULT_DAILY_EXIT_CAP})
 * @param queueLimit            most agents pending in the exit queue, 0–100000 ({@value #DEFAULT_QUEUE_LIMIT})
 * @param reviewWindow          ticks after which a pending exit is approved automatically, 1–100000000
 *                              ({@value #DEFAULT_REVIEW_WINDOW})
 * @param shiftLengthTicks      length of a shift, 1–1000000 ({@value #DEFAULT_SHIFT_LENGTH_TICKS})
 * @param latenessExitThreshold lateness count that puts an agent in the exit queue, 1–1000
 *                              ({@value #DEFAULT_LATENESS_EXIT_THRESHOLD})
 * @param replacementDelayTicks ticks from an exit to the arrival of the replacement, 0–1000000
 *                              ({@value #DEFAULT_REPLACEMENT_DELAY_TICKS})
 */
public record EmploymentSettings(long dailyExitCap, long queueLimit, long reviewWindow, long shiftLengthTicks,
        long latenessExitThreshold, long replacementDelayTicks) {
    public static final long DEFAULT_DAILY_EXIT_CAP = 2;
    public static final long DEFAULT_QUEUE_LIMIT = 8;
    public static final long DEFAULT_REVIEW_WINDOW = 1440;
    public static final long DEFAULT_SHIFT_LENGTH_TICKS = 480;
    public static final long DEFAULT_LATENESS_EXIT_THRESHOLD = 5;
    public static final long DEFAULT_REPLACEMENT_DELAY_TICKS = 60;

    /** Every key at its default. */
    public static final EmploymentSettings DEFAULTS = new EmploymentSettings(DEFAULT_DAILY_EXIT_CAP,
            DEFAULT_QUEUE_LIMIT, DEFAULT_REVIEW_WINDOW, DEFAULT_SHIFT_LENGTH_TICKS, DEFAULT_LATENESS_EXIT_THRESHOLD,
            DEFAULT_REPLACEMENT_DELAY_TICKS);

    /** @throws IllegalArgumentException naming the key, the range and the value */
    public EmploymentSettings {
        Check.range("employment.daily_exit_cap", dailyExitCap, 0, 1000);
        Check.range("employment.queue_limit", queueLimit, 0, 100_000);
        Check.range("employment.review_window", reviewWindow, 1, 100_000_000);
        Check.range("employment.shift_length_ticks", shiftLengthTicks, 1, 1_000_000);
        Check.range("employment.lateness_exit_threshold", latenessExitThreshold, 1, 1000);
        Check.range("employment.replacement_delay_ticks", replacementDelayTicks, 0, 1_000_000);
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
        private long dailyExitCap;
        private long queueLimit;
        private long reviewWindow;
        private long shiftLengthTicks;
        private long latenessExitThreshold;
        private long replacementDelayTicks;

        private Builder(EmploymentSettings from) {
            dailyExitCap = from.dailyExitCap;
            queueLimit = from.queueLimit;
            reviewWindow = from.reviewWindow;
            shiftLengthTicks = from.shiftLengthTicks;
            latenessExitThreshold = from.latenessExitThreshold;
            replacementDelayTicks = from.replacementDelayTicks;
        }

        public Builder dailyExitCap(long value) {
            dailyExitCap = value;
            return this;
        }

        public Builder queueLimit(long value) {
            queueLimit = value;
            return this;
        }

        public Builder reviewWindow(long value) {
            reviewWindow = value;
            return this;
        }

        public Builder shiftLengthTicks(long value) {
            shiftLengthTicks = value;
            return this;
        }

        public Builder latenessExitThreshold(long value) {
            latenessExitThreshold = value;
            return this;
        }

        public Builder replacementDelayTicks(long value) {
            replacementDelayTicks = value;
            return this;
        }

        public EmploymentSettings build() {
            return new EmploymentSettings(dailyExitCap, queueLimit, reviewWindow, shiftLengthTicks,
                    latenessExitThreshold, replacementDelayTicks);
        }
    }
}

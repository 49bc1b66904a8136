package org.townlet.sim.config;

/**
 * The {@code rewards} block (SPEC §17.6, §17.7): each agent's per-tick reward {@code total} is the sum of its
 * components clipped to ±{@code clip}. Immutable.
 *
 * <p>YAML binding: {@code clip} ↔ {@link #clip()}; bind through the canonical constructor. Messages name the key
 * ({@code rewards.clip must be 0.001–1000; got 0.0}).
 *
 * @param clip the bound of {@code total}, 0.001–1000 ({@value #DEFAULT_CLIP})
 */
public record RewardSettings(double clip) {
    public static final double DEFAULT_CLIP = 1.0;

    /** Every key at its default. */
    public static final RewardSettings DEFAULTS = new RewardSettings(DEFAULT_CLIP);

    /** @throws IllegalArgumentException naming the key, the range and the value */
    public RewardSettings {
        Check.range("rewards.clip", clip, 0.001, 1000.0);
    }
}

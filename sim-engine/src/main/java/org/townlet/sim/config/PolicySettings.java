package org.townlet.sim.config;

/**
 * The {@code policy} block (SPEC §17.6, §17.7): the scripted policy commits to a chosen option for
 * {@code option_commit_ticks} ticks. The value is part of the policy's canonical parameters, so it changes the
 * {@code policy_hash}. Immutable.
 *
 * <p>YAML binding: {@code option_commit_ticks} ↔ {@link #optionCommitTicks()}; bind through the canonical
 * constructor. Messages name the key ({@code policy.option_commit_ticks must be 1–100000; got 0}).
 *
 * @param optionCommitTicks ticks an option is kept once chosen, 1–100000 ({@value #DEFAULT_OPTION_COMMIT_TICKS})
 */
public record PolicySettings(long optionCommitTicks) {
    public static final long DEFAULT_OPTION_COMMIT_TICKS = 15;

    /** Every key at its default. */
    public static final PolicySettings DEFAULTS = new PolicySettings(DEFAULT_OPTION_COMMIT_TICKS);

    /** @throws IllegalArgumentException naming the key, the range and the value */
    public PolicySettings {
        Check.range("policy.option_commit_ticks", optionCommitTicks, 1, 100_000);
    }
}

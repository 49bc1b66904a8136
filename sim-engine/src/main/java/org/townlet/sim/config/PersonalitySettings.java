package org.townlet.sim.config;

/**
 * The {@code personality} block (SPEC §17.2, §17.7). When disabled, every agent behaves as the {@code balanced}
 * profile with neutral traits and the world view's {@code personalities} is {@code {}}. Immutable.
 *
 * <p>YAML binding: {@code enabled} ↔ {@link #enabled()}; bind through the canonical constructor.
 *
 * @param enabled whether agents get seeded profiles and traits ({@value #DEFAULT_ENABLED})
 */
public record PersonalitySettings(boolean enabled) {
    public static final boolean DEFAULT_ENABLED = true;

    /** Every key at its default. */
    public static final PersonalitySettings DEFAULTS = new PersonalitySettings(DEFAULT_ENABLED);
}

package org.townlet.sim.config;

import java.util.List;
import java.util.Objects;

/**
 * The {@code story} block (SPEC §17.7): scripted beats at fixed ticks (see {@link StoryBeat} for the actions). Beats
 * are configuration, so a run with beats is as deterministic as one without. Immutable.
 *
 * <p>YAML binding: {@code beats} ↔ {@link #beats()}, a list of {@link StoryBeat}; bind through the canonical
 * constructor. Messages name the beat by index ({@code story.beats[2].agent is required for action chat}).
 *
 * @param beats the beats, in any order; beats of one tick run in list order ({@code []})
 */
public record StorySettings(List<StoryBeat> beats) {
    /** No beats. */
    public static final StorySettings DEFAULTS = new StorySettings(List.of());

    /** @throws IllegalArgumentException naming the beat, the key and the problem */
    public StorySettings {
        beats = beats == null ? List.of() : List.copyOf(beats);
        for (int i = 0; i < beats.size(); i++) {
            Objects.requireNonNull(beats.get(i), "story.beats[" + i + "]").validate("story.beats[" + i + "]");
        }
    }

    /** A story of these beats. */
    public static StorySettings of(StoryBeat... beats) {
        return new StorySettings(List.of(beats));
    }
}

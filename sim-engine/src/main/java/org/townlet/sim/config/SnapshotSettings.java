package org.townlet.sim.config;

import java.util.Objects;

/**
 * The {@code snapshot} block (SPEC §15.2, §18): whether a failed step writes a failure snapshot, and under which
 * directory ({@code <root>/failures/tick_<tick:09d>_<yyyyMMdd'T'HHmmss>/snapshot.json}). Immutable.
 *
 * <p>YAML binding: {@code capture_on_failure} ↔ {@link #captureOnFailure()}, {@code root} ↔ {@link #root()}; bind
 * through the canonical constructor. Messages name the key ({@code snapshot.root must not be blank}).
 *
 * @param captureOnFailure write a snapshot when a step fails ({@value #DEFAULT_CAPTURE_ON_FAILURE})
 * @param root             directory of snapshots, non-blank, relative to the working directory
 *                         ({@value #DEFAULT_ROOT})
 */
public record SnapshotSettings(boolean captureOnFailure, String root) {
    public static final boolean DEFAULT_CAPTURE_ON_FAILURE = false;
    public static final String DEFAULT_ROOT = "snapshots";

    /** Every key at its default. */
    public static final SnapshotSettings DEFAULTS = new SnapshotSettings(DEFAULT_CAPTURE_ON_FAILURE, DEFAULT_ROOT);

    /** @throws IllegalArgumentException naming the key when {@code root} is blank */
    public SnapshotSettings {
        Objects.requireNonNull(root, "root");
        Check.nonBlank("snapshot.root", root);
    }
}

package org.townlet.sim.world;

/**
 * A SplitMix64 random stream with the algorithm of {@link java.util.SplittableRandom} (same mixing functions, same
 * {@code split()}), whose state, unlike {@code SplittableRandom}'s, can be read and restored, so a simulation
 * snapshot can carry its random streams (SPEC §17.9). One instance per subsystem, split from the root seed in a fixed
 * order (SPEC §17.1). Not thread-safe: the simulation thread owns it.
 */
final class SeededRandom {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long seed;
    private long gamma;

    /** A root stream from a seed. */
    SeededRandom(long seed) {
        this(seed, GOLDEN_GAMMA);
    }

    /** A stream with an exact state, e.g. read back from a snapshot; {@code gamma} must be odd. */
    SeededRandom(long seed, long gamma) {
        if ((gamma & 1L) == 0) {
            throw new IllegalArgumentException("gamma must be odd, was " + gamma);
        }
        this.seed = seed;
        this.gamma = gamma;
    }

    /** A new, independent stream; advances this one. */
    SeededRandom split() {
        return new SeededRandom(nextLong(), mixGamma(nextSeed()));
    }

    long nextLong() {
        return mix64(nextSeed());
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** Uniform in [origin, bound). */
    double nextDouble(double origin, double bound) {
        return origin + nextDouble() * (bound - origin);
    }

    /** Uniform in [0, bound); {@code bound > 0}. */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        int r = mix32(nextSeed());
        int m = bound - 1;
        if ((bound & m) == 0) {
            return r & m;
        }
        for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = mix32(nextSeed()) >>> 1) {
            // rejection keeps the result unbiased
        }
        return r;
    }

    /** The current seed, for snapshots. */
    long seed() {
        return seed;
    }

    /** The gamma (increment), for snapshots. */
    long gamma() {
        return gamma;
    }

    /** Puts the stream back into a state read by {@link #seed()} and {@link #gamma()}. */
    void restore(long seed, long gamma) {
        if ((gamma & 1L) == 0) {
            throw new IllegalArgumentException("gamma must be odd, was " + gamma);
        }
        this.seed = seed;
        this.gamma = gamma;
    }

    private long nextSeed() {
        return seed += gamma;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    private static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L;
        int n = Long.bitCount(z ^ (z >>> 1));
        return (n < 24) ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }
}

package org.townlet.app.bench;

/**
 * The knobs of one {@code townlet bench}.
 *
 * @param agents    agents in the town
 * @param ticks     ticks per round
 * @param warmup    ticks of the warm-up rounds (one on, one off)
 * @param repeat    interleaved on/off round pairs
 * @param transport the "on" transport: {@code file}, {@code tcp-loopback} or {@code stdout}
 */
record BenchSettings(long agents, long ticks, long warmup, int repeat, String transport) {
    BenchSettings {
        if (agents < 1) {
            throw new IllegalArgumentException("--agents: must be >= 1; got " + agents);
        }
        if (ticks < 1) {
            throw new IllegalArgumentException("--ticks: must be >= 1; got " + ticks);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup: must be >= 0; got " + warmup);
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat: must be >= 1; got " + repeat);
        }
        if (!transport.equals("file") && !transport.equals("tcp-loopback") && !transport.equals("stdout")) {
            throw new IllegalArgumentException("--transport: unknown transport '" + transport
                    + "'; allowed: file, tcp-loopback, stdout");
        }
    }
}

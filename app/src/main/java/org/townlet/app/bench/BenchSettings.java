package org.townlet.app.bench;

/**
 * The knobs of one {@code townlet bench}.
 *
 * @param agents    agents in the town
 * @param ticks     ticks per round
 * @param warmup    ticks of each warm-up round (one on, one off, one paced per cycle); the command's default is
 *                  {@code ticks}: a shorter warm-up leaves the later ticks of the measured rounds to be compiled while
 *                  they are measured
 * @param warmupSeconds warm-up cycles repeat until this long has passed (at least one cycle), so that the JIT has
 *                  settled before anything is measured
 * @param repeat    interleaved on/off round pairs
 * @param transport the "on" transport: {@code file}, {@code tcp-loopback} or {@code stdout}
 */
record BenchSettings(long agents, long ticks, long warmup, double warmupSeconds, int repeat, String transport) {
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
        if (!(warmupSeconds >= 0 && warmupSeconds <= 3600)) {
            throw new IllegalArgumentException("--warmup-seconds: must be 0–3600; got " + warmupSeconds);
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

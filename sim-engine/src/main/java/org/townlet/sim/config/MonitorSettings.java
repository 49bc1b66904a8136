package org.townlet.sim.config;

/**
 * The {@code monitor} block (SPEC §15.2), read by the simulation loop: the rolling window of the health monitor's
 * averages and how often the loop logs its {@code tick_health} line. Immutable.
 *
 * <p>YAML binding: each key is the snake_case form of a component ({@code health_log_every_ticks} ↔
 * {@link #healthLogEveryTicks()}); bind through the canonical constructor. Messages name the key
 * ({@code monitor.window must be 1–100000; got 0}).
 *
 * @param window              ticks in the rolling means, 1–100000 ({@value #DEFAULT_WINDOW})
 * @param healthLogEveryTicks ticks between {@code tick_health} log lines, 1–1000000
 *                            ({@value #DEFAULT_HEALTH_LOG_EVERY_TICKS}; 1 logs every tick)
 */
public record MonitorSettings(long window, long healthLogEveryTicks) {
    public static final long DEFAULT_WINDOW = 100;
    public static final long DEFAULT_HEALTH_LOG_EVERY_TICKS = 100;

    /** Every key at its default. */
    public static final MonitorSettings DEFAULTS = new MonitorSettings(DEFAULT_WINDOW,
            DEFAULT_HEALTH_LOG_EVERY_TICKS);

    /** @throws IllegalArgumentException naming the key, the range and the value */
    public MonitorSettings {
        Check.range("monitor.window", window, 1, 100_000);
        Check.range("monitor.health_log_every_ticks", healthLogEveryTicks, 1, 1_000_000);
    }
}

/**
 * The simulation loop and what it reports besides the world: {@link org.townlet.sim.SimulationConfig} (every config
 * block of SPEC §17.7 and the scenario presets), {@link org.townlet.sim.SimulationLoop} (SPEC §18, the per-tick call
 * sequence into the telemetry sink, and simulation snapshots, §17.9), the console router (§8.3, §17.8), the health
 * monitor and the stability monitor, and a small JSON writer, reader and record binder of its own (the simulation may
 * not use Jackson). Depends only on {@code java.*} and the telemetry api.
 */
package org.townlet.sim;

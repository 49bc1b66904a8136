/**
 * The simulation loop and what it reports besides the world: {@link org.townlet.sim.SimulationConfig} (the
 * {@code simulation} config block), {@link org.townlet.sim.SimulationLoop} (SPEC §18, the per-tick call sequence
 * into the telemetry sink), the console router, the health monitor and the stability monitor. Depends only on
 * {@code java.*} and the telemetry api.
 */
package org.townlet.sim;

/**
 * The town (SPEC §17): {@link org.townlet.sim.world.Town} owns agents, objects, queues, jobs and the exit queue, the
 * economy, utilities and perturbations, relationships, the scripted policy and story beats; it advances them one tick
 * at a time, deterministically from a seed, hands out immutable views
 * ({@link org.townlet.telemetry.api.event.WorldView}, {@link org.townlet.sim.world.Rewards}, …) that reuse whatever did not change, and exports and imports its whole
 * state for simulation snapshots. Everything else in this package is mutable state private to the town.
 */
package org.townlet.sim.world;

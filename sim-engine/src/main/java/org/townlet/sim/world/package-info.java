/**
 * The town (SPEC §17): {@link org.townlet.sim.world.Town} owns agents, objects, queues, jobs, the economy,
 * utilities and relationships, advances them one tick at a time, deterministically from a seed, and hands out
 * immutable views ({@link org.townlet.telemetry.api.event.WorldView}, {@link org.townlet.sim.world.Rewards}, …).
 * Everything else in this package is mutable state private to the town.
 */
package org.townlet.sim.world;

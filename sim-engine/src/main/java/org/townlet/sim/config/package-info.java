/**
 * The configuration blocks of the town (SPEC §17.7), one immutable record per YAML block: {@code simulation}
 * ({@link org.townlet.sim.config.SimulationSettings}), {@code needs}, {@code queues}, {@code economy},
 * {@code utilities}, {@code employment}, {@code relationships}, {@code personality}, {@code rewards},
 * {@code stability}, {@code perturbations}, {@code policy}, {@code story}, and from SPEC §15.2 {@code monitor} and
 * {@code snapshot}. Every record has named defaults ({@code DEFAULT_*} constants and a {@code DEFAULTS} instance),
 * documented ranges, and validates in its compact constructor with a message naming the key:
 * {@code needs.hunger_decay must be 0–1; got 2.0}.
 *
 * <p>Binding: a YAML key is the snake_case form of the record component ({@code hunger_decay} ↔ {@code hungerDecay});
 * the canonical constructors are public. {@link org.townlet.sim.SimulationConfig} composes the blocks and applies a
 * scenario preset. Depends only on {@code java.*}.
 */
package org.townlet.sim.config;

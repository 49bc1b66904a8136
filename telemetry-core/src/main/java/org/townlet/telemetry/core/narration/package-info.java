/**
 * Narration (SPEC §7): the rate limiter with its exact arithmetic, the manual narration queue, the generated
 * narrations of each tick, and their settings ({@code telemetry.narration}, {@code telemetry.relationship_narration},
 * {@code telemetry.personality_narration}).
 */
package org.townlet.telemetry.core.narration;

/**
 * The reference stream consumer (SPEC §9.6): reads NDJSON telemetry lines, applies snapshots and diffs to a state,
 * and counts everything that is lost, repeated or malformed. Used by {@code townlet listen} and by tests that replay
 * frames.
 *
 * <p>Start with {@link org.townlet.telemetry.core.consume.StreamConsumer#builder()}; feed it lines with
 * {@link org.townlet.telemetry.core.consume.StreamConsumer#accept(byte[])} (or read a byte stream with
 * {@link org.townlet.telemetry.core.consume.LineReader}, which skips oversize lines without buffering them whole), and
 * read {@link org.townlet.telemetry.core.consume.StreamConsumer#state()},
 * {@link org.townlet.telemetry.core.consume.StreamConsumer#stale()} and the immutable
 * {@link org.townlet.telemetry.core.consume.ConsumerCounters}.
 */
package org.townlet.telemetry.core.consume;

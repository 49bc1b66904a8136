package org.townlet.telemetry.api.transport;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.townlet.telemetry.api.status.TransportStatus;

/**
 * What the pipeline hands a factory when it creates a transport (SPEC §12.1). Immutable.
 *
 * @param clock      the clock to read wall time from (injected, so tests run on virtual time)
 * @param random     a seeded generator, for reconnect jitter; used only under the send lock
 * @param status     the pipeline's current status, e.g. for a transport that renders it
 * @param loggerName the {@link System.Logger} name the transport should log under
 * @param callbacks  where the transport reports acknowledgements and failures found off the worker thread
 */
public record TransportContext(Clock clock, RandomGenerator random, Supplier<TransportStatus> status,
                               String loggerName, TransportCallbacks callbacks) {
    /** Validates that nothing is missing. */
    public TransportContext {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(loggerName, "loggerName");
        Objects.requireNonNull(callbacks, "callbacks");
    }
}

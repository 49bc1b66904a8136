package org.townlet.telemetry.testing;

import java.time.Clock;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.api.transport.TransportCallbacks;
import org.townlet.telemetry.api.transport.TransportContext;

/**
 * Ready-made {@link TransportContext}s for transport tests: a manual clock, a random generator seeded with
 * {@link #SEED}, the logger name {@link #LOGGER_NAME} and a status supplier returning {@link #STATUS}.
 */
public final class TestTransportContexts {
    /** The seed of the context's random generator. */
    public static final long SEED = 42L;
    /** The logger name of the context. */
    public static final String LOGGER_NAME = "org.townlet.telemetry.test.transport";
    /** What the context's status supplier returns: {@code initial("test", "drop_oldest")}. */
    public static final TransportStatus STATUS = TransportStatus.initial("test", "drop_oldest");

    private TestTransportContexts() {
    }

    /** A context on a fresh {@link ManualClock}, with {@link TransportCallbacks#NONE}. */
    public static TransportContext create() {
        return create(new ManualClock(), TransportCallbacks.NONE);
    }

    /** A context on {@code clock} reporting to {@code callbacks}. */
    public static TransportContext create(Clock clock, TransportCallbacks callbacks) {
        return create(clock, () -> STATUS, callbacks);
    }

    /** A context with every part given except the random generator, which is seeded with {@link #SEED}. */
    public static TransportContext create(Clock clock, Supplier<TransportStatus> status,
                                          TransportCallbacks callbacks) {
        return new TransportContext(Objects.requireNonNull(clock, "clock"), new Random(SEED), status, LOGGER_NAME,
                callbacks);
    }
}

package org.townlet.app.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.HdrHistogram.Histogram;
import org.townlet.telemetry.api.TelemetrySink;

/**
 * A timing decorator around a sink: every call made on the simulation thread (except {@code start}/{@code stop},
 * which bracket a round) is timed with {@link System#nanoTime()} and recorded into an HdrHistogram, and the total is
 * kept for {@code sink_share}. Calls from other threads (the progress of a transport, none in bench) pass through.
 *
 * <p>Threads: {@link #histogram()} and {@link #totalNanos()} are read by the simulation thread after the round.
 */
final class TimingSink implements InvocationHandler {
    private final TelemetrySink delegate;
    private final Thread simulationThread;
    private final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
    private long totalNanos;
    private boolean recording;

    private TimingSink(TelemetrySink delegate, Thread simulationThread) {
        this.delegate = delegate;
        this.simulationThread = simulationThread;
    }

    /** Wraps {@code delegate}; calls on the current thread are timed while {@link #recording(boolean)} is on. */
    static TimingSink wrap(TelemetrySink delegate) {
        return new TimingSink(delegate, Thread.currentThread());
    }

    TelemetrySink sink() {
        return (TelemetrySink) Proxy.newProxyInstance(TelemetrySink.class.getClassLoader(),
                new Class<?>[] {TelemetrySink.class}, this);
    }

    void recording(boolean on) {
        recording = on;
    }

    Histogram histogram() {
        return histogram;
    }

    long totalNanos() {
        return totalNanos;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "TimingSink[" + delegate + "]";
            };
        }
        boolean timed = recording && Thread.currentThread() == simulationThread;
        long started = timed ? System.nanoTime() : 0L;
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            if (timed) {
                long elapsed = System.nanoTime() - started;
                totalNanos += elapsed;
                histogram.recordValue(Math.max(0L, elapsed));
            }
        }
    }
}

package org.townlet.app.lifecycle;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

/**
 * The JVM shutdown hook of a command (SPEC §11.8, §19): on SIGINT or SIGTERM it asks the command to stop (a run after
 * its current tick, a listener after its current line), waits until the command reports that it has finished (its
 * sink stopped, its summary written), runs the closing action, and halts the JVM with the command's exit status. The
 * whole hook is bounded: when the command has not finished by the deadline, the closing action runs anyway with what
 * is known.
 *
 * <p>Threads: the hook runs on its own thread ({@code townlet-shutdown}); {@link #runFinished()} is called by the
 * run's thread; the closing action must tolerate running on either and must be idempotent.
 *
 * <p>Why halt: the main thread's {@code System.exit} blocks while a hook runs, and the JVM would otherwise exit with
 * the signal's status (143 for SIGTERM); halting after the closing action makes both signals exit 130, with
 * everything written and flushed first.
 */
public final class ShutdownHook {
    /** Time kept for the closing action (summary) within the bound. */
    private static final Duration CLOSING_RESERVE = Duration.ofMillis(250);

    private final Duration bound;
    private final Runnable requestStop;
    private final Runnable closing;
    private final IntSupplier exitStatus;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicBoolean fired = new AtomicBoolean();
    private final Thread thread;

    private ShutdownHook(Duration bound, Runnable requestStop, Runnable closing, IntSupplier exitStatus) {
        this.bound = Objects.requireNonNull(bound, "bound");
        this.requestStop = Objects.requireNonNull(requestStop, "requestStop");
        this.closing = Objects.requireNonNull(closing, "closing");
        this.exitStatus = Objects.requireNonNull(exitStatus, "exitStatus");
        this.thread = new Thread(this::onSignal, "townlet-shutdown");
    }

    /**
     * Installs the hook.
     *
     * @param bound       the longest the hook may take, e.g. {@code stop_timeout_seconds + 2 s}
     * @param requestStop asks the run to stop after its current tick; must return at once
     * @param closing     stops what is left and writes the summary; idempotent
     * @param exitStatus  the status the JVM halts with, e.g. 130
     */
    public static ShutdownHook install(Duration bound, Runnable requestStop, Runnable closing, int exitStatus) {
        return install(bound, requestStop, closing, () -> exitStatus);
    }

    /**
     * Installs the hook, halting with the status {@code exitStatus} gives once the command has finished (a listener
     * ends normally on a signal, with its own code).
     */
    public static ShutdownHook install(Duration bound, Runnable requestStop, Runnable closing,
                                       IntSupplier exitStatus) {
        ShutdownHook hook = new ShutdownHook(bound, requestStop, closing, exitStatus);
        Runtime.getRuntime().addShutdownHook(hook.thread);
        return hook;
    }

    /** Whether a signal started the hook. */
    public boolean fired() {
        return fired.get();
    }

    /** Called by the run when it has finished and written its summary; releases a waiting hook. */
    public void runFinished() {
        finished.countDown();
    }

    /** Removes the hook after a normal end; a no-op when the JVM is already shutting down. */
    public void uninstall() {
        if (fired.get()) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting; the hook will find the run finished.
        }
    }

    private void onSignal() {
        fired.set(true);
        long deadline = System.nanoTime() + bound.minus(CLOSING_RESERVE).toNanos();
        try {
            requestStop.run();
            long remaining = deadline - System.nanoTime();
            if (!finished.await(Math.max(0, remaining), TimeUnit.NANOSECONDS)) {
                System.err.println("townlet: did not stop within " + bound.toMillis() / 1000.0
                        + " s; exiting with what was delivered");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                closing.run();
            } catch (RuntimeException | Error e) {
                System.err.println("townlet: error while stopping: " + e);
            }
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(exitStatus.getAsInt());
        }
    }
}

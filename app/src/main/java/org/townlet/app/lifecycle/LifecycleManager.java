package org.townlet.app.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Starts components in the order they were added and stops them in reverse, once (SPEC §11.8, STYLE 7). A failed
 * start stops the components already started, in reverse, and throws. {@link #stop()} is idempotent and safe to call
 * from any thread (the run's thread and the shutdown hook may race to it): the first call stops every started
 * component, each even when an earlier one failed, and throws the first failure with the others suppressed; later
 * calls wait for the first to finish and return.
 */
public final class LifecycleManager {
    private record Entry(String name, Lifecycle component) {
    }

    private final List<Entry> components = new ArrayList<>();
    private final List<Entry> started = new ArrayList<>();
    private boolean starting;
    private boolean stopped;

    /** Adds a component, started after the ones added before it. Only before {@link #start()}. */
    public synchronized LifecycleManager add(String name, Lifecycle component) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(component, "component");
        if (starting) {
            throw new IllegalStateException("cannot add " + name + " after start");
        }
        components.add(new Entry(name, component));
        return this;
    }

    /**
     * Starts every component in order.
     *
     * @throws LifecycleException naming the component that failed, after stopping those already started
     * @throws IllegalStateException when called twice or after {@link #stop()}
     */
    public synchronized void start() {
        if (starting || stopped) {
            throw new IllegalStateException("a lifecycle manager starts once");
        }
        starting = true;
        for (Entry entry : components) {
            try {
                entry.component().start();
                started.add(entry);
            } catch (Exception e) {
                LifecycleException failure = new LifecycleException("Failed to start " + entry.name() + ": " + e, e);
                stopStarted(failure);
                stopped = true;
                throw failure;
            }
        }
    }

    /**
     * Stops the started components in reverse order; the first call only.
     *
     * @throws LifecycleException the first failure, with the later ones suppressed, after every component was stopped
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        LifecycleException failure = stopStarted(null);
        if (failure != null) {
            throw failure;
        }
    }

    /** Whether {@link #stop()} has run (or a start failed). */
    public synchronized boolean isStopped() {
        return stopped;
    }

    private LifecycleException stopStarted(LifecycleException failure) {
        LifecycleException first = failure;
        for (int i = started.size() - 1; i >= 0; i--) {
            Entry entry = started.get(i);
            try {
                entry.component().stop();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (first == null) {
                    first = new LifecycleException("Failed to stop " + entry.name() + ": " + e, e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        started.clear();
        return first;
    }
}

package org.townlet.app.lifecycle;

/**
 * A piece with an explicit start and stop, managed by {@link LifecycleManager} (STYLE 7): no thread starts in a
 * constructor; {@code stop()} releases what {@code start()} took.
 */
public interface Lifecycle {
    /** Starts the piece; called once. */
    void start() throws Exception;

    /** Stops the piece; called at most once, and only after a successful {@link #start()}. */
    void stop() throws Exception;

    /** A piece that only needs stopping, e.g. something to close. */
    static Lifecycle onStop(AutoCloseable closeable) {
        return new Lifecycle() {
            @Override
            public void start() {
            }

            @Override
            public void stop() throws Exception {
                closeable.close();
            }
        };
    }
}

package org.townlet.telemetry.core.worker;

/** A buffered item for tests: just its {@code seq} and tick. */
record TestItem(long seq, long tick) implements BufferedItem {
    /** Item {@code seq} at tick {@code seq + 1} (the first tick is 1). */
    static TestItem of(long seq) {
        return new TestItem(seq, seq + 1);
    }
}

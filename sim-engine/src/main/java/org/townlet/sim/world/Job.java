package org.townlet.sim.world;

/** The town's jobs (SPEC §17.4); agents are assigned them round-robin in id order. */
enum Job {
    COOK("cook"),
    CLEANER("cleaner"),
    CLERK("clerk");

    private final String id;

    Job(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }
}

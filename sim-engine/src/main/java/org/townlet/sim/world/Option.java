package org.townlet.sim.world;

/** What the scripted policy has an agent doing (SPEC §17.6). */
enum Option {
    EAT("eat"),
    WASH("wash"),
    SLEEP("sleep"),
    WORK("work"),
    SOCIALISE("socialise"),
    IDLE("idle");

    private final String id;

    Option(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }
}

package org.townlet.sim.world;

/** An agent's place in its working day (SPEC §17.4 {@code shift_state}). */
enum ShiftState {
    OFF("off"),
    PRE_SHIFT("pre_shift"),
    ON_TIME("on_time"),
    LATE("late"),
    ABSENT("absent");

    private final String id;

    ShiftState(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }
}

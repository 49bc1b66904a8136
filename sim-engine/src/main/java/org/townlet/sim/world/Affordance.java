package org.townlet.sim.world;

/**
 * The affordance table (SPEC §17.2): what an agent can do at an object, and for how long. The manifest checksum is
 * computed over {@link #canonicalTable()}.
 */
enum Affordance {
    COOK_MEAL("cook_meal", ObjectType.STOVE, 40),
    EAT_MEAL("eat_meal", ObjectType.FRIDGE, 15),
    REST_SLEEP("rest_sleep", ObjectType.BED, 60),
    USE_SHOWER("use_shower", ObjectType.SHOWER, 30);

    private final String id;
    private final ObjectType objectType;
    private final int ticks;

    Affordance(String id, ObjectType objectType, int ticks) {
        this.id = id;
        this.objectType = objectType;
        this.ticks = ticks;
    }

    String id() {
        return id;
    }

    ObjectType objectType() {
        return objectType;
    }

    int ticks() {
        return ticks;
    }

    /**
     * The canonical JSON of the table: an array sorted by id, each entry's keys sorted, no whitespace. Stable across
     * runs and platforms, so its SHA-256 identifies the table.
     */
    static String canonicalTable() {
        StringBuilder json = new StringBuilder("[");
        for (Affordance affordance : values()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"id\":\"").append(affordance.id)
                    .append("\",\"object\":\"").append(affordance.objectType.id())
                    .append("\",\"ticks\":").append(affordance.ticks)
                    .append('}');
        }
        return json.append(']').toString();
    }
}

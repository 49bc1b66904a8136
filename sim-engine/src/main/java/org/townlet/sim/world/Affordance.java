package org.townlet.sim.world;

/**
 * The affordance table (SPEC §17.2): what an agent can do at an object, and for how long. The manifest checksum is
 * the SHA-256 of {@link #canonicalTable()}.
 *
 * <table>
 * <caption>Preconditions and effects</caption>
 * <tr><th>affordance</th><th>object</th><th>ticks</th><th>preconditions</th><th>effect</th></tr>
 * <tr><td>use_shower</td><td>shower</td><td>30</td><td>power and water on</td>
 *     <td>hygiene → 1.0; {@code shower_complete}</td></tr>
 * <tr><td>eat_meal</td><td>fridge</td><td>15</td><td>meal stock ≥ 1, wallet ≥ price</td>
 *     <td>hunger + 0.6 (cap 1); stock − 1; wallet − price (paid at the start)</td></tr>
 * <tr><td>cook_meal</td><td>stove</td><td>40</td><td>power on, paired fridge ingredients ≥ 1</td>
 *     <td>paired fridge + 2 meals; ingredients − 1 and wallet − ingredients cost (at the start)</td></tr>
 * <tr><td>rest_sleep</td><td>bed</td><td>60</td><td>—</td><td>energy → 1.0; {@code sleep_complete}</td></tr>
 * </table>
 */
enum Affordance {
    COOK_MEAL("cook_meal", ObjectType.STOVE, 40, "power on, paired fridge ingredients >= 1",
            "paired fridge meals + 2; wallet - ingredients_cost"),
    EAT_MEAL("eat_meal", ObjectType.FRIDGE, 15, "meals >= 1, wallet >= meal price",
            "hunger + 0.6; meals - 1; wallet - meal price"),
    REST_SLEEP("rest_sleep", ObjectType.BED, 60, "none", "energy = 1.0; sleep_complete"),
    USE_SHOWER("use_shower", ObjectType.SHOWER, 30, "power on, water on", "hygiene = 1.0; shower_complete");

    /** Hunger an eaten meal restores. */
    static final double MEAL_NOURISHMENT = 0.6;
    /** Meals one cooking adds to the paired fridge. */
    static final int MEALS_PER_COOKING = 2;

    private final String id;
    private final ObjectType objectType;
    private final int ticks;
    private final String preconditions;
    private final String effect;

    Affordance(String id, ObjectType objectType, int ticks, String preconditions, String effect) {
        this.id = id;
        this.objectType = objectType;
        this.ticks = ticks;
        this.preconditions = preconditions;
        this.effect = effect;
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

    /** The affordance offered by objects of {@code type}. */
    static Affordance of(ObjectType type) {
        return switch (type) {
            case SHOWER -> USE_SHOWER;
            case BED -> REST_SLEEP;
            case STOVE -> COOK_MEAL;
            case FRIDGE -> EAT_MEAL;
        };
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
            json.append("{\"effect\":\"").append(affordance.effect)
                    .append("\",\"id\":\"").append(affordance.id)
                    .append("\",\"object\":\"").append(affordance.objectType.id())
                    .append("\",\"preconditions\":\"").append(affordance.preconditions)
                    .append("\",\"ticks\":").append(affordance.ticks)
                    .append('}');
        }
        return json.append(']').toString();
    }
}

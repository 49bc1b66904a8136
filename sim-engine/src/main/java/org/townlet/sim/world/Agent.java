package org.townlet.sim.world;

import java.util.ArrayDeque;
import java.util.Map;

/**
 * One agent's mutable state. Owned by {@link Town} and touched only by the simulation thread; nothing outside the
 * world package sees it (views are copied into immutable maps).
 */
final class Agent {
    final String id;
    /** Position in id order; picks the agent's home objects. */
    final int index;
    final Profile profile;
    final double extroversion;
    final double forgiveness;
    final double ambition;
    final Job job;
    /** Time of day (0-based tick within the day) at which this agent's shift starts. */
    final int shiftStart;
    /** The immutable personality entry; it never changes, so it is built once. */
    final Map<String, Object> personality;

    double hunger;
    double hygiene;
    double energy;
    double wallet;

    // scripted policy
    Option option = Option.IDLE;
    long committedUntil;
    long optionSwitches;

    // queues and affordances
    /** The object whose queue this agent is in (waiting or using it), or {@code null}. */
    String queuedAt;
    Affordance queuedFor;
    long queuedSince;
    String lastUsedObject;
    long lastUsedTick = Long.MIN_VALUE / 2;

    // employment
    long currentShiftStartTick = -1;
    boolean inShift;
    boolean arrived;
    boolean arrivedLate;
    boolean lateHelpSeen;
    long latenessCounter;
    long lateTicksToday;
    double wagesWithheld;
    long shiftsEnded;
    long shiftsAttended;
    final ArrayDeque<Long> absentShiftEnds = new ArrayDeque<>();
    boolean exitPending;
    ShiftState shiftState = ShiftState.OFF;

    // inventory
    long mealsCooked;
    long mealsConsumed;
    double wagesEarned;
    double basketCost;

    // facts of the current tick, read by the reward model
    boolean working;
    double tickWage;
    int tickChatSuccesses;
    int tickChatFailures;
    int tickPunctuality;
    boolean tickStarvation;
    boolean tickFinished;

    Agent(String id, int index, Profile profile, double extroversion, double forgiveness, double ambition, Job job,
            int shiftStart, Map<String, Object> personality) {
        this.id = id;
        this.index = index;
        this.profile = profile;
        this.extroversion = extroversion;
        this.forgiveness = forgiveness;
        this.ambition = ambition;
        this.job = job;
        this.shiftStart = shiftStart;
        this.personality = personality;
    }

    void clearTickFacts() {
        working = false;
        tickWage = 0.0;
        tickChatSuccesses = 0;
        tickChatFailures = 0;
        tickPunctuality = 0;
        tickStarvation = false;
        tickFinished = false;
    }

    double need(Option need) {
        return switch (need) {
            case EAT -> hunger;
            case WASH -> hygiene;
            case SLEEP -> energy;
            default -> 1.0;
        };
    }

    static double clampUnit(double value) {
        return value < 0.0 ? 0.0 : Math.min(1.0, value);
    }
}

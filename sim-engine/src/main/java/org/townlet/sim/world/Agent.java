package org.townlet.sim.world;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Map;
import org.townlet.telemetry.api.event.RelationshipTie;

/**
 * One agent's mutable state. Owned by {@link Town} and touched only by the simulation thread; nothing outside the
 * world package sees it (views are immutable maps, cached here so that an unchanged entry is handed out again rather
 * than rebuilt).
 */
final class Agent {
    final String id;
    /** Home slot: picks the agent's home objects, job and shift; a replacement inherits the slot it fills. */
    final int slot;
    final Profile profile;
    final double extroversion;
    final double forgiveness;
    final double ambition;
    final Job job;
    /** Time of day (0-based tick within the day) at which this agent's shift starts. */
    final int shiftStart;
    /** The immutable personality entry; it never changes, so it is built once ({@code null} when disabled). */
    final Map<String, Object> personality;
    final long arrivedTick;
    /** The observation slot the policy allocated (SPEC §17.6). */
    int observationSlot = -1;

    double hunger;
    double hygiene;
    double energy;
    double wallet;

    // scripted policy
    Option option = Option.IDLE;
    long committedUntil;
    long optionSwitches;
    boolean possessed;

    // queues and affordances
    /** The object whose queue this agent is in (waiting or using it), or {@code null}. */
    WorldObject queuedAt;
    Affordance queuedFor;
    long queuedSince;
    /** The agent is away from its queue place while {@code tick < awayUntil}. */
    long awayUntil;
    WorldObject lastUsedObject;
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

    /** Directed ties owned by this agent, sorted by the other agent's id; at most the tie capacity. */
    final ArrayList<Tie> ties = new ArrayList<>(4);

    // facts of the current tick, read by the reward model
    boolean working;
    double tickWage;
    int tickChatSuccesses;
    int tickChatFailures;
    int tickPunctuality;
    boolean tickStarvation;
    int tickFinished;
    int tickFailed;
    int tickConflicts;
    int tickAvoidances;

    // cached view entries and the values they were built from
    static final ArrayMaps.Keys JOB_KEYS = new ArrayMaps.Keys("job_id", "on_shift", "wallet", "lateness_counter",
            "shift_state", "attendance_ratio", "late_ticks_today", "absent_shifts_7d", "wages_withheld",
            "exit_pending", "inventory", "needs");
    static final ArrayMaps.Keys NEEDS_KEYS = new ArrayMaps.Keys("hunger", "hygiene", "energy");
    static final ArrayMaps.Keys INVENTORY_KEYS = new ArrayMaps.Keys("meals_cooked", "meals_consumed", "wages_earned",
            "basket_cost");
    static final ArrayMaps.Keys POLICY_KEYS = new ArrayMaps.Keys("option", "committed_until", "option_switches",
            "possessed");
    private Map<String, Object> jobEntry;
    private Map<String, Double> needsEntry;
    private Map<String, Object> inventoryEntry;
    private double shownHunger = Double.NaN;
    private double shownHygiene = Double.NaN;
    private double shownEnergy = Double.NaN;
    private long shownMealsCooked = -1;
    private long shownMealsConsumed = -1;
    private double shownWagesEarned = Double.NaN;
    private double shownBasketCost = Double.NaN;
    private boolean shownOnShift;
    private double shownWallet = Double.NaN;
    private long shownLateness = -1;
    private ShiftState shownShiftState;
    private double shownAttendance = Double.NaN;
    private long shownLateTicks = -1;
    private long shownAbsent = -1;
    private double shownWithheld = Double.NaN;
    private boolean shownExitPending;
    private Map<String, RelationshipTie> tieRow;
    private ArrayMaps.Keys rowKeys;
    private RelationshipTie[] rowValues;
    private Map<String, Object> policyEntry;
    private Option policyOption;
    private long policyCommit = -1;
    private long policySwitches = -1;
    private boolean policyPossessed;

    Agent(String id, int slot, Profile profile, double extroversion, double forgiveness, double ambition, Job job,
            int shiftStart, Map<String, Object> personality, long arrivedTick) {
        this.id = id;
        this.slot = slot;
        this.profile = profile;
        this.extroversion = extroversion;
        this.forgiveness = forgiveness;
        this.ambition = ambition;
        this.job = job;
        this.shiftStart = shiftStart;
        this.personality = personality;
        this.arrivedTick = arrivedTick;
    }

    void clearTickFacts() {
        working = false;
        tickWage = 0.0;
        tickChatSuccesses = 0;
        tickChatFailures = 0;
        tickPunctuality = 0;
        tickStarvation = false;
        tickFinished = 0;
        tickFailed = 0;
        tickConflicts = 0;
        tickAvoidances = 0;
    }

    double need(Option need) {
        return switch (need) {
            case EAT -> hunger;
            case WASH -> hygiene;
            case SLEEP -> energy;
            default -> 1.0;
        };
    }

    boolean away(long tick) {
        return tick < awayUntil;
    }

    /** The running affordance this agent holds, if it is the head of its queue and using the object. */
    boolean running() {
        return queuedAt != null && queuedAt.running != null && queuedAt.running.agent == this;
    }

    /** This agent's ties as a telemetry row, other → tie; the same map while no tie changed. */
    Map<String, RelationshipTie> tieRow() {
        int size = ties.size();
        boolean same = tieRow != null && rowKeys.size() == size;
        RelationshipTie[] values = new RelationshipTie[size];
        for (int i = 0; i < size; i++) {
            Tie tie = ties.get(i);
            values[i] = tie.view();
            same = same && rowKeys.name(i) == tie.other && rowValues[i] == values[i];
        }
        if (!same) {
            if (rowKeys == null || rowKeys.size() != size || !sameOthers()) {
                String[] others = new String[size];
                for (int i = 0; i < size; i++) {
                    others[i] = ties.get(i).other;
                }
                rowKeys = new ArrayMaps.Keys(others);
            }
            rowValues = values;
            tieRow = ArrayMaps.of(rowKeys, values);
        }
        return tieRow;
    }

    private boolean sameOthers() {
        for (int i = 0; i < ties.size(); i++) {
            if (rowKeys.name(i) != ties.get(i).other) {
                return false;
            }
        }
        return true;
    }

    Tie tie(String other) {
        int index = tieIndex(other);
        return index >= 0 ? ties.get(index) : null;
    }

    int tieIndex(String other) {
        int low = 0;
        int high = ties.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int cmp = ties.get(mid).other.compareTo(other);
            if (cmp < 0) {
                low = mid + 1;
            } else if (cmp > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }

    double rivalryWith(String other) {
        Tie tie = tie(other);
        return tie == null ? 0.0 : tie.rivalry;
    }

    /**
     * The job entry of SPEC §17.4, reusing the previous immutable map (and its {@code needs} and {@code inventory}
     * maps) when no value it shows changed. Needs and money are shown to two decimals.
     */
    Map<String, Object> jobEntry(boolean onShift, double attendanceRatio, long absentShifts7d) {
        double hungerShown = Views.round2(hunger);
        double hygieneShown = Views.round2(hygiene);
        double energyShown = Views.round2(energy);
        boolean changed = jobEntry == null;
        if (needsEntry == null || shownHunger != hungerShown || shownHygiene != hygieneShown
                || shownEnergy != energyShown) {
            shownHunger = hungerShown;
            shownHygiene = hygieneShown;
            shownEnergy = energyShown;
            needsEntry = ArrayMaps.ofDoubles(NEEDS_KEYS, new double[] {hungerShown, hygieneShown, energyShown});
            changed = true;
        }
        double wagesShown = Views.round2(wagesEarned);
        double basketShown = Views.round2(basketCost);
        if (inventoryEntry == null || shownMealsCooked != mealsCooked || shownMealsConsumed != mealsConsumed
                || shownWagesEarned != wagesShown || shownBasketCost != basketShown) {
            shownMealsCooked = mealsCooked;
            shownMealsConsumed = mealsConsumed;
            shownWagesEarned = wagesShown;
            shownBasketCost = basketShown;
            inventoryEntry = ArrayMaps.of(INVENTORY_KEYS, new Object[] {mealsCooked, mealsConsumed, wagesShown,
                    basketShown});
            changed = true;
        }
        double walletShown = Views.round2(wallet);
        double attendanceShown = Views.round3(attendanceRatio);
        double withheldShown = Views.round2(wagesWithheld);
        if (changed || shownOnShift != onShift || shownWallet != walletShown || shownLateness != latenessCounter
                || shownShiftState != shiftState || shownAttendance != attendanceShown
                || shownLateTicks != lateTicksToday || shownAbsent != absentShifts7d
                || shownWithheld != withheldShown || shownExitPending != exitPending) {
            shownOnShift = onShift;
            shownWallet = walletShown;
            shownLateness = latenessCounter;
            shownShiftState = shiftState;
            shownAttendance = attendanceShown;
            shownLateTicks = lateTicksToday;
            shownAbsent = absentShifts7d;
            shownWithheld = withheldShown;
            shownExitPending = exitPending;
            jobEntry = ArrayMaps.of(JOB_KEYS, new Object[] {job.id(), onShift, walletShown, latenessCounter,
                    shiftState.id(), attendanceShown, lateTicksToday, absentShifts7d, withheldShown, exitPending,
                    inventoryEntry, needsEntry});
        }
        return jobEntry;
    }

    /** The policy snapshot entry {@code {option, committed_until, option_switches, possessed}}, reused if unchanged. */
    Map<String, Object> policyEntry() {
        if (policyEntry == null || policyOption != option || policyCommit != committedUntil
                || policySwitches != optionSwitches || policyPossessed != possessed) {
            policyOption = option;
            policyCommit = committedUntil;
            policySwitches = optionSwitches;
            policyPossessed = possessed;
            policyEntry = ArrayMaps.of(POLICY_KEYS, new Object[] {option.id(), committedUntil, optionSwitches,
                    possessed});
        }
        return policyEntry;
    }

    /** One directed tie to another agent: trust and familiarity in [−1, 1], rivalry in [0, 1]. */
    static final class Tie {
        final String other;
        double trust;
        double familiarity;
        double rivalry;

        Tie(String other) {
            this.other = other;
        }

        private RelationshipTie shown;

        double strength() {
            return Math.abs(trust) + Math.abs(familiarity) + rivalry;
        }

        /** The tie as telemetry sees it, values to four decimals; the same object while they stay the same. */
        RelationshipTie view() {
            double t = Math.round(trust * 10_000.0) / 10_000.0;
            double f = Math.round(familiarity * 10_000.0) / 10_000.0;
            double r = Math.round(rivalry * 10_000.0) / 10_000.0;
            if (shown == null || shown.trust() != t || shown.familiarity() != f || shown.rivalry() != r) {
                shown = new RelationshipTie(t, f, r);
            }
            return shown;
        }
    }
}

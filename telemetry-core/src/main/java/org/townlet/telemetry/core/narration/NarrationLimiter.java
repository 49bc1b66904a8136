package org.townlet.telemetry.core.narration;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.townlet.telemetry.api.event.NarrationLimiterState;

/**
 * The narration rate limiter with the exact arithmetic of SPEC §7.1: dedupe window, global and per-category
 * cooldowns (skipped for priority narrations), and a global emission window (priority narrations included). It never
 * rewinds: {@link #beginTick(long)} with a tick before the current one does nothing.
 *
 * <p>Threads: every method is synchronised; the simulation thread (generated narrations) and manual callers on any
 * thread share one instance.
 *
 * <p>Cost: a denial records nothing, so whichever of the checks denies first does not matter; the generator asks
 * {@link #deniedWhateverTheKey} (cooldowns and window) before it builds a dedupe key, and builds its message only once
 * {@link #allowKey} has allowed. {@link #state()} is rebuilt only after the state changed.
 */
public final class NarrationLimiter {
    private final NarrationSettings settings;
    private final Set<String> priorityCategories;

    // Guarded by this.
    private long currentTick;
    private final LinkedHashMap<String, Long> lastCategoryTick = new LinkedHashMap<>();
    private long lastGlobalTick = NarrationLimiterState.NEVER_TICK;
    private final LinkedHashMap<String, Long> recentEntries = new LinkedHashMap<>();
    private final ArrayDeque<Long> windowEmissions = new ArrayDeque<>();
    /** The immutable copy last returned by {@link #state()}; null once the state changed since. */
    private NarrationLimiterState stateView;

    /** A limiter in its initial state ({@code current_tick} 0, {@code last_global_tick} −10000). */
    public NarrationLimiter(NarrationSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.priorityCategories = new HashSet<>(settings.priorityCategories());
    }

    /** The tick the limiter decides at. */
    public synchronized long currentTick() {
        return currentTick;
    }

    /**
     * Moves the limiter to tick {@code tick} and forgets what fell out of the dedupe and emission windows; a tick
     * before the current one does nothing.
     */
    public synchronized void beginTick(long tick) {
        if (tick < currentTick) {
            return;
        }
        currentTick = tick;
        long dedupeHorizon = tick - settings.dedupeWindowTicks();
        for (Iterator<Long> it = recentEntries.values().iterator(); it.hasNext(); ) {
            if (it.next() <= dedupeHorizon) {
                it.remove();
                stateView = null;
            }
        }
        long windowHorizon = tick - settings.globalWindowTicks();
        while (!windowEmissions.isEmpty() && windowEmissions.peekFirst() <= windowHorizon) {
            windowEmissions.pollFirst();
            stateView = null;
        }
    }

    /**
     * Decides, at the current tick, whether a narration may be emitted, and records it when it may (SPEC §7.1 steps
     * 1–5).
     *
     * @param category  the narration's category
     * @param message   the message; the dedupe key when {@code dedupeKey} is {@code null}
     * @param priority  whether the caller asks for priority (a priority category is priority anyway)
     * @param dedupeKey the dedupe key, or {@code null}
     * @return the decision: denied, or allowed with the effective priority
     */
    public synchronized Decision allow(String category, String message, boolean priority, String dedupeKey) {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(message, "message");
        return decide(category, priority, dedupeKey != null ? dedupeKey : message);
    }

    /**
     * {@link #allow} for a narration that has a dedupe key: the message is then not looked at, so the generator builds
     * it only once the narration is allowed.
     */
    synchronized Decision allowKey(String category, boolean priority, String dedupeKey) {
        Objects.requireNonNull(category, "category");
        return decide(category, priority, Objects.requireNonNull(dedupeKey, "dedupeKey"));
    }

    /**
     * Whether {@link #allow} would deny a narration of {@code category} now whatever its key: a cooldown (non-priority
     * only) or the window. Lets the generator skip building keys and messages. Since only {@code beginTick} and
     * {@code restore} relax the limiter, a denial seen here still holds when {@code allow} would have been called
     * later in the same tick.
     */
    synchronized boolean deniedWhateverTheKey(String category, boolean priority) {
        boolean effectivePriority = priority || priorityCategories.contains(category);
        return (!effectivePriority && coolingDown(category)) || windowFull();
    }

    /** SPEC §7.1 steps 1–5 for {@code key}; lock held. */
    private Decision decide(String category, boolean priority, String key) {
        boolean effectivePriority = priority || priorityCategories.contains(category);
        Long seen = recentEntries.get(key);
        if (seen != null && currentTick - seen <= settings.dedupeWindowTicks()) {
            return Decision.DENIED;
        }
        if (!effectivePriority && coolingDown(category)) {
            return Decision.DENIED;
        }
        if (windowFull()) {
            return Decision.DENIED;
        }
        long limit = settings.globalWindowLimit();
        lastCategoryTick.put(category, currentTick);
        lastGlobalTick = currentTick;
        recentEntries.remove(key);
        recentEntries.put(key, currentTick);
        if (limit > 0) {
            windowEmissions.addLast(currentTick);
        }
        stateView = null;
        return effectivePriority ? Decision.ALLOWED_PRIORITY : Decision.ALLOWED;
    }

    /** Step 3: the global or the category cooldown denies a non-priority narration; lock held. */
    private boolean coolingDown(String category) {
        long globalCooldown = settings.globalCooldownTicks();
        if (globalCooldown > 0 && currentTick - lastGlobalTick < globalCooldown) {
            return true;
        }
        long categoryCooldown = settings.categoryCooldownTicks().getOrDefault(category, globalCooldown);
        return categoryCooldown > 0
                && currentTick - lastCategoryTick.getOrDefault(category, -categoryCooldown) < categoryCooldown;
    }

    /** Step 4: the emission window is full (priority narrations too); lock held. */
    private boolean windowFull() {
        long limit = settings.globalWindowLimit();
        return limit > 0 && windowEmissions.size() >= limit;
    }

    /** The limiter's state, for the read model and state export. */
    public synchronized NarrationLimiterState state() {
        // Read every tick by the read-model store; most ticks change nothing, so the last copy is handed out again.
        if (stateView == null) {
            stateView = new NarrationLimiterState(Collections.unmodifiableMap(new LinkedHashMap<>(lastCategoryTick)),
                    lastGlobalTick, Collections.unmodifiableMap(new LinkedHashMap<>(recentEntries)),
                    Collections.unmodifiableList(new ArrayList<>(windowEmissions)));
        }
        return stateView;
    }

    /**
     * Replaces the state with {@code state} ({@code null} means the initial state) and sets the current tick to
     * {@code tick} (a restore may go back in time; this is the one way the limiter's tick moves backwards). Entries
     * with a {@code null} tick are skipped.
     */
    public synchronized void restore(NarrationLimiterState state, long tick) {
        NarrationLimiterState source = state == null ? NarrationLimiterState.INITIAL : state;
        stateView = null;
        currentTick = tick;
        lastCategoryTick.clear();
        copyTicks(source.lastCategoryTick(), lastCategoryTick);
        lastGlobalTick = source.lastGlobalTick();
        recentEntries.clear();
        copyTicks(source.recentEntries(), recentEntries);
        windowEmissions.clear();
        for (Long emitted : source.windowEmissions()) {
            if (emitted != null) {
                windowEmissions.addLast(emitted);
            }
        }
    }

    private static void copyTicks(Map<String, Long> from, Map<String, Long> to) {
        for (Iterator<Map.Entry<String, Long>> it = from.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> entry = it.next();
            if (entry.getKey() != null && entry.getValue() != null) {
                to.put(entry.getKey(), entry.getValue());
            }
        }
    }

    /** The outcome of {@link #allow}. */
    public enum Decision {
        /** Denied by dedupe, a cooldown or the window. */
        DENIED,
        /** Allowed, not priority. */
        ALLOWED,
        /** Allowed as a priority narration. */
        ALLOWED_PRIORITY;

        /** Whether the narration may be emitted. */
        public boolean allowed() {
            return this != DENIED;
        }

        /** Whether the emitted narration is priority. */
        public boolean priority() {
            return this == ALLOWED_PRIORITY;
        }
    }
}

package org.townlet.telemetry.core.narration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.townlet.telemetry.api.event.ManualNarration;
import org.townlet.telemetry.api.event.NarrationEntry;
import org.townlet.telemetry.api.event.NarrationLimiterState;
import org.townlet.telemetry.api.event.RelationshipSummary;
import org.townlet.telemetry.api.event.RelationshipUpdate;
import org.townlet.telemetry.api.event.SocialEvent;
import org.townlet.telemetry.api.event.WorldEvent;

/**
 * Narration for one sink (SPEC §7): the {@link NarrationLimiter}, the manual narration queue and the generated
 * narrations of each tick.
 *
 * <p>Threads: {@link #manual} may be called from any thread; it decides at the limiter's current tick and puts the
 * allowed entry on one concurrent queue, which the simulation thread drains ({@link #drainManual()}) at the start of
 * {@code loop.tick} ingestion and at tick completion. There is no other path for manual entries. Everything else is
 * called by the simulation thread (or a state import).
 */
public final class NarrationEngine {
    private final NarrationLimiter limiter;
    private final NarrationGenerator generator;
    private final ConcurrentLinkedQueue<NarrationEntry> manualQueue = new ConcurrentLinkedQueue<>();

    /** An engine with its own limiter. */
    public NarrationEngine(NarrationSettings narration, RelationshipNarrationSettings relationships,
            PersonalityNarrationSettings personality) {
        this.limiter = new NarrationLimiter(Objects.requireNonNull(narration, "narration"));
        this.generator = new NarrationGenerator(limiter, relationships, personality);
    }

    /** An engine at every default. */
    public static NarrationEngine withDefaults() {
        return new NarrationEngine(NarrationSettings.DEFAULTS, RelationshipNarrationSettings.DEFAULTS,
                PersonalityNarrationSettings.DEFAULTS);
    }

    /** The limiter (shared by generated and manual narrations). */
    public NarrationLimiter limiter() {
        return limiter;
    }

    /** Moves the limiter to {@code tick}; never rewinds (SPEC §7.1). */
    public void beginTick(long tick) {
        limiter.beginTick(tick);
    }

    /**
     * A manual narration (SPEC §7.2): {@code allow} runs at the limiter's current tick; an allowed entry (tick: the
     * narration's, else {@code defaultTick}; priority: the effective one; {@code dedupe_key} when given) is queued for
     * the next tick boundary and returned. Any thread.
     */
    public Optional<NarrationEntry> manual(ManualNarration narration, long defaultTick) {
        Objects.requireNonNull(narration, "narration");
        NarrationLimiter.Decision decision = limiter.allow(narration.category(), narration.message(),
                narration.priority(), narration.dedupeKey());
        if (!decision.allowed()) {
            return Optional.empty();
        }
        long tick = narration.tick() != null ? narration.tick() : defaultTick;
        NarrationEntry entry = new NarrationEntry(tick, narration.category(), narration.message(),
                decision.priority(), narration.data(), narration.dedupeKey());
        manualQueue.add(entry);
        return Optional.of(entry);
    }

    /** The queued manual entries, oldest first, leaving none; {@code []} when there are none. */
    public List<NarrationEntry> drainManual() {
        if (manualQueue.isEmpty()) {
            return List.of();
        }
        List<NarrationEntry> drained = new ArrayList<>();
        for (NarrationEntry entry; (entry = manualQueue.poll()) != null; ) {
            drained.add(entry);
        }
        return List.copyOf(drained);
    }

    /** The generated narrations of tick {@code tick} (SPEC §7.3), already through the limiter. */
    public List<NarrationEntry> generate(long tick, List<WorldEvent> events, List<SocialEvent> socialEvents,
            List<RelationshipUpdate> updates, RelationshipSummary summary,
            Map<String, Map<String, Object>> personalities) {
        return generator.generate(tick, events, socialEvents, updates, summary, personalities);
    }

    /** The limiter's state. */
    public NarrationLimiterState state() {
        return limiter.state();
    }

    /**
     * Restores the limiter from an imported state ({@code null}: the initial state) at tick {@code tick}. Manual
     * entries already allowed and queued stay queued: their callers were told they were emitted.
     */
    public void restore(NarrationLimiterState state, long tick) {
        limiter.restore(state, tick);
    }
}

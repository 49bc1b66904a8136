package org.townlet.telemetry.core.aggregate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.townlet.telemetry.api.event.AffordanceRuntime;
import org.townlet.telemetry.api.event.ConflictSnapshot;
import org.townlet.telemetry.api.event.NarrationEntry;
import org.townlet.telemetry.api.event.NarrationLimiterState;
import org.townlet.telemetry.api.event.OverlayEntry;
import org.townlet.telemetry.api.event.QueueHistoryEntry;
import org.townlet.telemetry.api.event.RelationshipSummary;
import org.townlet.telemetry.api.event.RelationshipTie;
import org.townlet.telemetry.api.event.RelationshipUpdate;
import org.townlet.telemetry.api.event.RivalryEvent;
import org.townlet.telemetry.api.event.SocialEvent;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.state.TelemetryStateSnapshot;

/**
 * The read models a {@code loop.tick} derives from its payload and the previous tick's derived models (SPEC §6.1
 * steps 2–9 and the KPI history of step 10): histories, conflict, relationship updates, overlay and summary,
 * affordance runtime, narrations. They are what ingestion would otherwise compute on the simulation thread; a
 * {@link Derivation} computes them when first read instead (SPEC §2: the simulation thread only swaps references).
 * Field meanings are those of the same-named {@link ReadModels} accessors. Conflict, overlay and affordance runtime
 * depend on their own tick's inputs alone and are {@link Deferred}: computed when first read, by the frame builder or a
 * reader, and never for a tick nobody reads (their accessors below read them).
 */
public record DerivedModels(
        List<QueueHistoryEntry> queueHistory,
        List<RivalryEvent> rivalryHistory,
        Deferred<ConflictSnapshot> deferredConflict,
        Map<String, Map<String, RelationshipTie>> relationshipSnapshot,
        List<RelationshipUpdate> relationshipUpdates,
        Deferred<Map<String, List<OverlayEntry>>> deferredOverlay,
        RelationshipSummary relationshipSummary,
        List<SocialEvent> socialEvents,
        List<WorldEvent> preconditionFailures,
        Deferred<AffordanceRuntime> deferredAffordanceRuntime,
        List<NarrationEntry> narrations,
        NarrationLimiterState narrationState,
        Map<String, List<Number>> kpiHistory) {

    private static final Deferred<ConflictSnapshot> EMPTY_CONFLICT = Deferred.of(ConflictSnapshot.EMPTY);
    private static final Deferred<Map<String, List<OverlayEntry>>> EMPTY_OVERLAY = Deferred.of(Map.of());
    private static final Deferred<AffordanceRuntime> EMPTY_AFFORDANCE_RUNTIME = Deferred.of(AffordanceRuntime.EMPTY);

    /** Every derived model at its empty value (SPEC Table 3.3). */
    public static final DerivedModels EMPTY = new Builder().build();

    /** The conflict snapshot, computed now if nobody has yet. */
    public ConflictSnapshot conflict() {
        return deferredConflict.get();
    }

    /** The relationship overlay, computed now if nobody has yet. */
    public Map<String, List<OverlayEntry>> relationshipOverlay() {
        return deferredOverlay.get();
    }

    /** The affordance runtime, computed now if nobody has yet. */
    public AffordanceRuntime affordanceRuntime() {
        return deferredAffordanceRuntime.get();
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable, single-threaded builder of {@link DerivedModels}. */
    public static final class Builder {
        private List<QueueHistoryEntry> queueHistory = List.of();
        private List<RivalryEvent> rivalryHistory = List.of();
        private Deferred<ConflictSnapshot> conflict = EMPTY_CONFLICT;
        private Map<String, Map<String, RelationshipTie>> relationshipSnapshot = Map.of();
        private List<RelationshipUpdate> relationshipUpdates = List.of();
        private Deferred<Map<String, List<OverlayEntry>>> relationshipOverlay = EMPTY_OVERLAY;
        private RelationshipSummary relationshipSummary = RelationshipSummary.EMPTY;
        private List<SocialEvent> socialEvents = List.of();
        private List<WorldEvent> preconditionFailures = List.of();
        private Deferred<AffordanceRuntime> affordanceRuntime = EMPTY_AFFORDANCE_RUNTIME;
        private List<NarrationEntry> narrations = List.of();
        private NarrationLimiterState narrationState = NarrationLimiterState.INITIAL;
        private Map<String, List<Number>> kpiHistory = TelemetryStateSnapshot.EMPTY_KPI_HISTORY;

        Builder() {
        }

        private Builder(DerivedModels models) {
            this.queueHistory = models.queueHistory;
            this.rivalryHistory = models.rivalryHistory;
            this.conflict = models.deferredConflict;
            this.relationshipSnapshot = models.relationshipSnapshot;
            this.relationshipUpdates = models.relationshipUpdates;
            this.relationshipOverlay = models.deferredOverlay;
            this.relationshipSummary = models.relationshipSummary;
            this.socialEvents = models.socialEvents;
            this.preconditionFailures = models.preconditionFailures;
            this.affordanceRuntime = models.deferredAffordanceRuntime;
            this.narrations = models.narrations;
            this.narrationState = models.narrationState;
            this.kpiHistory = models.kpiHistory;
        }

        public Builder queueHistory(List<QueueHistoryEntry> queueHistory) {
            this.queueHistory = queueHistory;
            return this;
        }

        public Builder rivalryHistory(List<RivalryEvent> rivalryHistory) {
            this.rivalryHistory = rivalryHistory;
            return this;
        }

        public Builder conflict(ConflictSnapshot conflict) {
            return conflict(Deferred.of(conflict));
        }

        public Builder conflict(Deferred<ConflictSnapshot> conflict) {
            this.conflict = Objects.requireNonNull(conflict, "conflict");
            return this;
        }

        public Builder relationshipSnapshot(Map<String, Map<String, RelationshipTie>> relationshipSnapshot) {
            this.relationshipSnapshot = relationshipSnapshot;
            return this;
        }

        public Builder relationshipUpdates(List<RelationshipUpdate> relationshipUpdates) {
            this.relationshipUpdates = relationshipUpdates;
            return this;
        }

        public Builder relationshipOverlay(Map<String, List<OverlayEntry>> relationshipOverlay) {
            return relationshipOverlay(Deferred.of(relationshipOverlay));
        }

        public Builder relationshipOverlay(Deferred<Map<String, List<OverlayEntry>>> relationshipOverlay) {
            this.relationshipOverlay = Objects.requireNonNull(relationshipOverlay, "relationshipOverlay");
            return this;
        }

        public Builder relationshipSummary(RelationshipSummary relationshipSummary) {
            this.relationshipSummary = relationshipSummary;
            return this;
        }

        public Builder socialEvents(List<SocialEvent> socialEvents) {
            this.socialEvents = socialEvents;
            return this;
        }

        public Builder preconditionFailures(List<WorldEvent> preconditionFailures) {
            this.preconditionFailures = preconditionFailures;
            return this;
        }

        public Builder affordanceRuntime(AffordanceRuntime affordanceRuntime) {
            return affordanceRuntime(Deferred.of(affordanceRuntime));
        }

        public Builder affordanceRuntime(Deferred<AffordanceRuntime> affordanceRuntime) {
            this.affordanceRuntime = Objects.requireNonNull(affordanceRuntime, "affordanceRuntime");
            return this;
        }

        public Builder narrations(List<NarrationEntry> narrations) {
            this.narrations = narrations;
            return this;
        }

        public Builder narrationState(NarrationLimiterState narrationState) {
            this.narrationState = narrationState;
            return this;
        }

        public Builder kpiHistory(Map<String, List<Number>> kpiHistory) {
            this.kpiHistory = kpiHistory;
            return this;
        }

        public DerivedModels build() {
            return new DerivedModels(queueHistory, rivalryHistory, conflict, relationshipSnapshot, relationshipUpdates,
                    relationshipOverlay, relationshipSummary, socialEvents, preconditionFailures, affordanceRuntime,
                    narrations, narrationState, kpiHistory);
        }
    }
}

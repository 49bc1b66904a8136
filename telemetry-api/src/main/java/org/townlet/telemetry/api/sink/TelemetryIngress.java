package org.townlet.telemetry.api.sink;

import java.util.Map;
import java.util.Optional;
import org.townlet.telemetry.api.event.ManualNarration;
import org.townlet.telemetry.api.event.NarrationEntry;
import org.townlet.telemetry.api.event.PolicyIdentity;
import org.townlet.telemetry.api.event.TelemetryEvent;

/**
 * The recording role (protocol methods 2, 4, 5, 6, 7, 35): what a simulation loop or a demo seeder calls to hand the
 * sink what happened. Called on the simulation thread unless a method says otherwise.
 */
public interface TelemetryIngress {
    /** #2: sets the runtime variant reported in frames; {@code null} clears it. */
    void setRuntimeVariant(String variantOrNull);

    /**
     * #4: records an event, routed by type (SPEC §4.3). An ingestion error is logged and counted in
     * {@code ingest_errors_total} and never aborts the rest of the ingestion.
     */
    void emitEvent(TelemetryEvent event);

    /** #5: registers a subscriber for each tick's world events; registering the same instance twice is a no-op. */
    void registerEventSubscriber(EventSubscriber subscriber);

    /**
     * #6: offers an operator narration to the rate limiter. Callable from any thread; an allowed entry joins the
     * current tick's narrations at the tick boundary. Returns the entry, or empty when the limiter denies it.
     */
    Optional<NarrationEntry> emitManualNarration(ManualNarration narration);

    /** #7: sets the policy identity; {@code null} clears it. */
    void updatePolicyIdentity(PolicyIdentity identityOrNull);

    /** #35: replaces the relationship metrics (the churn payload, SPEC §17.5). */
    void updateRelationshipMetrics(Map<String, Object> metrics);
}

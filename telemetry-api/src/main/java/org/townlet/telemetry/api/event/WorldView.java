package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * What the world looked like at the end of a tick (SPEC §4.2), built once per tick by the simulation and never
 * retained by it. JSON names: {@code queue_metrics, employment, jobs, economy, economy_settings, price_spikes,
 * utilities, relationships, relationship_metrics, rivalry_events, running_affordances, active_reservations,
 * affordance_manifest, embedding_metrics, personalities}.
 *
 * <p>Every field is present: the compact constructor turns {@code null} into the field's empty value ({@code {}},
 * {@code []}, {@link QueueMetrics#ZERO}; for {@code utilities} {@link #DEFAULT_UTILITIES}). Immutable and thread-safe;
 * the empty value is {@link #EMPTY}. The simulation fills it field by field through {@link #builder()}.
 */
public record WorldView(
        @JsonProperty("queue_metrics") QueueMetrics queueMetrics,
        @JsonProperty("employment") Map<String, Object> employment,
        @JsonProperty("jobs") Map<String, Map<String, Object>> jobs,
        @JsonProperty("economy") Map<String, Object> economy,
        @JsonProperty("economy_settings") Map<String, Double> economySettings,
        @JsonProperty("price_spikes") Map<String, PriceSpike> priceSpikes,
        @JsonProperty("utilities") Map<String, Boolean> utilities,
        @JsonProperty("relationships") Map<String, Map<String, RelationshipTie>> relationships,
        @JsonProperty("relationship_metrics") Map<String, Object> relationshipMetrics,
        @JsonProperty("rivalry_events") List<RivalryEvent> rivalryEvents,
        @JsonProperty("running_affordances") Map<String, RunningAffordance> runningAffordances,
        @JsonProperty("active_reservations") Map<String, Map<String, Object>> activeReservations,
        @JsonProperty("affordance_manifest") Map<String, Object> affordanceManifest,
        @JsonProperty("embedding_metrics") Map<String, Double> embeddingMetrics,
        @JsonProperty("personalities") Map<String, Map<String, Object>> personalities) {

    /** The utilities of a world where nothing is off: {@code {power:true, water:true}}. */
    public static final Map<String, Boolean> DEFAULT_UTILITIES = JsonMaps.copyOf(defaultUtilities());

    /** Every field at its empty value. */
    public static final WorldView EMPTY = builder().build();

    public WorldView {
        queueMetrics = queueMetrics == null ? QueueMetrics.ZERO : queueMetrics;
        employment = JsonMaps.copyOf(employment);
        jobs = JsonMaps.copyOfNested(jobs);
        economy = JsonMaps.copyOf(economy);
        economySettings = JsonMaps.copyOf(economySettings);
        priceSpikes = JsonMaps.copyOf(priceSpikes);
        utilities = utilities == null ? DEFAULT_UTILITIES : JsonMaps.copyOf(utilities);
        relationships = JsonMaps.copyOfNested(relationships);
        relationshipMetrics = JsonMaps.copyOf(relationshipMetrics);
        rivalryEvents = rivalryEvents == null ? List.of() : List.copyOf(rivalryEvents);
        runningAffordances = JsonMaps.copyOf(runningAffordances);
        activeReservations = JsonMaps.copyOfNested(activeReservations);
        affordanceManifest = JsonMaps.copyOf(affordanceManifest);
        embeddingMetrics = JsonMaps.copyOf(embeddingMetrics);
        personalities = JsonMaps.copyOfNested(personalities);
    }

    /** A builder with every field unset (empty). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this view's fields. */
    public Builder toBuilder() {
        return new Builder()
                .queueMetrics(queueMetrics)
                .employment(employment)
                .jobs(jobs)
                .economy(economy)
                .economySettings(economySettings)
                .priceSpikes(priceSpikes)
                .utilities(utilities)
                .relationships(relationships)
                .relationshipMetrics(relationshipMetrics)
                .rivalryEvents(rivalryEvents)
                .runningAffordances(runningAffordances)
                .activeReservations(activeReservations)
                .affordanceManifest(affordanceManifest)
                .embeddingMetrics(embeddingMetrics)
                .personalities(personalities);
    }

    private static Map<String, Boolean> defaultUtilities() {
        LinkedHashMap<String, Boolean> utilities = new LinkedHashMap<>();
        utilities.put("power", Boolean.TRUE);
        utilities.put("water", Boolean.TRUE);
        return utilities;
    }

    /** Mutable, single-threaded builder of {@link WorldView}; unset fields take their empty value. */
    public static final class Builder {
        private QueueMetrics queueMetrics;
        private Map<String, Object> employment;
        private Map<String, Map<String, Object>> jobs;
        private Map<String, Object> economy;
        private Map<String, Double> economySettings;
        private Map<String, PriceSpike> priceSpikes;
        private Map<String, Boolean> utilities;
        private Map<String, Map<String, RelationshipTie>> relationships;
        private Map<String, Object> relationshipMetrics;
        private List<RivalryEvent> rivalryEvents;
        private Map<String, RunningAffordance> runningAffordances;
        private Map<String, Map<String, Object>> activeReservations;
        private Map<String, Object> affordanceManifest;
        private Map<String, Double> embeddingMetrics;
        private Map<String, Map<String, Object>> personalities;

        private Builder() {
        }

        public Builder queueMetrics(QueueMetrics queueMetrics) {
            this.queueMetrics = queueMetrics;
            return this;
        }

        public Builder employment(Map<String, Object> employment) {
            this.employment = employment;
            return this;
        }

        public Builder jobs(Map<String, Map<String, Object>> jobs) {
            this.jobs = jobs;
            return this;
        }

        public Builder economy(Map<String, Object> economy) {
            this.economy = economy;
            return this;
        }

        public Builder economySettings(Map<String, Double> economySettings) {
            this.economySettings = economySettings;
            return this;
        }

        public Builder priceSpikes(Map<String, PriceSpike> priceSpikes) {
            this.priceSpikes = priceSpikes;
            return this;
        }

        /** {@code null} (the default) means {@link #DEFAULT_UTILITIES}. */
        public Builder utilities(Map<String, Boolean> utilities) {
            this.utilities = utilities;
            return this;
        }

        public Builder relationships(Map<String, Map<String, RelationshipTie>> relationships) {
            this.relationships = relationships;
            return this;
        }

        public Builder relationshipMetrics(Map<String, Object> relationshipMetrics) {
            this.relationshipMetrics = relationshipMetrics;
            return this;
        }

        public Builder rivalryEvents(List<RivalryEvent> rivalryEvents) {
            this.rivalryEvents = rivalryEvents;
            return this;
        }

        public Builder runningAffordances(Map<String, RunningAffordance> runningAffordances) {
            this.runningAffordances = runningAffordances;
            return this;
        }

        public Builder activeReservations(Map<String, Map<String, Object>> activeReservations) {
            this.activeReservations = activeReservations;
            return this;
        }

        public Builder affordanceManifest(Map<String, Object> affordanceManifest) {
            this.affordanceManifest = affordanceManifest;
            return this;
        }

        public Builder embeddingMetrics(Map<String, Double> embeddingMetrics) {
            this.embeddingMetrics = embeddingMetrics;
            return this;
        }

        public Builder personalities(Map<String, Map<String, Object>> personalities) {
            this.personalities = personalities;
            return this;
        }

        public WorldView build() {
            return new WorldView(queueMetrics, employment, jobs, economy, economySettings, priceSpikes, utilities,
                    relationships, relationshipMetrics, rivalryEvents, runningAffordances, activeReservations,
                    affordanceManifest, embeddingMetrics, personalities);
        }
    }
}

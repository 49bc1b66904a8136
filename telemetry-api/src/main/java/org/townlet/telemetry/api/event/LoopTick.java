package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * Payload of {@code loop.tick}, emitted by the loop every successful tick (SPEC §4.2): JSON {@code {world, rewards,
 * events, social_events, reward_breakdown, policy_snapshot, stability_inputs, perturbations, policy_identity,
 * policy_metadata, possessed_agents, anneal_context, runtime_variant, observation_envelope}}.
 *
 * <p>{@code policy_identity} and {@code runtime_variant} may be {@code null}; every other {@code null} becomes its
 * empty value ({@link WorldView#EMPTY}, {@link StabilityInputs#EMPTY}, {@link Perturbations#EMPTY}, {@code {}},
 * {@code []}). {@code possessed_agents} is sorted and unique. Immutable and thread-safe; build one with
 * {@link #builder()}.
 */
public record LoopTick(
        @JsonProperty("world") WorldView world,
        @JsonProperty("rewards") Map<String, Double> rewards,
        @JsonProperty("events") List<WorldEvent> events,
        @JsonProperty("social_events") List<SocialEvent> socialEvents,
        @JsonProperty("reward_breakdown") Map<String, Map<String, Double>> rewardBreakdown,
        @JsonProperty("policy_snapshot") Map<String, Map<String, Object>> policySnapshot,
        @JsonProperty("stability_inputs") StabilityInputs stabilityInputs,
        @JsonProperty("perturbations") Perturbations perturbations,
        @JsonProperty("policy_identity") PolicyIdentity policyIdentity,
        @JsonProperty("policy_metadata") Map<String, Object> policyMetadata,
        @JsonProperty("possessed_agents") List<String> possessedAgents,
        @JsonProperty("anneal_context") Map<String, Object> annealContext,
        @JsonProperty("runtime_variant") String runtimeVariant,
        @JsonProperty("observation_envelope") Map<String, Object> observationEnvelope) implements EventPayload {

    public LoopTick {
        world = world == null ? WorldView.EMPTY : world;
        rewards = JsonMaps.copyOf(rewards);
        events = events == null ? List.of() : List.copyOf(events);
        socialEvents = socialEvents == null ? List.of() : List.copyOf(socialEvents);
        rewardBreakdown = JsonMaps.copyOfNested(rewardBreakdown);
        policySnapshot = JsonMaps.copyOfNested(policySnapshot);
        stabilityInputs = stabilityInputs == null ? StabilityInputs.EMPTY : stabilityInputs;
        perturbations = perturbations == null ? Perturbations.EMPTY : perturbations;
        policyMetadata = JsonMaps.copyOf(policyMetadata);
        possessedAgents = JsonMaps.sortedUnique(possessedAgents);
        annealContext = JsonMaps.copyOf(annealContext);
        observationEnvelope = JsonMaps.copyOf(observationEnvelope);
    }

    /** A builder with every field unset (empty, or {@code null} for the two nullable fields). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this payload's fields. */
    public Builder toBuilder() {
        return new Builder()
                .world(world)
                .rewards(rewards)
                .events(events)
                .socialEvents(socialEvents)
                .rewardBreakdown(rewardBreakdown)
                .policySnapshot(policySnapshot)
                .stabilityInputs(stabilityInputs)
                .perturbations(perturbations)
                .policyIdentity(policyIdentity)
                .policyMetadata(policyMetadata)
                .possessedAgents(possessedAgents)
                .annealContext(annealContext)
                .runtimeVariant(runtimeVariant)
                .observationEnvelope(observationEnvelope);
    }

    /** Mutable, single-threaded builder of {@link LoopTick}; unset fields take their empty value. */
    public static final class Builder {
        private WorldView world;
        private Map<String, Double> rewards;
        private List<WorldEvent> events;
        private List<SocialEvent> socialEvents;
        private Map<String, Map<String, Double>> rewardBreakdown;
        private Map<String, Map<String, Object>> policySnapshot;
        private StabilityInputs stabilityInputs;
        private Perturbations perturbations;
        private PolicyIdentity policyIdentity;
        private Map<String, Object> policyMetadata;
        private List<String> possessedAgents;
        private Map<String, Object> annealContext;
        private String runtimeVariant;
        private Map<String, Object> observationEnvelope;

        private Builder() {
        }

        public Builder world(WorldView world) {
            this.world = world;
            return this;
        }

        public Builder rewards(Map<String, Double> rewards) {
            this.rewards = rewards;
            return this;
        }

        public Builder events(List<WorldEvent> events) {
            this.events = events;
            return this;
        }

        public Builder socialEvents(List<SocialEvent> socialEvents) {
            this.socialEvents = socialEvents;
            return this;
        }

        public Builder rewardBreakdown(Map<String, Map<String, Double>> rewardBreakdown) {
            this.rewardBreakdown = rewardBreakdown;
            return this;
        }

        public Builder policySnapshot(Map<String, Map<String, Object>> policySnapshot) {
            this.policySnapshot = policySnapshot;
            return this;
        }

        public Builder stabilityInputs(StabilityInputs stabilityInputs) {
            this.stabilityInputs = stabilityInputs;
            return this;
        }

        public Builder perturbations(Perturbations perturbations) {
            this.perturbations = perturbations;
            return this;
        }

        public Builder policyIdentity(PolicyIdentity policyIdentity) {
            this.policyIdentity = policyIdentity;
            return this;
        }

        public Builder policyMetadata(Map<String, Object> policyMetadata) {
            this.policyMetadata = policyMetadata;
            return this;
        }

        public Builder possessedAgents(List<String> possessedAgents) {
            this.possessedAgents = possessedAgents;
            return this;
        }

        public Builder annealContext(Map<String, Object> annealContext) {
            this.annealContext = annealContext;
            return this;
        }

        public Builder runtimeVariant(String runtimeVariant) {
            this.runtimeVariant = runtimeVariant;
            return this;
        }

        public Builder observationEnvelope(Map<String, Object> observationEnvelope) {
            this.observationEnvelope = observationEnvelope;
            return this;
        }

        public LoopTick build() {
            return new LoopTick(world, rewards, events, socialEvents, rewardBreakdown, policySnapshot,
                    stabilityInputs, perturbations, policyIdentity, policyMetadata, possessedAgents, annealContext,
                    runtimeVariant, observationEnvelope);
        }
    }
}

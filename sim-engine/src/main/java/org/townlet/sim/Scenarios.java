package org.townlet.sim;

import java.util.List;
import org.townlet.sim.config.EconomySettings;
import org.townlet.sim.config.EmploymentSettings;
import org.townlet.sim.config.MonitorSettings;
import org.townlet.sim.config.NeedsSettings;
import org.townlet.sim.config.PerturbationSettings;
import org.townlet.sim.config.PersonalitySettings;
import org.townlet.sim.config.PolicySettings;
import org.townlet.sim.config.QueueSettings;
import org.townlet.sim.config.RelationshipSettings;
import org.townlet.sim.config.RewardSettings;
import org.townlet.sim.config.ScheduledPerturbation;
import org.townlet.sim.config.SimulationSettings;
import org.townlet.sim.config.SnapshotSettings;
import org.townlet.sim.config.StabilitySettings;
import org.townlet.sim.config.StoryBeat;
import org.townlet.sim.config.StorySettings;
import org.townlet.sim.config.UtilitySettings;

/**
 * The scenario presets of SPEC §17.7 ({@code small_story}, {@code empty_town}, {@code queue_conflict},
 * {@code large_town}); described on {@link SimulationConfig}. Beats name agents as {@code $N} (the N-th agent in id
 * order), so the presets work with any ids, and a beat whose agent or object a smaller town lacks is skipped.
 * Stateless.
 */
final class Scenarios {
    /** Perturbations at fixed ticks: a power outage with its recovery, a price spike, a short water outage. */
    static final List<ScheduledPerturbation> STORY_SCHEDULE = List.of(
            ScheduledPerturbation.outage(80, ScheduledPerturbation.POWER_OUTAGE, 60),
            ScheduledPerturbation.priceSpike(200, 120, 1.8, List.of("meal")),
            ScheduledPerturbation.outage(320, ScheduledPerturbation.WATER_OUTAGE, 30));

    /** The beats of the small story; see {@link SimulationConfig} for what they show. */
    static final List<StoryBeat> STORY_BEATS = List.of(
            StoryBeat.announce(5, "A new day begins in Townlet."),
            StoryBeat.use(30, "$5", "shower_1"),
            StoryBeat.use(40, "$1", "bed_1"),
            StoryBeat.use(45, "$6", "bed_1"),
            StoryBeat.use(70, "$8", "shower_2"),
            StoryBeat.use(85, "$7", "shower_2"),
            StoryBeat.queueConflict(100, "fridge_1", "$2", "$3", 0.8, "patience"),
            StoryBeat.use(105, "$3", "bed_2"),
            StoryBeat.use(110, "$2", "bed_2"),
            StoryBeat.lateArrival(150, "$4"),
            StoryBeat.lateArrival(170, "$4"),
            StoryBeat.lateArrival(190, "$4"),
            StoryBeat.lateArrival(210, "$4"),
            StoryBeat.lateArrival(230, "$4"),
            StoryBeat.chat(250, "$1", "$2", 0.9),
            StoryBeat.chat(270, "$3", "$4", 0.2),
            StoryBeat.chat(300, "$2", "$3", 0.1),
            StoryBeat.chat(350, "$5", "$6", 0.95),
            StoryBeat.announce(400, "Evening falls over Townlet."));

    /** Crowding at {@code shower_1}: rotation, a ghost step and patience conflicts within 60 ticks. */
    static final List<StoryBeat> QUEUE_BEATS = List.of(
            StoryBeat.use(5, "$1", "shower_1"),
            StoryBeat.use(6, "$2", "shower_1"),
            StoryBeat.stepAway(7, "$2", 60),
            StoryBeat.use(30, "$3", "shower_1"),
            StoryBeat.use(31, "$4", "shower_1"),
            StoryBeat.use(32, "$5", "shower_1"));

    private Scenarios() {
    }

    static SimulationConfig preset(String name) {
        return switch (name) {
            case "small_story" -> base(simulation(name, SimulationSettings.DEFAULT_AGENTS),
                    schedule(), new StorySettings(STORY_BEATS), NeedsSettings.DEFAULTS, QueueSettings.DEFAULTS);
            case "empty_town" -> base(simulation(name, 0), schedule(), StorySettings.DEFAULTS,
                    NeedsSettings.DEFAULTS, QueueSettings.DEFAULTS);
            case "large_town" -> base(simulation(name, 2000), schedule(), StorySettings.DEFAULTS,
                    NeedsSettings.DEFAULTS, QueueSettings.DEFAULTS);
            case "queue_conflict" -> base(simulation(name, 12), PerturbationSettings.DEFAULTS,
                    new StorySettings(QUEUE_BEATS),
                    NeedsSettings.builder().hygieneDecay(0.005).build(),
                    QueueSettings.builder().patienceTicks(25).ghostStepTicks(3).build());
            default -> throw new IllegalArgumentException("simulation.scenario must be one of "
                    + SimulationSettings.SCENARIOS + "; got '" + name + "'");
        };
    }

    private static SimulationSettings simulation(String name, int agents) {
        return SimulationSettings.builder().scenario(name).agents(agents).build();
    }

    private static PerturbationSettings schedule() {
        return PerturbationSettings.builder().schedule(STORY_SCHEDULE).build();
    }

    private static SimulationConfig base(SimulationSettings simulation, PerturbationSettings perturbations,
            StorySettings story, NeedsSettings needs, QueueSettings queues) {
        return new SimulationConfig(SimulationConfig.DEFAULT_CONFIG_ID, simulation, needs, queues,
                EconomySettings.DEFAULTS, UtilitySettings.DEFAULTS, EmploymentSettings.DEFAULTS,
                RelationshipSettings.DEFAULTS, PersonalitySettings.DEFAULTS, RewardSettings.DEFAULTS,
                StabilitySettings.DEFAULTS, perturbations, PolicySettings.DEFAULTS, story, MonitorSettings.DEFAULTS,
                SnapshotSettings.DEFAULTS);
    }
}

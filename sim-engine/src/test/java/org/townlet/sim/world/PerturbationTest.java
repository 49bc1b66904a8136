package org.townlet.sim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.townlet.sim.config.EconomySettings;
import org.townlet.sim.config.PerturbationSettings;
import org.townlet.sim.config.ScheduledPerturbation;
import org.townlet.sim.config.StoryBeat;
import org.townlet.sim.config.UtilitySettings;
import org.townlet.telemetry.api.event.PriceSpike;

/** The economy, utilities and the perturbation scheduler (SPEC §17.3). */
class PerturbationTest {

    private static final UtilitySettings NO_RANDOM_OUTAGES = UtilitySettings.builder().outageRate(0.0).build();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> prices(Town town) {
        return (Map<String, Object>) town.worldView().economy().get("prices");
    }

    @Test
    void aScheduledPriceSpikeRaisesItsTargetsForItsDuration() {
        TownDriver driver = TownDriver.of(TownDriver.named(2).withPerturbations(PerturbationSettings.builder()
                .priceSpikeRate(0.0)
                .schedule(ScheduledPerturbation.priceSpike(5, 10, 2.0, List.of("meal"))).build()));

        driver.runTo(4);
        assertThat(prices(driver.town)).containsEntry("meal", 0.4).containsEntry("ingredients", 0.15);
        assertThat(driver.town.perturbations().pending()).singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("tick", 5L).containsEntry("spec", "price_spike"));

        driver.runTo(5);
        assertThat(prices(driver.town)).containsEntry("meal", 0.8).containsEntry("ingredients", 0.15);
        assertThat(driver.town.worldView().priceSpikes())
                .containsExactly(Map.entry("price_spike_5", new PriceSpike(2.0, List.of("meal"))));
        assertThat(driver.town.perturbations().active()).containsKey("price_spike_5");
        assertThat(driver.town.perturbations().pending()).isEmpty();
        assertThat(driver.town.perturbations().cooldowns().spec()).containsEntry("price_spike", 5L + 720);

        driver.runTo(15);
        assertThat(prices(driver.town)).containsEntry("meal", 0.4);
        assertThat(driver.town.worldView().priceSpikes()).isEmpty();
        assertThat(driver.events("price_spike_end")).singleElement()
                .satisfies(event -> assertThat(event.tick()).isEqualTo(15));
    }

    @Test
    void randomSpikesRespectTheSpecCooldownButScheduledOnesDoNot() {
        TownDriver random = TownDriver.of(TownDriver.named(2).withPerturbations(PerturbationSettings.builder()
                .priceSpikeRate(1.0).priceSpikeDuration(5).cooldownTicks(50).build()));
        random.runTo(120);
        assertThat(random.events("price_spike")).extracting(TownDriver.Timed::tick).containsExactly(1L, 51L, 101L);
        assertThat(random.events("price_spike")).allSatisfy(event -> {
            assertThat((Double) event.get("magnitude")).isBetween(1.1, 3.0);
            assertThat(event.get("source")).isEqualTo("random");
        });

        TownDriver scheduled = TownDriver.of(TownDriver.named(2).withPerturbations(PerturbationSettings.builder()
                .priceSpikeRate(0.0).schedule(
                        ScheduledPerturbation.priceSpike(3, 10, 1.5, List.of("meal", "ingredients")),
                        ScheduledPerturbation.priceSpike(5, 10, 2.0, List.of("meal"))).build()));
        scheduled.runTo(5);
        assertThat(scheduled.events("price_spike")).extracting(TownDriver.Timed::tick).containsExactly(3L, 5L);
        assertThat(prices(scheduled.town)).containsEntry("meal", 1.2).containsEntry("ingredients", 0.225);
    }

    @Test
    void aPowerOutageFailsARunningShowerAndRefusesNewOnesUntilRecovery() {
        TownDriver driver = TownDriver.of(TownDriver.named(2,
                StoryBeat.use(5, "alice", "shower_1"),
                StoryBeat.use(12, "bob", "shower_1"))
                .withUtilities(NO_RANDOM_OUTAGES)
                .withPerturbations(PerturbationSettings.builder().priceSpikeRate(0.0)
                        .schedule(ScheduledPerturbation.outage(10, "power_outage", 20)).build()));

        driver.runTo(10);
        assertThat(driver.events("utility_outage")).singleElement()
                .satisfies(event -> assertThat(event.get("utility")).isEqualTo("power"));
        assertThat(driver.events("affordance_fail")).singleElement().satisfies(event -> {
            assertThat(event.get("agent_id")).isEqualTo("alice");
            assertThat(event.get("reason")).isEqualTo("power_off");
        });
        assertThat(driver.town.worldView().utilities()).containsEntry("power", false).containsEntry("water", true);
        assertThat(driver.town.perturbations().active()).containsKey("power_outage_10");
        assertThat(driver.town.perturbations().cooldowns().agents()).containsKey("alice");

        driver.runTo(12);
        assertThat(driver.events("shower_power_outage")).singleElement()
                .satisfies(event -> assertThat(event.get("agent_id")).isEqualTo("bob"));
        assertThat(driver.events("affordance_precondition_fail")).singleElement()
                .satisfies(event -> assertThat(event.get("reason")).isEqualTo("power_off"));
        assertThat(driver.town.worldView().runningAffordances()).doesNotContainKey("shower_1");

        driver.runTo(30);
        assertThat(driver.events("utility_restored")).singleElement().satisfies(event -> {
            assertThat(event.tick()).isEqualTo(30);
            assertThat(event.get("outage_ticks")).isEqualTo(20L);
        });
        assertThat(driver.town.worldView().utilities()).containsEntry("power", true);
        assertThat(driver.town.perturbations().active()).isEmpty();
    }

    @Test
    void aWaterOutageStopsShowersButNotSleep() {
        TownDriver driver = TownDriver.of(TownDriver.named(2,
                StoryBeat.use(5, "alice", "shower_1"),
                StoryBeat.use(5, "bob", "bed_1"))
                .withUtilities(NO_RANDOM_OUTAGES)
                .withPerturbations(PerturbationSettings.builder().priceSpikeRate(0.0)
                        .schedule(ScheduledPerturbation.outage(8, "water_outage", 5)).build()));

        driver.runTo(8);

        assertThat(driver.events("affordance_fail")).singleElement()
                .satisfies(event -> assertThat(event.get("reason")).isEqualTo("water_off"));
        assertThat(driver.town.worldView().runningAffordances()).containsOnlyKeys("bed_1");
    }

    @Test
    void consoleOutagesStartNextTickAndRandomOnesFollowTheRate() {
        TownDriver driver = TownDriver.of(TownDriver.named(2).withUtilities(NO_RANDOM_OUTAGES)
                .withPerturbations(PerturbationSettings.builder().priceSpikeRate(0.0).build()));
        driver.runTo(3);
        driver.town.requestOutage("water", 4);
        assertThat(driver.town.worldView().utilities()).containsEntry("water", true);
        driver.runTo(4);
        assertThat(driver.events("utility_outage")).singleElement()
                .satisfies(event -> assertThat(event.get("reason")).isEqualTo("console"));
        assertThat(driver.town.worldView().utilities()).containsEntry("water", false);
        driver.runTo(8);
        assertThat(driver.town.worldView().utilities()).containsEntry("water", true);
        assertThatThrownBy(() -> driver.town.requestOutage("gas", 4))
                .hasMessage("unknown utility 'gas'; known: [power, water]");

        TownDriver random = TownDriver.of(TownDriver.named(2)
                .withUtilities(UtilitySettings.builder().outageRate(1.0).outageMinTicks(3).outageMaxTicks(3).build())
                .withPerturbations(PerturbationSettings.builder().priceSpikeRate(0.0).cooldownTicks(10).build()));
        random.runTo(25);
        assertThat(random.events("utility_outage")).extracting(TownDriver.Timed::tick)
                .containsExactly(1L, 1L, 11L, 11L, 21L, 21L);
        assertThat(random.events("utility_restored")).extracting(TownDriver.Timed::tick)
                .containsExactly(4L, 4L, 14L, 14L, 24L, 24L);
    }

    @Test
    void fridgesAreRestockedEveryIntervalUpToTheirCapacity() {
        TownDriver driver = TownDriver.of(TownDriver.named(2).withEconomy(EconomySettings.builder()
                .restockIntervalTicks(10).restockAmount(7).build()));

        driver.runTo(10);
        assertThat(driver.events("economy_restock")).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> objects = (Map<String, Map<String, Object>>) driver.town.worldView()
                .economy().get("objects");
        assertThat(objects.get("fridge_1")).containsEntry("type", "fridge")
                .containsEntry("stock", Map.of("ingredients", 11L, "meals", 4L));
        assertThat(objects.get("bed_1")).containsEntry("stock", Map.of());
        driver.runTo(100);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> later = (Map<String, Map<String, Object>>) driver.town.worldView()
                .economy().get("objects");
        assertThat(later.get("fridge_1").get("stock")).isEqualTo(Map.of("ingredients", 20L, "meals", 4L));
        assertThat(driver.town.worldView().economySettings()).containsExactly(
                Map.entry("meal_cost", 0.4), Map.entry("ingredients_cost", 0.15), Map.entry("wage_rate", 0.01),
                Map.entry("starting_wallet", 5.0), Map.entry("restock_interval_ticks", 10.0),
                Map.entry("restock_amount", 7.0));
    }
}

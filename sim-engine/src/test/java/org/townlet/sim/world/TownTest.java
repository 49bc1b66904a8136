package org.townlet.sim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.townlet.sim.config.EmploymentSettings;
import org.townlet.sim.config.PersonalitySettings;
import org.townlet.telemetry.api.event.RelationshipTie;

class TownTest {

    static List<String> agents(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(String.format("agent_%04d", i));
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objects(Town town) {
        return (Map<String, Object>) town.worldView().economy().get("objects");
    }

    @Test
    void objectCountsFollowTheAgentCountWithAtLeastOneOfEach() {
        Town pair = Town.create(TownSettings.of(1, List.of("bob", "alice"), 1440));
        Town nine = Town.create(TownSettings.of(1, agents(9), 1440));
        Town none = Town.create(TownSettings.of(1, List.of(), 1440));

        assertThat(objects(pair)).containsOnlyKeys("bed_1", "fridge_1", "shower_1", "stove_1");
        assertThat(objects(none)).containsOnlyKeys("bed_1", "fridge_1", "shower_1", "stove_1");
        // ⌈9/4⌉ showers, ⌈9/2⌉ beds, ⌈9/6⌉ stoves and fridges
        assertThat(objects(nine)).containsOnlyKeys("bed_1", "bed_2", "bed_3", "bed_4", "bed_5", "fridge_1",
                "fridge_2", "shower_1", "shower_2", "shower_3", "stove_1", "stove_2");
        assertThat(new ArrayList<>(objects(nine).keySet())).isSorted();
        assertThat(nine.worldView().affordanceManifest()).containsEntry("object_count", 12L);
    }

    @Test
    void manifestChecksumIsSha256OfTheCanonicalAffordanceTable() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(Affordance.canonicalTable().getBytes(StandardCharsets.UTF_8));

        Map<String, Object> manifest = Town.create(TownSettings.of(1, List.of(), 1440)).worldView()
                .affordanceManifest();

        assertThat(manifest).containsEntry("path", "builtin:core").containsEntry("affordance_count", 4L)
                .containsEntry("checksum", HexFormat.of().formatHex(digest));
        assertThat(Affordance.canonicalTable()).startsWith("[{\"effect\":\"paired fridge meals + 2; wallet - "
                + "ingredients_cost\",\"id\":\"cook_meal\",\"object\":\"stove\",\"preconditions\":\"power on, "
                + "paired fridge ingredients >= 1\",\"ticks\":40},")
                .contains("\"id\":\"eat_meal\",\"object\":\"fridge\"", "\"ticks\":15", "\"id\":\"rest_sleep\"",
                        "\"ticks\":60", "\"id\":\"use_shower\"", "\"ticks\":30");
    }

    @Test
    void personalitiesHaveProfilesTraitsAndMultipliersUnlessDisabled() {
        Town town = Town.create(TownSettings.of(1, agents(12), 1440));
        Map<String, Map<String, Object>> personalities = town.worldView().personalities();

        assertThat(personalities).hasSize(12);
        assertThat(personalities.values()).allSatisfy(personality -> {
            assertThat(personality.keySet()).containsExactly("profile", "traits", "multipliers");
            assertThat(personality.get("profile")).isIn("balanced", "social", "industrious", "stoic");
            @SuppressWarnings("unchecked")
            Map<String, Double> traits = (Map<String, Double>) personality.get("traits");
            assertThat(traits.keySet()).containsExactly("extroversion", "forgiveness", "ambition");
            assertThat(traits.values()).allSatisfy(value -> assertThat(value).isBetween(-1.0, 1.0));
            @SuppressWarnings("unchecked")
            Map<String, Object> multipliers = (Map<String, Object>) personality.get("multipliers");
            assertThat(multipliers.keySet()).containsExactly("needs", "rewards", "behaviour");
            assertThat(((Map<?, ?>) multipliers.get("behaviour")).containsKey("conflict_tolerance")).isTrue();
        });
        assertThat(Town.create(TownSettings.of(1, agents(12), 1440).withPersonality(new PersonalitySettings(false)))
                .worldView().personalities()).isEmpty();
    }

    @Test
    void rewardComponentsSumToTheClippedTotal() {
        Town town = Town.create(TownSettings.of(5, agents(12), 1440));
        for (long tick = 1; tick <= 500; tick++) {
            town.advance(tick);
            for (Map<String, Double> components : town.rewards().breakdown().values()) {
                double sum = 0.0;
                for (Map.Entry<String, Double> component : components.entrySet()) {
                    if (!component.getKey().equals("total")) {
                        sum += component.getValue();
                    }
                }
                assertThat(components.keySet()).containsExactlyElementsOf(Rewards.COMPONENTS);
                assertThat(sum).isCloseTo(components.get("total"), within(1e-12));
                assertThat(components.get("total")).isBetween(-1.0, 1.0);
            }
        }
    }

    @Test
    void ticksAdvanceOneAtATime() {
        Town town = Town.create(TownSettings.of(5, agents(2), 1440));
        town.advance(1);

        assertThatThrownBy(() -> town.advance(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ticks advance one at a time: expected 2, got 3");
    }

    @Test
    void tiesStayInRangeAndWithinCapacity() {
        Town town = Town.create(TownSettings.of(17, agents(30), 1440));
        long ties = 0;
        for (long tick = 1; tick <= 2000; tick++) {
            town.advance(tick);
            for (Map<String, RelationshipTie> owned : town.worldView().relationships().values()) {
                assertThat(owned.size()).isLessThanOrEqualTo(8);
                for (RelationshipTie tie : owned.values()) {
                    assertThat(tie.trust()).isBetween(-1.0, 1.0);
                    assertThat(tie.familiarity()).isBetween(-1.0, 1.0);
                    assertThat(tie.rivalry()).isBetween(0.0, 1.0);
                    ties++;
                }
            }
        }
        assertThat(ties).isPositive();
    }

    @Test
    void needsStayInTheUnitInterval() {
        Town town = Town.create(TownSettings.of(3, agents(24), 200));
        for (long tick = 1; tick <= 3000; tick++) {
            town.advance(tick);
            for (Map<String, Object> job : town.worldView().jobs().values()) {
                @SuppressWarnings("unchecked")
                Map<String, Double> needs = (Map<String, Double>) job.get("needs");
                assertThat(needs.keySet()).containsExactly("hunger", "hygiene", "energy");
                assertThat(needs.values()).allSatisfy(value -> assertThat(value).isBetween(0.0, 1.0));
            }
            assertThat(town.hungerLevels().values()).allSatisfy(value -> assertThat(value).isBetween(0.0, 1.0));
        }
    }

    /** Money enters only as wages and with arriving agents, and leaves only as purchases and with exits. */
    @Test
    void moneyIsConservedExceptWagesAndPurchases() {
        Town town = Town.create(TownSettings.of(9, agents(30), 300)
                .withEmployment(EmploymentSettings.builder().latenessExitThreshold(1).reviewWindow(50)
                        .replacementDelayTicks(20).build()));
        for (long tick = 1; tick <= 3000; tick++) {
            town.advance(tick);
            Map<String, Double> ledger = town.ledger();
            double expected = ledger.get("initial") + ledger.get("wages_paid") - ledger.get("purchases")
                    + ledger.get("funds_arrived") - ledger.get("funds_departed");
            assertThat(ledger.get("wallets")).as("tick %d", tick).isCloseTo(expected, within(1e-9));
        }
        Map<String, Double> ledger = town.ledger();
        assertThat(ledger.get("wages_paid")).isPositive();
        assertThat(ledger.get("purchases")).isPositive();
        assertThat(ledger.get("funds_departed")).isPositive();
        assertThat(ledger.get("funds_arrived")).isPositive();
        assertThat(town.exitsTotal()).isPositive();
    }

    @Test
    void unchangedViewPartsAreTheSameObjects() {
        Town town = Town.create(TownSettings.of(5, agents(6), 1440));
        town.advance(1);
        var first = town.worldView();
        town.advance(2);
        var second = town.worldView();

        assertThat(second.affordanceManifest()).isSameAs(first.affordanceManifest());
        assertThat(second.economySettings()).isSameAs(first.economySettings());
        assertThat(second.employment()).isSameAs(first.employment());
        assertThat(second.embeddingMetrics()).isSameAs(first.embeddingMetrics());
        assertThat(second.relationshipMetrics()).isSameAs(first.relationshipMetrics());
        assertThat(second.personalities().get("agent_0001")).isSameAs(first.personalities().get("agent_0001"));
        int reused = 0;
        for (String id : second.jobs().keySet()) {
            reused += second.jobs().get(id) == first.jobs().get(id) ? 1 : 0;
        }
        assertThat(reused).as("job entries reused").isPositive();
    }
}

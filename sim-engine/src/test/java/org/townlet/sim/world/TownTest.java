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
import org.townlet.telemetry.api.event.RelationshipTie;

class TownTest {

    private static List<String> agents(int count) {
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
    void objectsAreNumberedFromOneWithAtLeastOneOfEach() {
        Town pair = Town.create(new TownSettings(1, List.of("bob", "alice"), 1440));
        Town eight = Town.create(new TownSettings(1, agents(8), 1440));

        assertThat(objects(pair)).containsOnlyKeys("bed_1", "fridge_1", "shower_1", "stove_1");
        assertThat(objects(eight)).containsOnlyKeys("bed_1", "bed_2", "bed_3", "bed_4", "fridge_1", "fridge_2",
                "shower_1", "shower_2", "stove_1", "stove_2");
        assertThat(new ArrayList<>(objects(eight).keySet())).isSorted();
        assertThat(eight.worldView().affordanceManifest()).containsEntry("object_count", 10L);
    }

    @Test
    void manifestChecksumIsSha256OfTheCanonicalAffordanceTable() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(Affordance.canonicalTable().getBytes(StandardCharsets.UTF_8));

        Map<String, Object> manifest = Town.create(new TownSettings(1, List.of(), 1440)).worldView()
                .affordanceManifest();

        assertThat(manifest.get("checksum")).isEqualTo(HexFormat.of().formatHex(digest));
        assertThat(Affordance.canonicalTable()).isEqualTo("[{\"id\":\"cook_meal\",\"object\":\"stove\",\"ticks\":40},"
                + "{\"id\":\"eat_meal\",\"object\":\"fridge\",\"ticks\":15},"
                + "{\"id\":\"rest_sleep\",\"object\":\"bed\",\"ticks\":60},"
                + "{\"id\":\"use_shower\",\"object\":\"shower\",\"ticks\":30}]");
    }

    @Test
    void rewardComponentsSumToTheClippedTotal() {
        Town town = Town.create(new TownSettings(5, agents(12), 1440));
        for (long tick = 1; tick <= 500; tick++) {
            town.advance(tick);
            for (Map<String, Double> components : town.rewards().breakdown().values()) {
                double sum = 0.0;
                for (Map.Entry<String, Double> component : components.entrySet()) {
                    if (!component.getKey().equals("total")) {
                        sum += component.getValue();
                    }
                }
                assertThat(components).hasSize(14);
                assertThat(sum).isCloseTo(components.get("total"), within(1e-12));
                assertThat(components.get("total")).isBetween(-1.0, 1.0);
            }
        }
    }

    @Test
    void ticksAdvanceOneAtATime() {
        Town town = Town.create(new TownSettings(5, agents(2), 1440));
        town.advance(1);

        assertThatThrownBy(() -> town.advance(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ticks advance one at a time: expected 2, got 3");
    }

    @Test
    void tiesStayInRangeAndWithinCapacity() {
        Town town = Town.create(new TownSettings(17, agents(30), 1440));
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
    void jobsGoRoundRobinAndWagesAccrueOnShift() {
        Town town = Town.create(new TownSettings(5, List.of("alice", "bob", "carol"), 1440));
        for (long tick = 1; tick <= 10; tick++) {
            town.advance(tick);
        }

        Map<String, Map<String, Object>> jobs = town.worldView().jobs();
        assertThat(jobs.get("alice")).containsEntry("job_id", "cook").containsEntry("on_shift", true);
        assertThat(jobs.get("bob")).containsEntry("job_id", "cleaner");
        assertThat(jobs.get("carol")).containsEntry("job_id", "clerk");
        @SuppressWarnings("unchecked")
        Map<String, Object> inventory = (Map<String, Object>) jobs.get("carol").get("inventory");
        assertThat((Double) inventory.get("wages_earned")).isPositive();
    }
}

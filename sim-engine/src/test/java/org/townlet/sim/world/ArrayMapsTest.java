package org.townlet.sim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.json.ImmutableJson;
import org.townlet.telemetry.api.json.JsonMaps;

class ArrayMapsTest {
    private static final ArrayMaps.Keys KEYS = new ArrayMaps.Keys("hunger", "hygiene", "energy");

    @Test
    void forEachVisitsTheEntriesInKeyOrderLikeIteration() {
        Map<String, Double> map = ArrayMaps.ofDoubles(KEYS, new double[] {0.5, 0.25, 1.0});
        List<String> visited = new ArrayList<>();

        map.forEach((key, value) -> visited.add(key + "=" + value));

        List<String> iterated = new ArrayList<>();
        map.entrySet().forEach(entry -> iterated.add(entry.getKey() + "=" + entry.getValue()));
        assertThat(visited).containsExactly("hunger=0.5", "hygiene=0.25", "energy=1.0").isEqualTo(iterated);
        LinkedHashMap<String, Double> expected = new LinkedHashMap<>();
        expected.put("hunger", 0.5);
        expected.put("hygiene", 0.25);
        expected.put("energy", 1.0);
        assertThat(map).isEqualTo(expected).hasSameHashCodeAs(expected);
    }

    @Test
    void objectAndLongMapsVisitTheirValues() {
        Map<String, String> names = ArrayMaps.of(KEYS, new String[] {"a", "b", "c"});
        Map<String, Long> counts = ArrayMaps.ofLongs(KEYS, new long[] {1, 2, 3});
        StringBuilder seen = new StringBuilder();

        names.forEach((key, value) -> seen.append(value));
        counts.forEach((key, value) -> seen.append(value));

        assertThat(seen).hasToString("abc123");
    }

    @Test
    void theMapsAreImmutableJsonThatTheApiTakesAsIs() {
        Map<String, Double> needs = ArrayMaps.ofDoubles(KEYS, new double[] {0.5, 0.25, 1.0});
        Map<String, Map<String, Double>> byAgent = ArrayMaps.of(new ArrayMaps.Keys("alice"), new Map[] {needs});

        assertThat(needs).isInstanceOf(ImmutableJson.class);
        assertThat(JsonMaps.copyOf(needs)).isSameAs(needs);
        assertThat(JsonMaps.<Double>copyOfNested(byAgent)).isSameAs(byAgent);
    }

    @Test
    void everyMutatorThrows() {
        Map<String, Long> counts = ArrayMaps.ofLongs(KEYS, new long[] {1, 2, 3});

        assertThatThrownBy(() -> counts.put("hunger", 4L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> counts.remove("hunger")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(counts::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> counts.replaceAll((key, value) -> 0L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> counts.keySet().remove("energy")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> counts.values().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> counts.entrySet().iterator().next().setValue(0L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(counts).containsExactly(Map.entry("hunger", 1L), Map.entry("hygiene", 2L), Map.entry("energy", 3L));
    }

    @Test
    void aReusedViewKeepsItsMapWhileTheKeysAndEveryEntryAreTheSameObjects() {
        ArrayMaps.ReusedView<String> view = new ArrayMaps.ReusedView<>();
        String a = "a";
        String b = "b";
        String c = "c";

        Map<String, String> first = view.of(KEYS, new String[] {a, b, c});
        Map<String, String> same = view.of(KEYS, new String[] {a, b, c});
        Map<String, String> changed = view.of(KEYS, new String[] {a, new String("b"), c});
        Map<String, String> rekeyed = view.of(new ArrayMaps.Keys("hunger", "hygiene", "energy"),
                new String[] {a, changed.get("hygiene"), c});

        assertThat(same).isSameAs(first);
        assertThat(changed).isNotSameAs(first).isEqualTo(first);
        assertThat(rekeyed).isNotSameAs(changed).isEqualTo(first);
    }
}

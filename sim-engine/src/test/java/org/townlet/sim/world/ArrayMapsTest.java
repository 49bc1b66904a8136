package org.townlet.sim.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}

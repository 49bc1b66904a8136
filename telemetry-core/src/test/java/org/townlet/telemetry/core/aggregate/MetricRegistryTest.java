package org.townlet.telemetry.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.json.JsonMaps;
import org.townlet.telemetry.api.status.MetricValue;

class MetricRegistryTest {
    @Test
    void keepsNamesSortedAndTheLatestValueOfEach() {
        Random random = new Random(5);
        TreeMap<String, MetricValue> expected = new TreeMap<>();
        MetricRegistry registry = MetricRegistry.EMPTY;
        for (int i = 0; i < 500; i++) {
            String name = "metric_" + random.nextInt(12);
            MetricValue value = new MetricValue(random.nextDouble(), Map.of("round", String.valueOf(i)));
            MetricRegistry before = registry;
            Map<String, MetricValue> beforeContent = new TreeMap<>(before);
            expected.put(name, value);
            registry = registry.with(name, value);
            assertThat(before).isEqualTo(beforeContent); // immutable: the old registry did not change
        }

        assertThat(registry).isEqualTo(expected);
        assertThat(registry.keySet()).containsExactlyElementsOf(expected.keySet());
        assertThat(registry.view()).isEqualTo(expected).containsExactlyEntriesOf(new LinkedHashMap<>(expected));
        assertThat(MetricRegistry.of(expected)).isEqualTo(registry);
        assertThat(registry.containsKey("metric_3")).isEqualTo(expected.containsKey("metric_3"));
        assertThat(registry.get(42)).isNull();
    }

    @Test
    void theViewIsTakenAsIsByTheApisJsonMaps() {
        Map<String, MetricValue> view = MetricRegistry.EMPTY.with("a", MetricValue.of(1.0)).view();

        assertThat(JsonMaps.copyOf(view)).isSameAs(view);
        assertThat(MetricRegistry.EMPTY.view()).isEmpty();
    }
}

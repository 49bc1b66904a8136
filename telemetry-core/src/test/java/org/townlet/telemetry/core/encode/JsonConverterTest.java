package org.townlet.telemetry.core.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Converting with the previous document's conversion as a guide (SnapshotDocumentBuilder's sections). */
class JsonConverterTest {

    @Test
    void aPreviousConversionAsGuideNeverChangesTheResult() {
        JsonConverter guided = new JsonConverter(() -> { });
        JsonConverter unguided = new JsonConverter(() -> { });
        FrameEncoder encoder = new FrameEncoder();
        RandomJsonValues random = new RandomJsonValues(17);
        SplittableRandom choice = new SplittableRandom(18);
        List<Object> pool = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            pool.add(random.value(3));
        }
        Object previous = null;
        for (int document = 0; document < 2_000; document++) {
            // agents come and go and move; their entries are often the very objects of the tick before
            Map<String, Object> section = new LinkedHashMap<>();
            for (int i = choice.nextInt(8); i > 0; i--) {
                section.put("agent_" + choice.nextInt(10), pool.get(choice.nextInt(pool.size())));
            }
            if (choice.nextInt(4) == 0) {
                pool.set(choice.nextInt(pool.size()), random.value(3));
            }
            Map<String, Object> source = Collections.unmodifiableMap(section);
            guided.beginSection("jobs");
            unguided.beginSection("jobs");

            Map<String, Object> converted = guided.plainMap(source, previous);

            Map<String, Object> expected = unguided.plainMap(source);
            assertThat(FrameDiffer.jsonEquals(converted, expected)).isTrue();
            assertThat(encoder.encodeBytes(converted)).isEqualTo(encoder.encodeBytes(expected));
            assertThat(converted.keySet()).containsExactlyElementsOf(section.keySet());
            previous = converted;
        }
        assertThat(guided.nonfiniteSeen()).isEqualTo(unguided.nonfiniteSeen());
    }

    @Test
    void aKeyedMapWhoseEntriesDoNotMatchItsSizeFailsInsteadOfLosingEntries() {
        JsonConverter converter = new JsonConverter(() -> { });
        Map<String, Object> grown = new LinkedHashMap<>(Map.of("a", 1L, "b", 2L)) {
            @Override
            public int size() {
                return 1; // as if an entry arrived while it was converted
            }
        };
        Map<String, Object> shrunk = new LinkedHashMap<>(Map.of("a", 1L)) {
            @Override
            public int size() {
                return 2;
            }
        };

        assertThatThrownBy(() -> converter.keyed(grown, value -> value)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("changed while it was converted");
        assertThatThrownBy(() -> converter.keyed(shrunk, value -> value)).isInstanceOf(IllegalStateException.class);
        assertThat(converter.keyed(Map.of("a", 1L), value -> value)).isEqualTo(Map.of("a", 1L));
    }
}

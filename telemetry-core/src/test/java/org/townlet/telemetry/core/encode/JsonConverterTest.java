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

    @Test
    void aKeyedSectionKeepsTheConversionOfEachEntryWhoseSourceIsTheSameObject() {
        JsonConverter converter = new JsonConverter(() -> { });
        JsonConverter.KeyedMemo memo = new JsonConverter.KeyedMemo();
        List<Double> kept = List.of(0.5, 0.25);
        Map<String, List<Double>> first = new LinkedHashMap<>();
        first.put("agent_1", kept);
        first.put("agent_2", List.of(1.0));
        Map<String, Object> before = converter.keyed(first, JsonConverterTest::rowOf, memo);

        Map<String, List<Double>> second = new LinkedHashMap<>();
        second.put("agent_0", List.of(2.0)); // an owner came before the others: they are found one place later
        second.put("agent_1", kept);
        second.put("agent_2", List.of(1.0)); // equal, but another object: converted again
        Map<String, Object> after = converter.keyed(second, JsonConverterTest::rowOf, memo);

        assertThat(after.get("agent_1")).isSameAs(before.get("agent_1"));
        assertThat(after.get("agent_2")).isNotSameAs(before.get("agent_2")).isEqualTo(before.get("agent_2"));
        assertThat(after).isEqualTo(converter.keyed(second, JsonConverterTest::rowOf));
        assertThat(after.keySet()).containsExactly("agent_0", "agent_1", "agent_2");
    }

    @Test
    void aKeyedSectionWithTheSameKeysKeepsItsKeyArraySoTheDifferMatchesEntriesByPosition() {
        JsonConverter converter = new JsonConverter(() -> { });
        JsonConverter.KeyedMemo memo = new JsonConverter.KeyedMemo();
        JsonObject first = (JsonObject) converter.keyed(Map.of("a", List.of(1.0)), JsonConverterTest::rowOf, memo);
        JsonObject second = (JsonObject) converter.keyed(Map.of("a", List.of(2.0)), JsonConverterTest::rowOf, memo);
        JsonObject third = (JsonObject) converter.keyed(Map.of("b", List.of(2.0)), JsonConverterTest::rowOf, memo);

        assertThat(second.keyArray()).isSameAs(first.keyArray());
        assertThat(third.keyArray()).isNotSameAs(first.keyArray()).containsExactly("b");
        assertThat(first.keyArray()).containsExactly("a");
    }

    @Test
    void aKeyedEntryThatNulledANonFiniteValueIsConvertedAndCountedAgainEachTime() {
        int[] counted = {0};
        JsonConverter converter = new JsonConverter(() -> counted[0]++);
        JsonConverter.KeyedMemo memo = new JsonConverter.KeyedMemo();
        List<Double> broken = java.util.Arrays.asList(Double.NaN, 1.0);
        Map<String, List<Double>> section = Map.of("agent_1", broken);

        Map<String, Object> first = converter.keyed(section, converter::plainList, memo);
        Map<String, Object> second = converter.keyed(section, converter::plainList, memo);

        assertThat(counted[0]).isEqualTo(2);
        assertThat(second.get("agent_1")).isNotSameAs(first.get("agent_1")).isEqualTo(first.get("agent_1"));
        assertThat(second.get("agent_1")).isEqualTo(java.util.Arrays.asList(null, 1.0));
    }

    /** A row as a builder converts one: a new list of converted values (so identity tells whether it was reused). */
    private static Object rowOf(List<Double> values) {
        return new ArrayList<>(values);
    }

    @Test
    void anUnchangedNumberOfAReconvertedMapIsThePreviousConversionsObject() {
        JsonConverter converter = new JsonConverter(() -> { });
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("steady", 0.5);
        first.put("count", 1_000L);
        first.put("moving", 0.25);
        first.put("zero", 0.0);
        JsonObject before = (JsonObject) converter.plainMap(Collections.unmodifiableMap(new LinkedHashMap<>(first)));
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("steady", Double.valueOf(0.5)); // equal values, other objects (as a simulation boxes them anew)
        second.put("count", Long.valueOf(1_000L));
        second.put("moving", 0.375);
        second.put("zero", -0.0); // written differently: not the same
        JsonObject after = (JsonObject) converter.plainMap(Collections.unmodifiableMap(second), before);

        assertThat(after.valueAt(0)).isSameAs(before.valueAt(0));
        assertThat(after.valueAt(1)).isSameAs(before.valueAt(1));
        assertThat(after.valueAt(2)).isNotSameAs(before.valueAt(2)).isEqualTo(0.375);
        assertThat(after.valueAt(3)).isNotSameAs(before.valueAt(3)).isEqualTo(-0.0);
        assertThat(after).isEqualTo(second);
    }
}

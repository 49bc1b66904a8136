package org.townlet.telemetry.core.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameDifferTest {

    private static Map<String, Object> document(Object... keysAndValues) {
        LinkedHashMap<String, Object> document = new LinkedHashMap<>();
        document.put("schema_version", "0.9.9");
        document.put("payload_type", "snapshot");
        document.put("seq", 0L);
        document.put("tick", 1L);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            document.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return document;
    }

    @Test
    void diffComparesNumbersNumerically() {
        assertThat(FrameDiffer.jsonEquals(1, 1.0)).isTrue();
        assertThat(FrameDiffer.jsonEquals(1L, 1)).isTrue();
        assertThat(FrameDiffer.jsonEquals(2.5, new BigDecimal("2.50"))).isTrue();
        assertThat(FrameDiffer.jsonEquals(1, 1.5)).isFalse();
        assertThat(FrameDiffer.jsonEquals(9_007_199_254_740_993L, 9_007_199_254_740_992.0)).isFalse();
        assertThat(FrameDiffer.jsonEquals(Map.of("a", List.of(1, 2)), Map.of("a", List.of(1.0, 2.0)))).isTrue();

        Map<String, Object> diff = FrameDiffer.diff(
                document("economy", Map.of("count", 1, "price", 2.0)),
                document("economy", Map.of("price", 2, "count", 1.0)), 1, 2);

        assertThat(diff).containsEntry("changes", Map.of());
    }

    @Test
    void mapsCompareRegardlessOfOrderAndListsInOrder() {
        LinkedHashMap<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", 2);
        LinkedHashMap<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", 2);
        ba.put("a", 1);

        assertThat(FrameDiffer.jsonEquals(ab, ba)).isTrue();
        assertThat(FrameDiffer.jsonEquals(List.of(1, 2), List.of(2, 1))).isFalse();
        assertThat(FrameDiffer.jsonEquals(Map.of("a", 1), Map.of("b", 1))).isFalse();
        assertThat(FrameDiffer.jsonEquals(Map.of("a", true), Map.of("a", 1))).isFalse();
        LinkedHashMap<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("a", null);
        assertThat(FrameDiffer.jsonEquals(withNull, Map.of("b", 1))).isFalse();
    }

    @Test
    void diffCarriesEnvelopeChangedSectionsAndRemovedKeys() {
        Map<String, Object> diff = FrameDiffer.diff(
                document("kept", Map.of("x", 1), "changed", List.of(1), "gone", "bye"),
                document("kept", Map.of("x", 1.0), "changed", List.of(2), "added", true), 5, 6);

        assertThat(diff.keySet()).containsExactly("schema_version", "payload_type", "seq", "tick", "changes",
                "removed");
        assertThat(diff).containsEntry("payload_type", "diff").containsEntry("seq", 5L).containsEntry("tick", 6L);
        assertThat(diff.get("changes")).isEqualTo(Map.of("changed", List.of(2), "added", true));
        assertThat(diff.get("removed")).isEqualTo(List.of("gone"));
    }

    @Test
    void removedIsOmittedWhenNothingWasRemoved() {
        Map<String, Object> diff = FrameDiffer.diff(document("a", 1), document("a", 2), 1, 2);

        assertThat(diff).doesNotContainKey("removed").containsEntry("changes", Map.of("a", 2));
    }

    @Test
    void convertedObjectsCompareByPositionWhenTheirKeysMatchAndByKeyOtherwise() {
        JsonObject object = new JsonObject(new String[] {"a", "b"}, 1L, 2.5);
        JsonObject sameKeysOtherArray = new JsonObject(new String[] {"a", "b"}, 1.0, 2.5);
        JsonObject otherValue = new JsonObject(new String[] {"a", "b"}, 1L, 3.5);
        JsonObject otherOrder = new JsonObject(new String[] {"b", "a"}, 2.5, 1L);
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("b", 2.5);
        map.put("a", 1);

        assertThat(FrameDiffer.jsonEquals(object, sameKeysOtherArray)).isTrue();
        assertThat(FrameDiffer.jsonEquals(object, otherValue)).isFalse();
        assertThat(FrameDiffer.jsonEquals(object, otherOrder)).isTrue();
        assertThat(FrameDiffer.jsonEquals(object, map)).isTrue();
        assertThat(FrameDiffer.jsonEquals(map, object)).isTrue();
    }
}

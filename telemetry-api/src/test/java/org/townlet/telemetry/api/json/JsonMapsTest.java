package org.townlet.telemetry.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.event.LoopTick;
import org.townlet.telemetry.api.event.WorldView;

class JsonMapsTest {

    /** A one-entry map that keeps the {@link ImmutableJson} contract. */
    private static final class FrozenEntry extends AbstractMap<String, Object> implements ImmutableJson {
        private final Set<Map.Entry<String, Object>> entries;

        FrozenEntry(String key, Object value) {
            entries = Set.of(new AbstractMap.SimpleImmutableEntry<>(key, value));
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            return entries;
        }
    }

    /** A map of maps that keeps the {@link ImmutableJson} contract. */
    private static final class FrozenRows extends AbstractMap<String, Map<String, Object>> implements ImmutableJson {
        private final Set<Map.Entry<String, Map<String, Object>>> entries;

        FrozenRows(Map<String, Object> a, Map<String, Object> b) {
            LinkedHashMap<String, Map<String, Object>> rows = new LinkedHashMap<>();
            rows.put("a", a);
            rows.put("b", b);
            entries = Set.copyOf(rows.entrySet().stream()
                    .map(entry -> new AbstractMap.SimpleImmutableEntry<>(entry.getKey(), entry.getValue()))
                    .toList());
        }

        @Override
        public Set<Map.Entry<String, Map<String, Object>>> entrySet() {
            return entries;
        }
    }

    private static final class FrozenList extends AbstractList<Object> implements ImmutableJson {
        @Override
        public Object get(int index) {
            return List.of(1L, "two").get(index);
        }

        @Override
        public int size() {
            return 2;
        }
    }

    @Test
    void anImmutableJsonMapOrListPassesThroughTheCopies() {
        FrozenEntry map = new FrozenEntry("hunger", 0.5);
        FrozenList list = new FrozenList();

        assertThat(JsonMaps.copyOf(map)).isSameAs(map);
        assertThat(JsonMaps.copyOfList(list)).isSameAs(list);
    }

    @Test
    void aMutableMapIsStillCopiedAndLaterChangesDoNotReachTheCopy() {
        HashMap<String, Object> source = new HashMap<>(Map.of("hunger", 0.5));

        Map<String, Object> copy = JsonMaps.copyOf(source);
        source.put("hunger", 0.1);

        assertThat(copy).isNotSameAs(source).containsExactly(Map.entry("hunger", 0.5));
        assertThatThrownBy(() -> copy.put("energy", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aNestedMapOfImmutableMapsInAnImmutableMapIsReturnedAsIs() {
        FrozenRows rows = new FrozenRows(new FrozenEntry("x", 1L), JsonMaps.of("y", 2L));

        assertThat(JsonMaps.copyOfNested(rows)).isSameAs(rows);
        assertThat(JsonMaps.copyOfNested(null)).isEmpty();
    }

    @Test
    void aNestedCopyKeepsImmutableInnerMapsButCopiesMutableOnesAndAMutableOuterMap() {
        FrozenEntry kept = new FrozenEntry("x", 1L);
        HashMap<String, Object> mutableInner = new HashMap<>(Map.of("y", 2L));
        LinkedHashMap<String, Map<String, Object>> outer = new LinkedHashMap<>();
        outer.put("a", kept);
        outer.put("b", mutableInner);
        outer.put("c", null);

        Map<String, Map<String, Object>> copy = JsonMaps.copyOfNested(outer);
        mutableInner.put("y", 3L);
        outer.put("d", kept);

        assertThat(copy).isNotSameAs(outer).containsOnlyKeys("a", "b", "c");
        assertThat(copy.get("a")).isSameAs(kept);
        assertThat(copy.get("b")).isNotSameAs(mutableInner).containsExactly(Map.entry("y", 2L));
        assertThat(copy.get("c")).isEmpty();
    }

    @Test
    void anUnmodifiableOuterMapIsKeptOnlyWhenEveryInnerMapIsImmutable() {
        HashMap<String, Object> mutableInner = new HashMap<>(Map.of("y", 2L));
        LinkedHashMap<String, Map<String, Object>> rows = new LinkedHashMap<>();
        rows.put("a", new FrozenEntry("x", 1L));
        rows.put("b", JsonMaps.of("y", 2L));
        Map<String, Map<String, Object>> immutableRows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        rows.put("b", mutableInner);
        Map<String, Map<String, Object>> mixedRows = Collections.unmodifiableMap(rows);

        Map<String, Map<String, Object>> copy = JsonMaps.copyOfNested(mixedRows);
        mutableInner.put("y", 3L);

        assertThat(JsonMaps.copyOfNested(immutableRows)).isSameAs(immutableRows);
        assertThat(copy).isNotSameAs(mixedRows);
        assertThat(copy.get("a")).isSameAs(mixedRows.get("a"));
        assertThat(copy.get("b")).containsExactly(Map.entry("y", 2L));
    }

    @Test
    void theEventRecordsKeepImmutableNestedMapsAndCopyMutableOnes() {
        FrozenRows jobs = new FrozenRows(new FrozenEntry("wallet", 1.0), new FrozenEntry("wallet", 2.0));
        HashMap<String, Map<String, Object>> policy = new HashMap<>(Map.of("a", new FrozenEntry("option", "eat")));

        WorldView world = WorldView.builder().jobs(jobs).personalities(jobs).build();
        LoopTick tick = LoopTick.builder().world(world).policySnapshot(policy).build();
        policy.put("b", new FrozenEntry("option", "work"));

        assertThat(world.jobs()).isSameAs(jobs);
        assertThat(world.personalities()).isSameAs(jobs);
        assertThat(tick.policySnapshot()).isNotSameAs(policy).containsOnlyKeys("a");
        assertThat(tick.policySnapshot().get("a")).isSameAs(policy.get("a"));
    }

    @Test
    void aSortedUniqueImmutableListPassesThroughAndAnyOtherIsSortedDeduplicatedAndCopied() {
        List<String> sorted = List.of("alice", "bob");
        ArrayList<String> unsorted = new ArrayList<>(List.of("bob", "alice", "bob"));

        List<String> copy = JsonMaps.sortedUnique(unsorted);
        unsorted.add("carol");

        assertThat(JsonMaps.sortedUnique(sorted)).isSameAs(sorted);
        assertThat(copy).containsExactly("alice", "bob");
        assertThat(JsonMaps.sortedUnique(List.of("bob", "alice"))).containsExactly("alice", "bob");
        assertThat(JsonMaps.sortedUnique(null)).isEmpty();
        assertThat(LoopTick.builder().possessedAgents(sorted).build().possessedAgents()).isSameAs(sorted);
    }
}

package org.townlet.telemetry.core.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reuse of encoded section bytes by value identity (SPEC §9.5 step 5), and its invalidation. */
class FrameEncoderSectionReuseTest {
    private final FrameEncoder reusing = new FrameEncoder(true);
    private final FrameEncoder plain = new FrameEncoder();

    private static Map<String, Object> snapshot(long seq, Object jobs, Object events) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schema_version", "0.9.9");
        document.put("payload_type", "snapshot");
        document.put("seq", seq);
        document.put("tick", seq + 1);
        document.put("jobs", jobs);
        document.put("events", events);
        document.put("promotion", null);
        return document;
    }

    private static Map<String, Object> diff(long seq, Map<String, Object> changes) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schema_version", "0.9.9");
        document.put("payload_type", "diff");
        document.put("seq", seq);
        document.put("tick", seq + 1);
        document.put("changes", changes);
        document.put("removed", List.of("anneal_status"));
        return document;
    }

    private String encode(FrameEncoder encoder, Map<String, Object> document) {
        return new String(encoder.encodeBytes(document), StandardCharsets.UTF_8);
    }

    @Test
    void theSameSectionObjectIsWrittenFromItsRememberedBytes() {
        Map<String, Object> jobs = Map.of("agent_1", Map.of("wallet", 1.5));
        List<Object> events = List.of(Map.of("event", "chat"));

        String first = encode(reusing, snapshot(0, jobs, events));
        String second = encode(reusing, snapshot(1, jobs, events));

        assertThat(reusing.reusedSections()).isEqualTo(2);
        assertThat(first).isEqualTo(encode(plain, snapshot(0, jobs, events)));
        assertThat(second).isEqualTo(encode(plain, snapshot(1, jobs, events)))
                .isEqualTo("{\"schema_version\":\"0.9.9\",\"payload_type\":\"snapshot\",\"seq\":1,\"tick\":2,"
                        + "\"jobs\":{\"agent_1\":{\"wallet\":1.5}},\"events\":[{\"event\":\"chat\"}],"
                        + "\"promotion\":null}\n");
    }

    @Test
    void aNewObjectUnderTheSameNameIsEncodedAfreshAndReplacesTheRememberedBytes() {
        Map<String, Object> before = Map.of("agent_1", Map.of("wallet", 1.5));
        Map<String, Object> after = Map.of("agent_1", Map.of("wallet", 2.5));
        encode(reusing, snapshot(0, before, null));

        String changed = encode(reusing, snapshot(1, after, null));
        String again = encode(reusing, snapshot(2, after, null));

        assertThat(changed).contains("\"wallet\":2.5").doesNotContain("1.5");
        assertThat(again).isEqualTo(encode(plain, snapshot(2, after, null)));
        assertThat(reusing.reusedSections()).isEqualTo(1); // only "after", the second time
    }

    @Test
    void anEqualButDifferentObjectIsNotReusedByIdentity() {
        Map<String, Object> jobs = new LinkedHashMap<>(Map.of("agent_1", 1.0));
        encode(reusing, snapshot(0, jobs, null));

        Map<String, Object> equal = new LinkedHashMap<>(jobs);
        String encoded = encode(reusing, snapshot(1, equal, null));

        assertThat(encoded).isEqualTo(encode(plain, snapshot(1, equal, null)));
        assertThat(reusing.reusedSections()).isZero();
    }

    @Test
    void sectionsUnderADiffsChangesShareTheCacheWithTheNextSnapshot() {
        Map<String, Object> jobs = Map.of("agent_1", Map.of("wallet", 1.5));
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("jobs", jobs);
        changes.put("promotion", null);

        String diffed = encode(reusing, diff(1, changes));
        String snapshot = encode(reusing, snapshot(2, jobs, List.of()));

        assertThat(diffed).isEqualTo(encode(plain, diff(1, changes)))
                .contains("\"changes\":{\"jobs\":{\"agent_1\":{\"wallet\":1.5}},\"promotion\":null}")
                .contains("\"removed\":[\"anneal_status\"]");
        assertThat(snapshot).isEqualTo(encode(plain, snapshot(2, jobs, List.of())));
        assertThat(reusing.reusedSections()).isEqualTo(1);
    }

    @Test
    void envelopeValuesAreNeverTakenFromTheCache() {
        Map<String, Object> jobs = Map.of("a", 1L);
        encode(reusing, snapshot(0, jobs, List.of()));
        String next = encode(reusing, snapshot(7, jobs, List.of()));
        assertThat(next).startsWith("{\"schema_version\":\"0.9.9\",\"payload_type\":\"snapshot\",\"seq\":7,\"tick\":8,");
    }

    @Test
    void entriesOfAChangedMapSectionThatAreTheSameObjectsAreCopiedFromTheLastFrame() {
        Map<String, Object> unchanged = Map.of("wallet", 1.5);
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("agent_1", unchanged);
        first.put("agent_2", Map.of("wallet", 2.0));
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("agent_1", unchanged);
        second.put("agent_2", Map.of("wallet", 3.0));
        second.put("agent_3", List.of(1L));

        encode(reusing, snapshot(0, first, null));
        String encoded = encode(reusing, snapshot(1, second, null));

        assertThat(reusing.reusedEntries()).isEqualTo(1);
        assertThat(encoded).isEqualTo(encode(plain, snapshot(1, second, null)))
                .contains("\"jobs\":{\"agent_1\":{\"wallet\":1.5},\"agent_2\":{\"wallet\":3.0},\"agent_3\":[1]}");
    }

    @Test
    void anEntryMissingFromTheLastWriteOfItsSectionIsEncodedAfresh() {
        Map<String, Object> entry = Map.of("wallet", 1.5);
        encode(reusing, snapshot(0, Map.of("agent_1", entry), null));
        encode(reusing, snapshot(1, Map.of("agent_2", Map.of("wallet", 2.0)), null));

        String back = encode(reusing, snapshot(2, Map.of("agent_1", entry), null));

        assertThat(reusing.reusedEntries()).isZero();
        assertThat(back).isEqualTo(encode(plain, snapshot(2, Map.of("agent_1", entry), null)));
    }

    @Test
    void entriesAreFoundByKeyWhateverTheirOrderOrKeyInstance() {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(Map.of("wallet", i + 0.5));
        }
        // the same row objects under the same keys: in order, reversed, with entries gone and come, and under keys
        // that are equal texts but other instances
        List<List<Integer>> orders = List.of(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
                List.of(11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0), List.of(0, 2, 4, 6, 8, 10), List.of(1, 0, 3, 2, 5, 4, 7),
                List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
        long reusedBefore = 0;
        for (int write = 0; write < orders.size() * 2; write++) {
            List<Integer> order = orders.get(write % orders.size());
            boolean freshKeys = write >= orders.size();
            Map<String, Object> jobs = new LinkedHashMap<>();
            for (int i : order) {
                String key = "agent_" + i;
                jobs.put(freshKeys ? new String(key.toCharArray()) : key, rows.get(i));
            }
            String encoded = encode(reusing, snapshot(write, jobs, null));

            assertThat(encoded).isEqualTo(encode(plain, snapshot(write, jobs, null)));
            List<Integer> previous = write == 0 ? List.of() : orders.get((write - 1) % orders.size());
            long carried = order.stream().filter(previous::contains).count();
            assertThat(reusing.reusedEntries() - reusedBefore).as("write %d", write).isEqualTo(carried);
            reusedBefore = reusing.reusedEntries();
        }
    }

    @Test
    void aSectionWhoseWriteFailedIsNeverWrittenFromTheBytesOfTheValueBeforeIt() {
        List<Object> events = List.of();
        Map<String, Object> before = Map.of("agent_1", Map.of("wallet", 1.0));
        int[] attempts = {0};
        Map<String, Object> flaky = new LinkedHashMap<>(Map.of("agent_1", Map.of("wallet", 2.0))) {
            @Override
            public void forEach(java.util.function.BiConsumer<? super String, ? super Object> action) {
                if (attempts[0]++ == 0) {
                    throw new IllegalStateException("first write fails");
                }
                super.forEach(action);
            }
        };
        encode(reusing, snapshot(0, before, events));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> encode(reusing, snapshot(1, flaky, events)))
                .hasMessage("first write fails");

        String retried = encode(reusing, snapshot(2, flaky, events));

        assertThat(retried).contains("\"jobs\":{\"agent_1\":{\"wallet\":2.0}}");
    }

    @Test
    void aChangedEntryHasTheRunsOfFieldsHoldingTheSameObjectsCopiedAndTheRestWritten() {
        String[] keys = {"homeostasis", "shaping", "work", "social", "total"};
        Double zero = 0.0;
        Double steady = 0.25;
        JsonObject first = new JsonObject(keys, 0.5, zero, steady, zero, 0.75);
        // the same value objects but for the first and the last field, as the converter keeps unchanged values
        JsonObject second = new JsonObject(keys, 0.625, zero, steady, zero, 0.875);
        // an equal value that is another object is written, never compared
        JsonObject third = new JsonObject(keys, 0.625, zero, Double.valueOf(0.25), zero, 0.875);

        String[] encoded = new String[3];
        JsonObject[] entries = {first, second, third};
        long[] copied = new long[3];
        for (int i = 0; i < 3; i++) {
            Map<String, Object> rewards = new LinkedHashMap<>();
            rewards.put("agent_1", entries[i]);
            rewards.put("agent_2", Map.of("n", (long) i)); // the section changes each time
            long before = reusing.copiedFields();
            encoded[i] = encode(reusing, snapshot(i, rewards, null));
            copied[i] = reusing.copiedFields() - before;
            assertThat(encoded[i]).isEqualTo(encode(plain, snapshot(i, rewards, null)));
        }

        assertThat(copied).containsExactly(0, 3, 2);
        assertThat(encoded[1]).contains(
                "\"agent_1\":{\"homeostasis\":0.625,\"shaping\":0.0,\"work\":0.25,\"social\":0.0,\"total\":0.875}");
    }

    @Test
    void entriesWrittenFieldByFieldAgainstTheirPredecessorsAreByteForByteThoseOfAFreshEncoding() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(52);
        String[] keys = {"a", "bb", "c", "dddd", "e", "f"};
        String[] otherKeys = {"a", "bb", "c", "dddd", "e", "g"};
        Object[] pool = {0.0, -0.0, 1.5, 7L, "text", "t\u00e9\"x", true, null, List.of(1L, 2.5), Map.of("k", 1.0)};
        Map<String, JsonObject> current = new LinkedHashMap<>();
        long copiedBefore = reusing.copiedFields();
        for (int write = 0; write < 400; write++) {
            Map<String, Object> section = new LinkedHashMap<>();
            for (int agent = 0; agent < 6; agent++) {
                String name = "agent_" + agent;
                JsonObject entry = current.get(name);
                int change = random.nextInt(10);
                if (entry == null || change == 0) {
                    String[] shape = random.nextInt(4) == 0 ? otherKeys : keys;
                    Object[] values = new Object[shape.length];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = pool[random.nextInt(pool.length)];
                    }
                    entry = new JsonObject(shape, values);
                } else if (change < 8) {
                    // a new object with the same keys: some fields replaced, the others the very same objects
                    Object[] values = new Object[entry.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = random.nextInt(3) == 0 ? pool[random.nextInt(pool.length)] : entry.valueAt(i);
                    }
                    entry = new JsonObject(entry.keyArray(), values);
                }
                current.put(name, entry);
                if (random.nextInt(8) != 0) { // an entry now and then missing from a write
                    section.put(name, entry);
                }
            }
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("reward_breakdown", section);
            assertThat(encode(reusing, diff(write, changes))).as("write %d", write)
                    .isEqualTo(encode(plain, diff(write, changes)));
        }
        assertThat(reusing.copiedFields() - copiedBefore).isGreaterThan(1_000);
    }
}

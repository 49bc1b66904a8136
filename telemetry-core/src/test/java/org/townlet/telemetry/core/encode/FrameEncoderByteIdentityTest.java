package org.townlet.telemetry.core.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The encoder writes exactly the bytes of the former Jackson-based encoder ({@link JacksonReferenceEncoder}): on
 * frame-like document sequences, with section reuse on and off, and on seeded random nested values.
 */
class FrameEncoderByteIdentityTest {
    private final JacksonReferenceEncoder reference = new JacksonReferenceEncoder();

    private void assertSameBytes(FrameEncoder encoder, Map<String, Object> document) {
        byte[] expected = reference.encodeBytes(document);
        byte[] actual = encoder.encodeBytes(document);
        if (!java.util.Arrays.equals(actual, expected)) {
            // a readable failure: the texts, from the first difference on
            assertThat(new String(actual, StandardCharsets.UTF_8))
                    .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void frameLikeSnapshotsAndDiffsAreByteIdentical() {
        FrameEncoder reusing = new FrameEncoder(true);
        FrameEncoder plain = new FrameEncoder();
        FrameLikeDocuments documents = new FrameLikeDocuments(11, 50);
        Map<String, Object> base = null;
        for (long seq = 0; seq < 300; seq++) {
            Map<String, Object> snapshot = documents.next(seq);
            Map<String, Object> frame = base == null || seq % 25 == 0
                    ? snapshot : FrameDiffer.diff(base, snapshot, seq, (Long) snapshot.get("tick"));
            base = snapshot;
            assertSameBytes(reusing, frame);
            assertSameBytes(plain, frame);
        }
        assertThat(reusing.reusedSections()).isPositive();
        assertThat(reusing.reusedEntries()).isPositive();
    }

    @Test
    void mapSectionsWhoseEntriesComeAndGoAreByteIdenticalWithReuse() {
        FrameEncoder reusing = new FrameEncoder(true);
        RandomJsonValues random = new RandomJsonValues(5);
        java.util.SplittableRandom choice = new java.util.SplittableRandom(6);
        List<Object> pool = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pool.add(i % 4 == 0 ? List.of(random.aDouble(), random.string()) : random.document(2));
        }
        for (int frame = 0; frame < 3_000; frame++) {
            // entries drawn from a small pool: the same objects come back, under the same key or another, or not
            Map<String, Object> section = new LinkedHashMap<>();
            for (int i = choice.nextInt(6); i > 0; i--) {
                section.put("agent_" + choice.nextInt(5), choice.nextInt(5) == 0 ? random.aDouble()
                        : pool.get(choice.nextInt(pool.size())));
            }
            if (choice.nextInt(8) == 0) {
                pool.set(choice.nextInt(pool.size()), random.document(2));
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("schema_version", "0.9.9");
            document.put("seq", (long) frame);
            if (choice.nextInt(6) > 0) {
                document.put(choice.nextBoolean() ? "jobs" : "reward_breakdown", section);
            }
            document.put("tick", (long) frame);
            assertSameBytes(reusing, document);
        }
        assertThat(reusing.reusedEntries()).isPositive();
    }

    @Test
    void convertedDocumentsAreByteIdentical() {
        // what the document builder hands on: JsonObjects sharing key arrays and objects with the previous document,
        // so that the encoder writes changed entries against their predecessors' bytes
        JsonConverter converter = new JsonConverter(() -> { });
        FrameEncoder reusing = new FrameEncoder(true);
        FrameLikeDocuments documents = new FrameLikeDocuments(23, 50);
        Object previous = null;
        long copiedBefore = reusing.copiedFields();
        for (long seq = 0; seq < 200; seq++) {
            converter.beginSection("document");
            Map<String, Object> converted = converter.plainMap(documents.next(seq), previous);
            previous = converted;
            assertSameBytes(reusing, converted);
        }
        assertThat(reusing.copiedFields() - copiedBefore).as("fields copied from the previous frame").isPositive();
        for (long random = 0; random < 1_000; random++) {
            converter.beginSection("random");
            Map<String, Object> converted = converter.plainMap(new RandomJsonValues(random).document(4));
            assertSameBytes(reusing, converted);
        }
    }

    @Test
    void randomNestedValuesAreByteIdentical() {
        FrameEncoder encoder = new FrameEncoder();
        for (long seed = 0; seed < 3_000; seed++) {
            assertSameBytes(encoder, new RandomJsonValues(seed).document(4));
        }
    }

    @Test
    void randomDocumentsRepeatingSectionObjectsAreByteIdenticalWithReuse() {
        FrameEncoder reusing = new FrameEncoder(true);
        RandomJsonValues random = new RandomJsonValues(99);
        Map<String, Object> sections = new LinkedHashMap<>();
        for (int frame = 0; frame < 2_000; frame++) {
            // each section keeps its object for a while, sometimes moves under "changes"
            String name = "section_" + (frame % 7);
            sections.put(name, frame % 3 == 0 ? random.value(3) : random.document(2));
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("schema_version", "0.9.9");
            document.put("payload_type", frame % 2 == 0 ? "snapshot" : "diff");
            document.put("seq", (long) frame);
            document.put("tick", (long) frame + 1);
            if (frame % 2 == 0) {
                document.putAll(sections);
            } else {
                document.put("changes", new LinkedHashMap<>(sections));
                document.put("removed", List.of("gone"));
            }
            assertSameBytes(reusing, document);
        }
        assertThat(reusing.reusedSections()).isPositive();
    }

    @Test
    void everyEscapeAndSurrogateCaseIsByteIdentical() {
        FrameEncoder encoder = new FrameEncoder();
        StringBuilder everyChar = new StringBuilder();
        for (char c = 0; c < 0xFFFF; c++) {
            everyChar.append(c);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put(everyChar.toString(), everyChar.toString());
        document.put("pair", "\ud83d\ude00");
        document.put("lone high at end", "x\ud83d");
        document.put("lone low", "\ude00x");
        document.put("reversed pair", "\ude00\ud83d");
        assertSameBytes(encoder, document);
    }

    @Test
    void aValueThatCannotBeEncodedFailsAsBeforeAndLeavesTheSectionCacheUsable() {
        FrameEncoder reusing = new FrameEncoder(true);
        Map<String, Object> jobs = Map.of("agent_1", Map.of("wallet", 1.5));
        Map<String, Object> broken = new LinkedHashMap<>();
        broken.put("schema_version", "0.9.9");
        broken.put("jobs", jobs);
        broken.put("bad", List.of(Optional.of(1)));

        assertThatThrownBy(() -> reusing.encodeBytes(broken)).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot encode telemetry frame: ");
        Map<String, Object> next = new LinkedHashMap<>();
        next.put("schema_version", "0.9.9");
        next.put("jobs", jobs);
        assertSameBytes(reusing, next);
        assertSameBytes(reusing, next);
        assertThat(reusing.reusedSections()).isEqualTo(1);
    }
}

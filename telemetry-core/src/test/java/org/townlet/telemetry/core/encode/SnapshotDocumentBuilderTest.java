package org.townlet.telemetry.core.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.event.OverlayEntry;
import org.townlet.telemetry.api.event.RelationshipTie;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.core.aggregate.ReadModels;
import org.townlet.telemetry.core.worker.PipelineCounters;

/** Converting sections whose entries partly come back unchanged from the previous document. */
class SnapshotDocumentBuilderTest {
    private final AtomicInteger nonfinite = new AtomicInteger();
    private final SnapshotDocumentBuilder builder = new SnapshotDocumentBuilder(SnapshotDocumentBuilderTest::status,
            nonfinite::incrementAndGet);

    private static TransportStatus status() {
        return new PipelineCounters("recording", "drop_oldest", false, false, false, false).toStatus();
    }

    private static Map<String, Map<String, Object>> jobs(Object... agentsAndEntries) {
        Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
        for (int i = 0; i < agentsAndEntries.length; i += 2) {
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) agentsAndEntries[i + 1];
            jobs.put((String) agentsAndEntries[i], entry);
        }
        return Collections.unmodifiableMap(jobs);
    }

    private static TickRecord record(long seq, Map<String, Map<String, Object>> jobs) {
        return new TickRecord(seq, seq + 1, TickRecord.Kind.TICK, ReadModels.builder().jobs(jobs).build());
    }

    private Map<String, Object> build(long seq, Map<String, Map<String, Object>> jobs) {
        return builder.build(record(seq, jobs));
    }

    @Test
    void anEntryKeptFromThePreviousTickIsNotWalkedAgainAndKeepsItsConvertedObjectWhileANewOneIsConverted() {
        CountingMap kept = new CountingMap(Map.of("wallet", 1.5));
        TickRecord first = record(0, jobs("agent_1", kept, "agent_2", Map.of("wallet", 2.0)));
        int beforeFirst = kept.walks.get();
        Map<String, Object> firstDocument = builder.build(first);
        int firstWalks = kept.walks.get() - beforeFirst;

        TickRecord next = record(1, jobs("agent_1", kept, "agent_2", Map.of("wallet", Double.NaN)));
        int beforeSecond = kept.walks.get();
        Map<String, Object> second = builder.build(next);

        assertThat(firstWalks).isEqualTo(1);
        assertThat(kept.walks.get() - beforeSecond).isZero();
        Map<?, ?> converted = (Map<?, ?>) second.get("jobs");
        assertThat(converted.get("agent_1")).isSameAs(((Map<?, ?>) firstDocument.get("jobs")).get("agent_1"))
                .isEqualTo(Map.of("wallet", 1.5));
        assertThat(((Map<?, ?>) converted.get("agent_2")).get("wallet")).isNull();
        assertThat(nonfinite).hasValue(1);
    }

    @Test
    void anEntryThatWasConvertedBeforeIsConvertedAgainAndItsNonFiniteValuesCountedAgain() {
        Map<String, Object> withNaN = Map.of("wallet", Double.NaN);
        build(0, jobs("agent_1", withNaN));
        Map<String, Object> second = build(1, jobs("agent_1", withNaN, "agent_2", Map.of("wallet", 1.0)));

        assertThat(((Map<?, ?>) ((Map<?, ?>) second.get("jobs")).get("agent_1")).get("wallet")).isNull();
        assertThat(nonfinite).hasValue(2);
    }

    /** A map that counts how often its entries are iterated. */
    private static final class CountingMap extends AbstractMap<String, Object> {
        private final Map<String, Object> delegate;
        final AtomicInteger walks = new AtomicInteger();

        CountingMap(Map<String, Object> delegate) {
            this.delegate = delegate;
        }

        @Override
        public int size() {
            return delegate.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    walks.incrementAndGet();
                    return delegate.entrySet().iterator();
                }

                @Override
                public int size() {
                    return delegate.size();
                }
            };
        }
    }

    @Test
    void ownersWhoseRelationshipRowsAreTheSameObjectsKeepTheirConvertedRowsWhenOthersChange() {
        Map<String, RelationshipTie> steady = Map.of("agent_2", new RelationshipTie(0.5, 0.25, 0.0));
        List<OverlayEntry> steadyOverlay = List.of(new OverlayEntry("agent_1", "agent_2", 0.5, 0.25, 0.0, 0.0, 0.0, 0.0));
        Map<String, Object> first = builder.build(relationships(0, steady, steadyOverlay, 0.1));
        Map<String, Object> second = builder.build(relationships(1, steady, steadyOverlay, 0.2));

        for (String section : List.of("relationship_snapshot", "relationship_overlay")) {
            Map<?, ?> before = (Map<?, ?>) first.get(section);
            Map<?, ?> after = (Map<?, ?>) second.get(section);
            assertThat(after).as(section).isNotSameAs(before).isNotEqualTo(before);
            assertThat(after.get("agent_1")).as(section).isSameAs(before.get("agent_1"));
            assertThat(after.get("agent_3")).as(section).isNotSameAs(before.get("agent_3"))
                    .isNotEqualTo(before.get("agent_3"));
        }
        assertThat(second.get("relationship_overlay")).isEqualTo(new SnapshotDocumentBuilder(
                SnapshotDocumentBuilderTest::status, () -> { }).build(relationships(1, steady, steadyOverlay, 0.2))
                .get("relationship_overlay"));
    }

    /** agent_1's rows as given, and agent_3's made afresh with {@code trust}. */
    private static TickRecord relationships(long seq, Map<String, RelationshipTie> agent1Row,
            List<OverlayEntry> agent1Overlay, double trust) {
        Map<String, Map<String, RelationshipTie>> ties = new LinkedHashMap<>();
        ties.put("agent_1", agent1Row);
        ties.put("agent_3", Map.of("agent_2", new RelationshipTie(trust, 0.1, 0.0)));
        Map<String, List<OverlayEntry>> overlay = new LinkedHashMap<>();
        overlay.put("agent_1", agent1Overlay);
        overlay.put("agent_3", List.of(new OverlayEntry("agent_3", "agent_2", trust, 0.1, 0.0, trust, 0.1, 0.0)));
        return new TickRecord(seq, seq + 1, TickRecord.Kind.TICK, ReadModels.builder()
                .relationshipSnapshot(Collections.unmodifiableMap(ties))
                .relationshipOverlay(Collections.unmodifiableMap(overlay)).build());
    }
}

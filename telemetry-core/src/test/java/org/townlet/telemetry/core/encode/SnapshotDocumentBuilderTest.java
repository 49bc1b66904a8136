package org.townlet.telemetry.core.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
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
}

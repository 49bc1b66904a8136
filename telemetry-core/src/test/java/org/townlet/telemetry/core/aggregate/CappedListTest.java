package org.townlet.telemetry.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CappedListTest {
    /** What appending means: the last {@code cap} of everything so far. */
    private static List<Integer> reference(List<Integer> history, List<Integer> added, int cap) {
        List<Integer> all = new ArrayList<>(history);
        all.addAll(added);
        return List.copyOf(all.subList(Math.max(0, all.size() - cap), all.size()));
    }

    @Test
    void everyVersionKeepsItsOwnLastCapElementsWhateverIsAppendedLaterOrToOlderVersions() {
        Random random = new Random(17);
        int cap = 7;
        List<List<Integer>> versions = new ArrayList<>(List.of(List.of()));
        List<List<Integer>> expected = new ArrayList<>(List.of(List.of()));
        int next = 0;
        for (int step = 0; step < 2_000; step++) {
            // mostly the newest version, sometimes an older one (a second append to the same version)
            int from = random.nextInt(4) == 0 ? random.nextInt(versions.size()) : versions.size() - 1;
            List<Integer> added = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                added.add(next++);
            }
            versions.add(CappedList.append(versions.get(from), added, cap));
            expected.add(reference(expected.get(from), added, cap));
        }

        for (int i = 0; i < versions.size(); i++) {
            assertThat(versions.get(i)).as("version %d", i).isEqualTo(expected.get(i));
        }
    }

    @Test
    void nothingAddedGivesTheHistoryItselfAndAPlainHistoryIsCappedOnFirstAppend() {
        List<Integer> plain = List.of(1, 2, 3, 4, 5);

        assertThat(CappedList.append(plain, List.of(), 3)).isSameAs(plain);
        assertThat(CappedList.append(plain, List.of(6), 3)).containsExactly(4, 5, 6);
    }
}

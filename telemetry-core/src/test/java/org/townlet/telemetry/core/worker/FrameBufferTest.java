package org.townlet.telemetry.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FrameBufferTest {
    private long nextSeq;

    private void append(FrameBuffer<TestItem> buffer, String payload) {
        buffer.append(TestItem.of(nextSeq++), payload.length());
    }

    @Test
    void overCapacityIsStrictlyGreater() {
        FrameBuffer<TestItem> buffer = new FrameBuffer<>(8, 100);
        append(buffer, "1234");
        append(buffer, "5678");
        assertThat(buffer.totalBytes()).isEqualTo(8);
        assertThat(buffer.isOverCapacity()).isFalse();

        append(buffer, "91011");
        assertThat(buffer.isOverCapacity()).isTrue();

        assertThat(buffer.dropUntilWithinCapacity()).isGreaterThanOrEqualTo(1);
        assertThat(buffer.totalBytes()).isLessThanOrEqualTo(8);
        assertThat(buffer.isOverCapacity()).isFalse();
    }

    @Test
    void dropsOneOfTwoFiveByteItems() {
        FrameBuffer<TestItem> buffer = new FrameBuffer<>(8, 100);
        append(buffer, "aaaaa");
        append(buffer, "bbbbb");

        assertThat(buffer.dropUntilWithinCapacity()).isEqualTo(1);
        assertThat(buffer.size()).isEqualTo(1);
        assertThat(buffer.totalBytes()).isEqualTo(5);
        assertThat(buffer.take(10)).extracting(TestItem::seq).containsExactly(1L);
    }

    @Test
    void dropsAtLeastFourOfSixNineByteItems() {
        FrameBuffer<TestItem> buffer = new FrameBuffer<>(16, 100);
        for (int i = 0; i < 6; i++) {
            append(buffer, "123456789");
        }

        assertThat(buffer.dropUntilWithinCapacity()).isGreaterThanOrEqualTo(4);
        assertThat(buffer.totalBytes()).isLessThanOrEqualTo(16);
    }

    @Test
    void hundredAppendDropCyclesStayBounded() {
        FrameBuffer<TestItem> buffer = new FrameBuffer<>(10, 100);
        for (int cycle = 0; cycle < 100; cycle++) {
            append(buffer, "x".repeat(1 + cycle % 7));
            buffer.dropUntilWithinCapacity();
            assertThat(buffer.totalBytes()).as("total after cycle %d", cycle).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void dropsFromTheHeadOldestFirst() {
        FrameBuffer<TestItem> buffer = new FrameBuffer<>(10, 100);
        for (int i = 0; i < 4; i++) {
            append(buffer, "1234");
        }

        assertThat(buffer.popOverflow()).extracting(TestItem::seq).containsExactly(0L, 1L);
        assertThat(buffer.drainAll()).extracting(TestItem::seq).containsExactly(2L, 3L);
        assertThat(buffer.totalBytes()).isZero();
    }

    @Test
    void everyDropForCapacityPublishesTheLastSeqItDropped() {
        FrameBuffer<TestItem> buffer = new FrameBuffer<>(10, 100);
        assertThat(buffer.lastDroppedSeq()).isEqualTo(-1);
        for (int i = 0; i < 4; i++) {
            append(buffer, "1234");
        }

        buffer.lock.lock();
        try {
            assertThat(buffer.dropOverflowLocked()).isEqualTo(2);
        } finally {
            buffer.lock.unlock();
        }
        assertThat(buffer.lastDroppedSeq()).isEqualTo(1);
        // the block strategy's drop path (a failing transport) goes through popOverflow
        append(buffer, "1234");
        append(buffer, "1234");
        assertThat(buffer.popOverflow()).extracting(TestItem::seq).containsExactly(2L, 3L);
        assertThat(buffer.lastDroppedSeq()).isEqualTo(3);
        assertThat(buffer.drainAll()).extracting(TestItem::seq).containsExactly(4L, 5L);
    }

    @Test
    void moreItemsThanMaxFramesIsOverCapacity() {
        FrameBuffer<TestItem> buffer = new FrameBuffer<>(1_000, 2);
        append(buffer, "a");
        append(buffer, "b");
        assertThat(buffer.isOverCapacity()).isFalse();

        append(buffer, "c");
        assertThat(buffer.isOverCapacity()).isTrue();
        assertThat(buffer.dropUntilWithinCapacity()).isEqualTo(1);
    }

    @Test
    void replayBytesCountAgainstCapacity() {
        AtomicLong window = new AtomicLong();
        FrameBuffer<TestItem> buffer = new FrameBuffer<>(10, 100, length -> { }, window::get);
        append(buffer, "12345");
        window.set(5);
        assertThat(buffer.isOverCapacity()).isFalse();

        window.set(6);
        assertThat(buffer.isOverCapacity()).isTrue();
        assertThat(buffer.dropUntilWithinCapacity()).as("only buffered items are dropped, never the window")
                .isEqualTo(1);
        assertThat(buffer.isOverCapacity()).as("the window alone may exceed the capacity").isFalse();
    }

    @Test
    void takeRemovesItemsFromTheAccountAndReportsQueueLength() {
        List<Long> lengths = new ArrayList<>();
        FrameBuffer<TestItem> buffer = new FrameBuffer<>(100, 100, lengths::add, () -> 0L);
        append(buffer, "aa");
        append(buffer, "bbb");
        append(buffer, "c");

        assertThat(buffer.take(2)).extracting(TestItem::seq).containsExactly(0L, 1L);
        assertThat(buffer.totalBytes()).isEqualTo(1);
        assertThat(buffer.size()).isEqualTo(1);
        assertThat(lengths).containsExactly(1L, 2L, 3L, 1L);
    }

    @Test
    void droppingOverflowInPlaceDropsWhatPopOverflowWouldPop() {
        FrameBuffer<TestItem> popping = new FrameBuffer<>(20, 6);
        FrameBuffer<TestItem> dropping = new FrameBuffer<>(20, 6);
        long seq = 0;
        for (int round = 0; round < 200; round++) {
            int size = 1 + round % 9;
            popping.append(TestItem.of(seq), size);
            dropping.append(TestItem.of(seq), size);
            seq++;
            List<TestItem> popped = popping.popOverflow();
            int dropped;
            long lastDropped;
            dropping.lock.lock();
            try {
                dropped = dropping.dropOverflowLocked();
                lastDropped = dropping.lastDroppedSeq();
            } finally {
                dropping.lock.unlock();
            }
            assertThat(dropped).as("round %d", round).isEqualTo(popped.size());
            if (!popped.isEmpty()) {
                assertThat(lastDropped).isEqualTo(popped.get(popped.size() - 1).seq());
            }
            assertThat(dropping.totalBytes()).isEqualTo(popping.totalBytes());
            assertThat(dropping.size()).isEqualTo(popping.size());
        }
        assertThat(dropping.drainAll()).isEqualTo(popping.drainAll());
    }

    @Test
    void theRingGrowsAndWrapsInFifoOrder() {
        FrameBuffer<TestItem> buffer = new FrameBuffer<>(1_000_000, 1_000_000);
        long next = 0;
        long expected = 0;
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < 37 + round * 3; i++) {
                buffer.append(TestItem.of(next++), 1);
            }
            for (TestItem item : buffer.take(30 + round)) {
                assertThat(item.seq()).isEqualTo(expected++);
            }
        }
        for (TestItem item : buffer.drainAll()) {
            assertThat(item.seq()).isEqualTo(expected++);
        }
        assertThat(expected).isEqualTo(next);
        assertThat(buffer.totalBytes()).isZero();
    }
}

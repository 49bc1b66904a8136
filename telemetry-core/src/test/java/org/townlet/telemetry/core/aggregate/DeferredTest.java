package org.townlet.telemetry.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeferredTest {
    @Test
    void computesOnFirstReadOnlyAndOnceAcrossThreads() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Deferred<List<String>> deferred = Deferred.computing(() -> {
            runs.incrementAndGet();
            return List.of("computed");
        });
        assertThat(deferred.isComputed()).isFalse();
        assertThat(runs).hasValue(0);

        CountDownLatch go = new CountDownLatch(1);
        List<Thread> readers = new ArrayList<>();
        List<Object> seen = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            Thread reader = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                seen.add(deferred.get());
            }, "deferred-reader-" + i);
            reader.start();
            readers.add(reader);
        }
        go.countDown();
        for (Thread reader : readers) {
            reader.join(10_000);
        }
        assertThat(readers).noneMatch(Thread::isAlive);

        assertThat(runs).hasValue(1);
        assertThat(deferred.isComputed()).isTrue();
        // every reader got the very same object (the encoder relies on identity)
        assertThat(seen).hasSize(4).allSatisfy(value -> assertThat(value).isSameAs(deferred.get()));
    }

    @Test
    void equalsByValueWhetherKnownOrComputed() {
        Deferred<String> known = Deferred.of("x");
        Deferred<String> computed = Deferred.computing(() -> "x");
        assertThat(known.isComputed()).isTrue();
        assertThat(computed).isEqualTo(known).hasSameHashCodeAs(known);
        assertThat(computed).isNotEqualTo(Deferred.of("y"));
        assertThat(computed.toString()).isEqualTo("x");
    }
}

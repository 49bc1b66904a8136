package org.townlet.app.listen.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bounded per-client queue of the dashboard: never blocks the pusher, drops the oldest and counts it. */
class ClientQueueTest {
    @Test
    void dropsOldestWhenFullAndCountsEachDrop() throws Exception {
        ClientQueue queue = new ClientQueue(3);

        for (int i = 1; i <= 5; i++) {
            assertThat(queue.offer("u" + i)).as("offer %s overflows", i).isEqualTo(i > 3);
        }

        assertThat(queue.dropped()).isEqualTo(2);
        assertThat(queue.offered()).isEqualTo(5);
        assertThat(queue.poll(0, TimeUnit.MILLISECONDS)).as("the newest updates are kept").isEqualTo("u3");
        assertThat(queue.poll(0, TimeUnit.MILLISECONDS)).isEqualTo("u4");
        assertThat(queue.poll(0, TimeUnit.MILLISECONDS)).isEqualTo("u5");
        assertThat(queue.poll(0, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aClientThatReadsInTimeDropsNothing() throws Exception {
        ClientQueue queue = new ClientQueue(2);

        for (int i = 0; i < 100; i++) {
            queue.offer("u" + i);
            assertThat(queue.poll(0, TimeUnit.MILLISECONDS)).isEqualTo("u" + i);
        }

        assertThat(queue.dropped()).isZero();
    }

    @Test
    void closeWakesAWaitingReaderAndStopsQueueing() throws Exception {
        ClientQueue queue = new ClientQueue(2);
        Thread closer = new Thread(queue::close);
        closer.start();

        assertThat(queue.poll(30, TimeUnit.SECONDS)).isNull();
        closer.join();
        assertThat(queue.offer("late")).isFalse();
        assertThat(queue.size()).isZero();
        assertThat(queue.dropped()).isZero();
    }
}

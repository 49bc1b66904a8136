package org.townlet.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleManagerTest {
    private final List<String> events = new ArrayList<>();

    private Lifecycle component(String name, boolean failStart, boolean failStop) {
        return new Lifecycle() {
            @Override
            public void start() {
                events.add("start " + name);
                if (failStart) {
                    throw new IllegalStateException(name + " cannot start");
                }
            }

            @Override
            public void stop() {
                events.add("stop " + name);
                if (failStop) {
                    throw new IllegalStateException(name + " cannot stop");
                }
            }
        };
    }

    @Test
    void startsInOrderAndStopsInReverseOnce() {
        LifecycleManager manager = new LifecycleManager()
                .add("a", component("a", false, false))
                .add("b", component("b", false, false))
                .add("c", component("c", false, false));

        manager.start();
        manager.stop();
        manager.stop();

        assertThat(events).containsExactly("start a", "start b", "start c", "stop c", "stop b", "stop a");
        assertThat(manager.isStopped()).isTrue();
    }

    @Test
    void stopFailuresAreCollectedAndEveryComponentIsStopped() {
        LifecycleManager manager = new LifecycleManager()
                .add("a", component("a", false, true))
                .add("b", component("b", false, false))
                .add("c", component("c", false, true));
        manager.start();

        assertThatThrownBy(manager::stop)
                .isInstanceOf(LifecycleException.class)
                .hasMessageStartingWith("Failed to stop c")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement().extracting(Throwable::getMessage)
                        .isEqualTo("a cannot stop"));
        assertThat(events).containsExactly("start a", "start b", "start c", "stop c", "stop b", "stop a");
    }

    @Test
    void failedStartStopsWhatStartedInReverse() {
        LifecycleManager manager = new LifecycleManager()
                .add("a", component("a", false, false))
                .add("b", component("b", false, false))
                .add("c", component("c", true, false))
                .add("d", component("d", false, false));

        assertThatThrownBy(manager::start).isInstanceOf(LifecycleException.class)
                .hasMessageStartingWith("Failed to start c");
        manager.stop();

        assertThat(events).containsExactly("start a", "start b", "start c", "stop b", "stop a");
    }

    @Test
    void startsOnce() {
        LifecycleManager manager = new LifecycleManager();
        manager.start();

        assertThatThrownBy(manager::start).isInstanceOf(IllegalStateException.class);
    }
}

package org.townlet.app.listen.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The narration feed keeps what every frame narrated, not just the current state's. */
class NarrationFeedTest {
    private static byte[] diff(long tick, String narrations) {
        return ("{\"schema_version\":\"0.9.9\",\"payload_type\":\"diff\",\"seq\":" + tick + ",\"tick\":" + tick
                + ",\"changes\":{\"narrations\":" + narrations + "}}").getBytes(StandardCharsets.UTF_8);
    }

    private static String narration(long tick, String message) {
        return "{\"tick\":" + tick + ",\"category\":\"story\",\"message\":\"" + message + "\",\"priority\":true}";
    }

    @Test
    void keepsNarrationsAcrossFramesNewestFirst() {
        NarrationFeed feed = new NarrationFeed();

        feed.frameApplied(diff(5, "[" + narration(5, "A new day begins.") + "]"));
        feed.frameApplied(diff(6, "[]"));
        feed.frameApplied(("{\"payload_type\":\"diff\",\"seq\":7,\"tick\":7,\"changes\":{\"economy\":{}}}")
                .getBytes(StandardCharsets.UTF_8));
        feed.frameApplied(diff(9, "[" + narration(9, "a bonded with b.") + "," + narration(9, "b bonded with a.") + "]"));

        assertThat(feed.newestFirst()).extracting(n -> n.get("message"))
                .containsExactly("b bonded with a.", "a bonded with b.", "A new day begins.");
        assertThat(feed.newestFirst().get(2)).isEqualTo(Map.of("tick", 5L, "category", "story",
                "message", "A new day begins.", "priority", true));
        assertThat(feed.total()).isEqualTo(3);
    }

    @Test
    void aKeyframeRepeatingTheCurrentNarrationsAddsNothing() {
        NarrationFeed feed = new NarrationFeed();
        feed.frameApplied(diff(100, "[" + narration(100, "shower_2 lost power.") + "]"));

        feed.frameApplied(("{\"payload_type\":\"snapshot\",\"seq\":100,\"tick\":100,\"narrations\":["
                + narration(100, "shower_2 lost power.") + "]}").getBytes(StandardCharsets.UTF_8));

        assertThat(feed.newestFirst()).hasSize(1);
        assertThat(feed.total()).isEqualTo(1);
    }

    @Test
    void keepsOnlyTheNewestFifty() {
        NarrationFeed feed = new NarrationFeed();

        for (int tick = 1; tick <= 60; tick++) {
            feed.frameApplied(diff(tick, "[" + narration(tick, "event " + tick) + "]"));
        }

        assertThat(feed.newestFirst()).hasSize(NarrationFeed.CAPACITY);
        assertThat(feed.newestFirst().get(0)).containsEntry("message", "event 60");
        assertThat(feed.newestFirst().get(NarrationFeed.CAPACITY - 1)).containsEntry("message", "event 11");
        assertThat(feed.total()).isEqualTo(60);
    }

    @Test
    void aFrameThatIsNotJsonIsIgnored() {
        NarrationFeed feed = new NarrationFeed();

        feed.frameApplied("{\"narrations\": not json".getBytes(StandardCharsets.UTF_8));

        assertThat(feed.newestFirst()).isEmpty();
    }
}

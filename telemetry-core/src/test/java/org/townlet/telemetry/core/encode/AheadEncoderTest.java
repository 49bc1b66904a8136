package org.townlet.telemetry.core.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AheadEncoderTest {
    private static final String[] NEEDS = {"hunger", "energy"};

    private static JsonObject needs(double hunger, double energy) {
        return new JsonObject(NEEDS, hunger, energy);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> document(Object jobs, Object events) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("seq", 1L);
        document.put("jobs", jobs);
        document.put("events", events);
        return document;
    }

    @Test
    void encodesTheObjectEntriesOfMapSectionsAndTheObjectElementsOfLists() {
        JsonObject alice = needs(0.5, 1.0);
        JsonObject bob = needs(0.25, -0.0);
        JsonObject event = new JsonObject(new String[] {"kind"}, "chat");
        JsonObject jobs = new JsonObject(new String[] {"alice", "bob", "count"}, alice, List.of(bob), 2L);
        AheadEncoder ahead = new AheadEncoder();

        ahead.encodeEntries(document(jobs, List.of(event, "not an object")));

        assertThat(text(alice.encoded())).isEqualTo("{\"hunger\":0.5,\"energy\":1.0}");
        assertThat(text(bob.encoded())).isEqualTo("{\"hunger\":0.25,\"energy\":-0.0}");
        assertThat(text(event.encoded())).isEqualTo("{\"kind\":\"chat\"}");
        assertThat(jobs.encoded()).as("sections themselves are left to the worker's encoder").isNull();
        assertThat(ahead.encodedObjects()).isEqualTo(3);
    }

    @Test
    void sectionsThatAreTheSameObjectsAsBeforeAndEntriesEncodedAlreadyAreNotEncodedAgain() {
        JsonObject alice = needs(0.5, 1.0);
        JsonObject jobs = new JsonObject(new String[] {"alice"}, alice);
        AheadEncoder ahead = new AheadEncoder();
        ahead.encodeEntries(document(jobs, List.of()));
        byte[] first = alice.encoded();

        ahead.encodeEntries(document(jobs, List.of()));
        JsonObject changed = new JsonObject(new String[] {"alice", "carol"}, alice, needs(0.0, 0.75));
        ahead.encodeEntries(document(changed, List.of()));

        assertThat(alice.encoded()).as("kept, not re-encoded").isSameAs(first);
        assertThat(text(((JsonObject) changed.get("carol")).encoded())).isEqualTo("{\"hunger\":0.0,\"energy\":0.75}");
        assertThat(ahead.encodedObjects()).isEqualTo(2);
    }
}

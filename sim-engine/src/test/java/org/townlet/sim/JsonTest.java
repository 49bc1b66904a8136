package org.townlet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.ConsoleResult;
import org.townlet.telemetry.api.event.RivalryEvent;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.json.JsonMaps;
import org.townlet.telemetry.api.state.TelemetryStateSnapshot;

class JsonTest {

    @Test
    void writesCompactJsonInInsertionOrder() {
        Map<String, Object> value = JsonMaps.of("b", 1L, "a", List.of(1.0, 1.0e-5, true), "c", null,
                "d", "quote \" slash \\ line\n", "e", Double.NaN);

        assertThat(Json.write(value)).isEqualTo("{\"b\":1,\"a\":[1.0,1.0E-5,true],\"c\":null,"
                + "\"d\":\"quote \\\" slash \\\\ line\\n\",\"e\":null}");
    }

    @Test
    void parsesWhatItWrites() {
        Map<String, Object> value = JsonMaps.of("n", 3L, "x", -2.5, "s", "é \u0001", "l", List.of(JsonMaps.of()),
                "m", JsonMaps.of("t", true, "f", false, "z", null));

        assertThat(Json.parse(Json.write(value))).isEqualTo(value);
        assertThat(Json.parse(" { \"a\" : [ 1 , 2.0e3 ] } ")).isEqualTo(Map.of("a", List.of(1L, 2000.0)));
        assertThatThrownBy(() -> Json.parse("{\"a\":}")).hasMessage("invalid JSON at offset 5: bad value");
        assertThatThrownBy(() -> Json.parse("[1] x")).hasMessage("invalid JSON at offset 4: unexpected text after "
                + "the value");
    }

    @Test
    void recordsBecomeMapsUnderSnakeCaseNames() {
        assertThat(Json.value(new RivalryEvent(4, "alice", "bob", 0.5, "patience"))).isEqualTo(JsonMaps.of(
                "tick", 4L, "agent_a", "alice", "agent_b", "bob", "intensity", 0.5, "reason", "patience"));
        assertThat(Json.value(WorldEvent.of("shower_complete", "agent_id", "alice")))
                .isEqualTo(JsonMaps.of("event", "shower_complete", "agent_id", "alice"));
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) Json.value(ConsoleResult.ok("help", null, null, 1L, 0L,
                Map.of()));
        assertThat(result).containsEntry("status", "ok").containsEntry("tick", 1L);
    }

    @Test
    void bindsJsonBackIntoApiRecords() {
        ConsoleCommand command = new ConsoleCommand("possess", List.of("alice"), JsonMaps.of("x", 1L), "c-1", "me",
                null, 5L, null);
        assertThat(Json.bind(Json.parse(Json.write(command)), ConsoleCommand.class)).isEqualTo(command);

        TelemetryStateSnapshot empty = TelemetryStateSnapshot.empty(7);
        Object bound = Json.bind(Json.parse(Json.write(empty)), TelemetryStateSnapshot.class);
        assertThat(bound).isEqualTo(empty);
        assertThat(Arrays.stream(TelemetryStateSnapshot.class.getRecordComponents()).count()).isEqualTo(47);
    }
}

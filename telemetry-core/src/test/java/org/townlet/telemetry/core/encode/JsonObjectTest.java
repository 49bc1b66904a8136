package org.townlet.telemetry.core.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link JsonObject} is an ordinary, unmodifiable, ordered {@link Map} to the code it is handed to. */
class JsonObjectTest {
    private static final String[] KEYS = {"tick", "owner", "trust"};

    @Test
    void equalsAnOrderedMapWithTheSameEntriesAndIteratesInKeyOrder() {
        JsonObject object = new JsonObject(KEYS, 7L, "agent_1", null);
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("tick", 7L);
        map.put("owner", "agent_1");
        map.put("trust", null);

        assertThat(object).isEqualTo(map).hasSameHashCodeAs(map).hasToString(map.toString());
        assertThat(map).isEqualTo(object);
        assertThat(object.keySet()).containsExactly("tick", "owner", "trust");
        List<String> visited = new ArrayList<>();
        object.forEach((key, value) -> visited.add(key + "=" + value));
        assertThat(visited).containsExactly("tick=7", "owner=agent_1", "trust=null");
        assertThat(object.get("owner")).isEqualTo("agent_1");
        assertThat(object.containsKey("trust")).isTrue();
        assertThat(object.get("missing")).isNull();
        assertThat(object.containsKey("missing")).isFalse();
    }

    @Test
    void findsTheKeysOfALargeObject() {
        String[] keys = new String[40];
        Object[] values = new Object[40];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "agent_" + i;
            values[i] = (long) i;
        }
        JsonObject object = new JsonObject(keys, values);

        assertThat(object.get(new String("agent_37"))).isEqualTo(37L);
        assertThat(object.containsKey("agent_40")).isFalse();
        assertThat(object).hasSize(40);
    }

    @Test
    void cannotBeModified() {
        JsonObject object = new JsonObject(KEYS, 7L, "agent_1", 0.5);

        assertThatThrownBy(() -> object.put("tick", 8L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> object.remove("tick")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(object::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> object.entrySet().iterator().next().setValue(1L))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsKeysAndValuesOfDifferentLengths() {
        assertThatThrownBy(() -> new JsonObject(KEYS, 7L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("3 keys but 1 values");
    }
}

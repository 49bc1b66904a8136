package org.townlet.telemetry.core.consume;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts a parsed JSON tree into immutable JSON values (SPEC §1.4): maps in key order, lists, plain scalars. */
final class JsonValues {
    private JsonValues() {
    }

    /** An immutable, insertion-ordered map of the object's fields, converted deeply. */
    static Map<String, Object> toMap(JsonNode object) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            map.put(field.getKey(), toValue(field.getValue()));
        }
        return Collections.unmodifiableMap(map);
    }

    static Object toValue(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT:
                return toMap(node);
            case ARRAY: {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(toValue(element));
                }
                return Collections.unmodifiableList(list);
            }
            case STRING:
                return node.textValue();
            case BOOLEAN:
                return node.booleanValue();
            case NUMBER:
                return node.numberValue();
            case NULL:
            case MISSING:
                return null;
            default:
                return node.asText();
        }
    }
}

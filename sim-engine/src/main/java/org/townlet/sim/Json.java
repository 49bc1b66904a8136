package org.townlet.sim;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.townlet.telemetry.api.event.SocialEvent;
import org.townlet.telemetry.api.event.WorldEvent;

/**
 * The simulation's own small JSON: it may not use Jackson (it depends on the api only), yet the console answers with
 * JSON maps built from api records, and a simulation snapshot is a JSON file. Three parts:
 *
 * <ul>
 * <li>{@link #value(Object)}: any api value as a JSON value (records as maps under their snake_case component names,
 *     which is how the api serialises them; {@link WorldEvent} and {@link SocialEvent} in their flat form; enums
 *     lower-case; {@code Optional} unwrapped).</li>
 * <li>{@link #write(Object)} and {@link #parse(String)}: JSON text, compact, keys in insertion order, doubles with a
 *     decimal point or exponent, NaN and infinities as {@code null}; integers parse as {@code Long}, other numbers as
 *     {@code Double}.</li>
 * <li>{@link #bind(Object, Type)}: a parsed JSON value back into an api type, records through their canonical
 *     constructors (absent keys are {@code null}, or 0/false for primitives).</li>
 * </ul>
 * Stateless and thread-safe.
 */
final class Json {
    private Json() {
    }

    // ------------------------------------------------------------------------------------------------ values

    /** {@code value} as a JSON value: a JSON map, a list, a string, a number, a boolean or {@code null}. */
    static Object value(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT);
        }
        if (value instanceof WorldEvent event) {
            return value(event.toJson());
        }
        if (value instanceof SocialEvent event) {
            return value(event.toJson());
        }
        if (value instanceof Optional<?> optional) {
            return value(optional.orElse(null));
        }
        if (value instanceof Record record) {
            LinkedHashMap<String, Object> map = new LinkedHashMap<>();
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    map.put(snakeCase(component.getName()), value(component.getAccessor().invoke(record)));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + component, e);
                }
            }
            return Collections.unmodifiableMap(map);
        }
        if (value instanceof Map<?, ?> source) {
            LinkedHashMap<String, Object> map = new LinkedHashMap<>();
            source.forEach((key, inner) -> map.put(String.valueOf(key), value(inner)));
            return Collections.unmodifiableMap(map);
        }
        if (value instanceof Collection<?> source) {
            List<Object> list = new ArrayList<>(source.size());
            source.forEach(item -> list.add(value(item)));
            return Collections.unmodifiableList(list);
        }
        return value.toString();
    }

    /** {@code hungerDecay} → {@code hunger_decay}. */
    static String snakeCase(String camel) {
        StringBuilder snake = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                snake.append('_').append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }

    // ------------------------------------------------------------------------------------------------ text

    /** Compact JSON text of a JSON value (see {@link #value(Object)} for other values). */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value(value), out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(text, out);
        } else if (value instanceof Boolean || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Double number) {
            out.append(number.isNaN() || number.isInfinite() ? "null" : number.toString());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            string(value.toString(), out);
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Parses JSON text into immutable JSON maps and lists, strings, {@code Long}s, {@code Double}s, booleans and
     * {@code null}.
     *
     * @throws IllegalArgumentException naming the position of the first syntax error
     */
    static Object parse(String text) {
        Parser parser = new Parser(text);
        Object value = parser.value();
        parser.skipSpace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text after the value");
        }
        return value;
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Object value() {
            skipSpace();
            if (pos >= text.length()) {
                throw error("unexpected end of input");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        private Map<String, Object> object() {
            pos++;
            LinkedHashMap<String, Object> map = new LinkedHashMap<>();
            skipSpace();
            if (peek() == '}') {
                pos++;
                return Map.of();
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("expected a string key");
                }
                String key = string();
                skipSpace();
                expect(':');
                map.put(key, value());
                skipSpace();
                char c = next();
                if (c == '}') {
                    return Collections.unmodifiableMap(map);
                }
                if (c != ',') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> array() {
            pos++;
            List<Object> list = new ArrayList<>();
            skipSpace();
            if (peek() == ']') {
                pos++;
                return List.of();
            }
            while (true) {
                list.add(value());
                skipSpace();
                char c = next();
                if (c == ']') {
                    return Collections.unmodifiableList(list);
                }
                if (c != ',') {
                    throw error("expected ',' or ']'");
                }
            }
        }

        private String string() {
            pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escaped = next();
                switch (escaped) {
                    case '"', '\\', '/' -> out.append(escaped);
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("bad unicode escape");
                        }
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> throw error("bad escape '\\" + escaped + "'");
                }
            }
        }

        private Object number() {
            int start = pos;
            boolean integral = true;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '.' || c == 'e' || c == 'E') {
                    integral = false;
                } else if (!(c == '-' || c == '+' || c >= '0' && c <= '9')) {
                    break;
                }
                pos++;
            }
            String token = text.substring(start, pos);
            try {
                return integral ? (Object) Long.parseLong(token) : (Object) Double.parseDouble(token);
            } catch (NumberFormatException e) {
                pos = start;
                throw error("bad value");
            }
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("bad value");
            }
            pos += word.length();
            return value;
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            if (pos >= text.length()) {
                throw error("unexpected end of input");
            }
            return text.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private void expect(char expected) {
            if (next() != expected) {
                pos--;
                throw error("expected '" + expected + "'");
            }
        }

        IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + problem);
        }
    }

    // ------------------------------------------------------------------------------------------------ binding

    /**
     * A parsed JSON value as an instance of {@code type}: records through their canonical constructors, lists and
     * maps element by element, enums by lower-case name, {@code Object} as an immutable JSON value.
     *
     * @throws IllegalArgumentException when the value does not fit the type
     */
    static Object bind(Object json, Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (json == null) {
                return null;
            }
            if (List.class.isAssignableFrom(raw)) {
                List<Object> list = new ArrayList<>();
                for (Object item : (List<?>) json) {
                    list.add(bind(item, arguments[0]));
                }
                return Collections.unmodifiableList(list);
            }
            if (Map.class.isAssignableFrom(raw)) {
                LinkedHashMap<String, Object> map = new LinkedHashMap<>();
                ((Map<?, ?>) json).forEach((key, value) -> map.put(String.valueOf(key), bind(value, arguments[1])));
                return Collections.unmodifiableMap(map);
            }
            if (Optional.class.equals(raw)) {
                return Optional.ofNullable(bind(json, arguments[0]));
            }
            return bind(json, raw);
        }
        if (!(type instanceof Class<?> target)) {
            return json;
        }
        if (target.isPrimitive()) {
            return primitive(json, target);
        }
        if (json == null) {
            return null;
        }
        if (target == Object.class || target == Number.class) {
            return json;
        }
        if (target == String.class) {
            return json.toString();
        }
        if (target == Long.class) {
            return ((Number) json).longValue();
        }
        if (target == Integer.class) {
            return ((Number) json).intValue();
        }
        if (target == Double.class) {
            return ((Number) json).doubleValue();
        }
        if (target == Boolean.class) {
            return json;
        }
        if (target == Instant.class) {
            return Instant.parse(json.toString());
        }
        if (target.isEnum()) {
            return enumConstant(target, json.toString());
        }
        if (target == WorldEvent.class) {
            return WorldEvent.fromJson(asMap(json));
        }
        if (target == SocialEvent.class) {
            return SocialEvent.fromJson(asMap(json));
        }
        if (target.isRecord()) {
            return record(asMap(json), target);
        }
        throw new IllegalArgumentException("cannot bind JSON to " + target.getName());
    }

    private static Object primitive(Object json, Class<?> target) {
        if (target == boolean.class) {
            return json != null && (Boolean) json;
        }
        Number number = json == null ? 0L : (Number) json;
        if (target == long.class) {
            return number.longValue();
        }
        if (target == int.class) {
            return number.intValue();
        }
        if (target == double.class) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException("cannot bind JSON to " + target.getName());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> target, String name) {
        return Enum.valueOf((Class) target, name.toUpperCase(Locale.ROOT));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object json) {
        if (!(json instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("expected a JSON object, got " + json);
        }
        return (Map<String, Object>) json;
    }

    private static Object record(Map<String, Object> json, Class<?> target) {
        RecordComponent[] components = target.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            arguments[i] = bind(json.get(snakeCase(components[i].getName())), components[i].getGenericType());
        }
        try {
            Constructor<?> constructor = target.getDeclaredConstructor(types);
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalArgumentException("invalid " + target.getSimpleName() + ": " + cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + target.getName(), e);
        }
    }
}

package org.townlet.telemetry.core.encode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Seeded random nested values for encoder comparisons: every map and list implementation the stream meets, strings
 * with escapes, control characters, non-ASCII text and paired and unpaired surrogates, doubles of every kind, the
 * integral and big number types, and a few values that are not plain JSON (handed to Jackson's mapper).
 */
final class RandomJsonValues {
    private static final String[] WORDS = {"agent_1", "wallet", "hunger", "", "a\"b", "back\\slash", "tab\there",
        "new\nline", "caf\u00e9", "\u00fcber", "\u20ac5", "\u2028", "\u007f", "/path/", "\u0000", "\u001f",
        "\ud83d\ude00", "x\ud83dy", "\ude00", "\ud83d", "\uffff", "\ufeff", "\u0800", "\u07ff"};

    private final SplittableRandom random;

    RandomJsonValues(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A random document: a map of random values, {@code depth} levels deep at most. */
    Map<String, Object> document(int depth) {
        Map<String, Object> document = new LinkedHashMap<>();
        int size = random.nextInt(1, 12);
        for (int i = 0; i < size; i++) {
            document.put(string(), value(depth));
        }
        return document;
    }

    Object value(int depth) {
        int kind = random.nextInt(depth > 0 ? 16 : 12);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2, 3 -> string();
            case 4, 5, 6 -> aDouble();
            case 7 -> aLong();
            case 8 -> random.nextInt();
            case 9 -> bigNumber();
            case 10 -> random.nextInt(4) == 0 ? notPlain() : aDouble();
            case 11 -> (double) random.nextInt(-20_000_000, 20_000_000);
            case 12, 13 -> map(depth - 1);
            default -> list(depth - 1);
        };
    }

    String string() {
        int form = random.nextInt(6);
        if (form == 0) {
            return WORDS[random.nextInt(WORDS.length)];
        }
        int length = form == 5 ? random.nextInt(400, 1_500) : random.nextInt(0, 24);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int pool = random.nextInt(10);
            if (pool < 5) {
                text.append((char) random.nextInt(0x20, 0x7f));
            } else if (pool == 5) {
                text.append((char) random.nextInt(0, 0x80));
            } else if (pool == 6) {
                text.append((char) random.nextInt(0x80, 0x800));
            } else if (pool == 7) {
                text.append((char) random.nextInt(0x800, 0x10000));
            } else if (pool == 8) {
                text.appendCodePoint(random.nextInt(0x10000, 0x110000));
            } else {
                text.append((char) random.nextInt(0xD800, 0xE000));
            }
        }
        return text.toString();
    }

    double aDouble() {
        return switch (random.nextInt(8)) {
            case 0 -> Double.longBitsToDouble(random.nextLong());
            case 1 -> new double[] {0.0, -0.0, 1.0E7, 1.0E-3, 1.0E-4, 9_999_999.0, Double.MIN_VALUE,
                Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}[random.nextInt(11)];
            case 2 -> random.nextDouble();
            case 3 -> random.nextLong(-1_000_000, 1_000_000) / 100.0;
            case 4 -> Math.nextUp(random.nextInt(-100, 100) * Math.pow(10, random.nextInt(-8, 9)));
            default -> random.nextDouble(-2, 2) * Math.pow(10, random.nextInt(-6, 8));
        };
    }

    long aLong() {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong();
            case 1 -> new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE}[random.nextInt(5)];
            default -> random.nextLong(-100_000, 100_000);
        };
    }

    private Object bigNumber() {
        return switch (random.nextInt(4)) {
            case 0 -> new BigInteger(random.nextInt(1, 200), new java.util.Random(random.nextLong()));
            case 1 -> BigDecimal.valueOf(random.nextLong(), random.nextInt(-20, 20));
            case 2 -> new BigDecimal("1E+3");
            default -> new BigDecimal(random.nextDouble());
        };
    }

    /** Values the old encoder handed to Jackson's mapper. */
    private Object notPlain() {
        return switch (random.nextInt(6)) {
            case 0 -> (float) random.nextDouble(-1000, 1000);
            case 1 -> (short) random.nextInt(Short.MIN_VALUE, Short.MAX_VALUE);
            case 2 -> new TreeSet<>(List.of(string(), string()));
            case 3 -> new int[] {random.nextInt(), random.nextInt()};
            case 4 -> new Sample(string(), aDouble(), List.of(aLong()));
            default -> (byte) random.nextInt(-128, 128);
        };
    }

    private Map<Object, Object> map(int depth) {
        int size = random.nextInt(0, 8);
        Map<Object, Object> map = switch (random.nextInt(5)) {
            case 0 -> new HashMap<>();
            case 1 -> new TreeMap<>();
            default -> new LinkedHashMap<>();
        };
        for (int i = 0; i < size; i++) {
            Object key = map instanceof TreeMap || random.nextInt(10) > 0 ? string() : (Object) random.nextInt(100);
            map.put(key, value(depth));
        }
        if (map instanceof LinkedHashMap && random.nextInt(8) == 0) {
            map.put(null, value(depth));
        }
        return random.nextBoolean() ? Collections.unmodifiableMap(map) : map;
    }

    private List<Object> list(int depth) {
        int size = random.nextInt(0, 8);
        List<Object> list = random.nextInt(3) == 0 ? new LinkedList<>() : new ArrayList<>();
        for (int i = 0; i < size; i++) {
            list.add(value(depth));
        }
        return random.nextBoolean() ? Collections.unmodifiableList(list) : list;
    }

    /** A record, which Jackson's mapper writes as an object. */
    record Sample(String name, double weight, List<Long> counts) {
    }
}

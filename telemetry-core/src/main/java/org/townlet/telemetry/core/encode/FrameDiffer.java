package org.townlet.telemetry.core.encode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.townlet.telemetry.api.TelemetrySchema;
import org.townlet.telemetry.api.transport.FrameKind;

/**
 * Section-level diff of two snapshot documents (SPEC §9.5 steps 4–5).
 *
 * <p>{@code changes} holds each top-level section of the current document, other than the envelope, that is absent
 * from the base or differs from it; {@code removed} the base's sections the current document lacks (only when
 * non-empty). Equality is deep and structural: maps compare regardless of key order, lists in order, numbers by
 * value ({@code 1} equals {@code 1.0}). A section whose value is the very same object as the base's is not compared
 * (the document builder reuses the converted value of a section whose source did not change).
 *
 * <p>Stateless and thread-safe; the caller owns the diff base.
 */
public final class FrameDiffer {
    private FrameDiffer() {
    }

    /**
     * The diff frame document {@code {schema_version, payload_type:"diff", seq, tick, changes[, removed]}} turning
     * {@code base} into {@code current}. The values are shared with {@code current}, not copied.
     */
    public static Map<String, Object> diff(Map<String, Object> base, Map<String, Object> current, long seq,
            long tick) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(current, "current");
        LinkedHashMap<String, Object> changes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : current.entrySet()) {
            String key = entry.getKey();
            if (Envelope.isEnvelopeKey(key)) {
                continue;
            }
            Object value = entry.getValue();
            if (!base.containsKey(key) || !jsonEquals(base.get(key), value)) {
                changes.put(key, value);
            }
        }
        List<String> removed = null;
        for (String key : base.keySet()) {
            if (!Envelope.isEnvelopeKey(key) && !current.containsKey(key)) {
                if (removed == null) {
                    removed = new ArrayList<>();
                }
                removed.add(key);
            }
        }
        LinkedHashMap<String, Object> frame = new LinkedHashMap<>();
        frame.put(Envelope.SCHEMA_VERSION, TelemetrySchema.VERSION);
        frame.put(Envelope.PAYLOAD_TYPE, FrameKind.DIFF.wireName());
        frame.put(Envelope.SEQ, seq);
        frame.put(Envelope.TICK, tick);
        frame.put(Envelope.CHANGES, changes);
        if (removed != null) {
            frame.put(Envelope.REMOVED, List.copyOf(removed));
        }
        return frame;
    }

    /**
     * Deep structural equality of two plain JSON values (maps, lists, strings, booleans, numbers, {@code null}):
     * maps regardless of key order, lists in order, numbers by value.
     */
    public static boolean jsonEquals(Object left, Object right) {
        if (left == right) {
            return true;
        }
        if (left == null || right == null) {
            return false;
        }
        if (left instanceof Number leftNumber && right instanceof Number rightNumber) {
            return numbersEqual(leftNumber, rightNumber);
        }
        if (left instanceof Map<?, ?> leftMap && right instanceof Map<?, ?> rightMap) {
            return mapsEqual(leftMap, rightMap);
        }
        if (left instanceof List<?> leftList && right instanceof List<?> rightList) {
            return listsEqual(leftList, rightList);
        }
        return left.equals(right);
    }

    private static boolean mapsEqual(Map<?, ?> left, Map<?, ?> right) {
        if (left.size() != right.size()) {
            return false;
        }
        if (left instanceof JsonObject leftObject && right instanceof JsonObject rightObject
                && sameKeys(leftObject.keyArray(), rightObject.keyArray())) {
            // the same keys in the same order (records of one type, a map and its previous conversion): by position
            for (int i = 0, n = leftObject.size(); i < n; i++) {
                if (!jsonEquals(leftObject.valueAt(i), rightObject.valueAt(i))) {
                    return false;
                }
            }
            return true;
        }
        for (Map.Entry<?, ?> entry : left.entrySet()) {
            Object rightValue = right.get(entry.getKey());
            if (rightValue == null && !right.containsKey(entry.getKey())) {
                return false;
            }
            if (!jsonEquals(entry.getValue(), rightValue)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameKeys(String[] left, String[] right) {
        return left == right || Arrays.equals(left, right);
    }

    private static boolean listsEqual(List<?> left, List<?> right) {
        if (left.size() != right.size()) {
            return false;
        }
        Iterator<?> leftItems = left.iterator();
        Iterator<?> rightItems = right.iterator();
        while (leftItems.hasNext()) {
            if (!jsonEquals(leftItems.next(), rightItems.next())) {
                return false;
            }
        }
        return true;
    }

    static boolean numbersEqual(Number left, Number right) {
        boolean leftIntegral = isIntegral(left);
        boolean rightIntegral = isIntegral(right);
        if (leftIntegral && rightIntegral) {
            if (left instanceof BigInteger || right instanceof BigInteger) {
                return toBigInteger(left).equals(toBigInteger(right));
            }
            return left.longValue() == right.longValue();
        }
        if (!leftIntegral && !rightIntegral && !(left instanceof BigDecimal) && !(right instanceof BigDecimal)) {
            return left.doubleValue() == right.doubleValue();
        }
        // Mixed integral / floating (or BigDecimal): compare exactly, so 2^53 + 1 never equals 2^53 as a double.
        BigDecimal leftDecimal = toBigDecimal(left);
        BigDecimal rightDecimal = toBigDecimal(right);
        if (leftDecimal == null || rightDecimal == null) {
            return left.doubleValue() == right.doubleValue();
        }
        return leftDecimal.compareTo(rightDecimal) == 0;
    }

    private static boolean isIntegral(Number number) {
        return number instanceof Long || number instanceof Integer || number instanceof Short
                || number instanceof Byte || number instanceof BigInteger;
    }

    private static BigInteger toBigInteger(Number number) {
        return number instanceof BigInteger big ? big : BigInteger.valueOf(number.longValue());
    }

    private static BigDecimal toBigDecimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (isIntegral(number)) {
            return BigDecimal.valueOf(number.longValue());
        }
        double value = number.doubleValue();
        return Double.isFinite(value) ? new BigDecimal(value) : null;
    }
}

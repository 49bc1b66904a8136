package org.townlet.telemetry.core.aggregate;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The last (at most {@code cap}) elements of a history that grows by appends: the window {@code [from, to)} of an
 * append-only array shared by the successive versions of the history, so an append costs one slot, not a copy of the
 * kept elements (the read models' histories and KPI series, derived every tick). Immutable and a {@link List} in every
 * respect ({@code equals}, {@code hashCode} and {@code toString} of {@link AbstractList}).
 *
 * <p>An append claims the slot just past the window with a compare-and-set on the array's claimed length, writes the
 * element there and returns a new window; slots below a window's end are never written again, so every version stays
 * as it was, whichever thread holds it. Appending to a version that is no longer the newest (its next slot already
 * claimed), or with the array full, copies the kept elements to a new array: about every {@code 3 × cap} appends.
 *
 * @param <E> the element type
 */
final class CappedList<E> extends AbstractList<E> implements RandomAccess {
    private final Object[] elements;
    /** How many slots of {@link #elements} are taken, by any version. */
    private final AtomicInteger claimed;
    private final int cap;
    private final int from;
    private final int to;

    private CappedList(Object[] elements, AtomicInteger claimed, int cap, int from, int to) {
        this.elements = elements;
        this.claimed = claimed;
        this.cap = cap;
        this.from = from;
        this.to = to;
    }

    /**
     * {@code history} followed by {@code added}, keeping the last {@code cap}; {@code history} itself when nothing is
     * added. A {@code history} made here with the same cap is appended to in place (see the class comment).
     */
    @SuppressWarnings("unchecked")
    static <E> List<E> append(List<E> history, List<? extends E> added, int cap) {
        if (added.isEmpty()) {
            return history;
        }
        CappedList<E> result = history instanceof CappedList<?> capped && capped.cap == cap
                ? (CappedList<E>) capped : copyOf(history, cap);
        for (E element : added) {
            result = result.append(element);
        }
        return result;
    }

    /** The last {@code cap} elements of {@code history}, in a new array with room to grow. */
    private static <E> CappedList<E> copyOf(List<? extends E> history, int cap) {
        int keep = Math.min(history.size(), cap);
        Object[] elements = new Object[Math.max(4 * cap, 16)];
        int skip = history.size() - keep;
        for (int i = 0; i < keep; i++) {
            elements[i] = history.get(skip + i);
        }
        return new CappedList<>(elements, new AtomicInteger(keep), cap, 0, keep);
    }

    private CappedList<E> append(E element) {
        CappedList<E> base = to < elements.length && claimed.compareAndSet(to, to + 1) ? this : null;
        if (base == null) {
            CappedList<E> copy = copyOf(this, cap);
            copy.claimed.incrementAndGet();
            copy.elements[copy.to] = element;
            return copy.window(copy.to + 1);
        }
        elements[to] = element;
        return window(to + 1);
    }

    /** The window ending at {@code end}, at most {@code cap} long. */
    private CappedList<E> window(int end) {
        return new CappedList<>(elements, claimed, cap, Math.max(from, end - cap), end);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        return (E) elements[from + Objects.checkIndex(index, to - from)];
    }

    @Override
    public int size() {
        return to - from;
    }
}

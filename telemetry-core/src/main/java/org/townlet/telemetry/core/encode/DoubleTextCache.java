package org.townlet.telemetry.core.encode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The text of recently written doubles, by bit pattern, so that a value written again is copied instead of formatted.
 * Most doubles of a frame were in the previous frame too (a diff's {@code jobs} and {@code reward_breakdown} entries
 * are fresh maps every tick, but ~80 % of their values did not change, and many are 0.0 or a few constants), and
 * copying a remembered text costs a fraction of {@link DoubleFormat}'s digit search and layout.
 *
 * <p>Direct-mapped by a hash of the bits: a value whose slot holds another value is formatted and then replaces it.
 * The key is the bit pattern, not the value, so 0.0 and -0.0 have separate slots. Each slot is four longs in one
 * array, so a hit touches one or two cache lines and no object: the bits, then up to {@link #MAX_LENGTH} bytes of
 * text in three little-endian longs, with the text's length in the top byte of the third.
 *
 * <p>Threads: not thread-safe; owned by one {@link Utf8JsonWriter}, used by the thread writing with it.
 */
final class DoubleTextCache {
    /** The longest text remembered: the third long's top byte holds the length. */
    static final int MAX_LENGTH = 23;
    /** What {@link #copy} writes whatever the length: the caller's buffer needs this much room. */
    static final int COPY_LENGTH = 24;
    /** 4,096 slots (128 KiB): a 50-agent diff carries ~1,600 doubles, many of them repeated. */
    private static final int SLOT_BITS = 12;
    private static final int STRIDE = 4;
    /** Marks an empty slot: the bits of a NaN, which is never written as a number (so never looked up). */
    private static final long EMPTY = Double.doubleToRawLongBits(Double.NaN);
    private static final long LENGTH_SHIFT = 56;
    private static final long TEXT_MASK = (1L << LENGTH_SHIFT) - 1;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long[] slots = new long[STRIDE << SLOT_BITS];

    DoubleTextCache() {
        for (int slot = 0; slot < slots.length; slot += STRIDE) {
            slots[slot] = EMPTY;
        }
    }

    /**
     * Copies the remembered text of the double with {@code bits} to {@code buffer[at]}, which must have
     * {@link #COPY_LENGTH} bytes of room (the bytes after the text are overwritten with junk).
     *
     * @return the position after the text, or -1 when it is not remembered
     */
    int copy(long bits, byte[] buffer, int at) {
        long[] table = slots;
        int slot = slotOf(bits);
        if (table[slot] != bits) {
            return -1;
        }
        long last = table[slot + 3];
        LONGS.set(buffer, at, table[slot + 1]);
        LONGS.set(buffer, at + 8, table[slot + 2]);
        LONGS.set(buffer, at + 16, last);
        return at + (int) (last >>> LENGTH_SHIFT);
    }

    /**
     * Remembers {@code buffer[from, to)} as the text of the double with {@code bits} (finite); {@code buffer} must hold
     * {@link #COPY_LENGTH} bytes from {@code from}. A longer text than {@link #MAX_LENGTH} is not remembered.
     */
    void remember(long bits, byte[] buffer, int from, int to) {
        int length = to - from;
        if (length > MAX_LENGTH) {
            return;
        }
        long[] table = slots;
        int slot = slotOf(bits);
        table[slot] = bits;
        table[slot + 1] = (long) LONGS.get(buffer, from);
        table[slot + 2] = (long) LONGS.get(buffer, from + 8);
        table[slot + 3] = (long) LONGS.get(buffer, from + 16) & TEXT_MASK | (long) length << LENGTH_SHIFT;
    }

    /** The first index of the slot of {@code bits}: Fibonacci hashing, whose top bits depend on all of them. */
    static int slotOf(long bits) {
        return (int) ((bits * 0x9E3779B97F4A7C15L) >>> (Long.SIZE - SLOT_BITS)) * STRIDE;
    }
}

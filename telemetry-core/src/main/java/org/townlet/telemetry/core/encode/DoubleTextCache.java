package org.townlet.telemetry.core.encode;

import java.util.Arrays;

/**
 * The text of recently written doubles, by bit pattern, so that a value written again is copied instead of formatted.
 * Most doubles of a frame were in the previous frame too (a diff's {@code jobs} and {@code reward_breakdown} entries
 * are fresh maps every tick, but ~80 % of their values did not change, and many are 0.0 or a few constants), and
 * copying a remembered text costs a fraction of {@link DoubleFormat}'s digit search and layout.
 *
 * <p>Direct-mapped by a hash of the bits: a value whose slot holds another value is formatted and then replaces it.
 * The key is the bit pattern, not the value, so 0.0 and -0.0 have separate slots. A slot is its bits in one array and
 * {@link #COPY_LENGTH} bytes in another: up to {@link #MAX_LENGTH} bytes of text and its length in the last byte, so a
 * hit is one comparison and one {@code System.arraycopy} of a fixed length (an intrinsic; a byte-array view
 * {@code VarHandle} here was not inlined inside the encoder's recursive write methods, docs/PERFORMANCE.md #27).
 *
 * <p>Threads: not thread-safe; owned by one {@link Utf8JsonWriter}, used by the thread writing with it.
 */
final class DoubleTextCache {
    /** The longest text remembered: a slot's last byte holds the length. */
    static final int MAX_LENGTH = 23;
    /** What {@link #copy} writes whatever the length: the caller's buffer needs this much room. */
    static final int COPY_LENGTH = 24;
    /** 4,096 slots (128 KiB): a 50-agent diff carries ~1,600 doubles, many of them repeated. */
    private static final int SLOT_BITS = 12;
    /** Marks an empty slot: the bits of a NaN, which is never written as a number (so never looked up). */
    private static final long EMPTY = Double.doubleToRawLongBits(Double.NaN);

    private final long[] keys = new long[1 << SLOT_BITS];
    /** Per slot, {@link #COPY_LENGTH} bytes: the text, then (in the last byte) its length. */
    private final byte[] texts = new byte[COPY_LENGTH << SLOT_BITS];

    DoubleTextCache() {
        Arrays.fill(keys, EMPTY);
    }

    /**
     * Copies the remembered text of the double with {@code bits} to {@code buffer[at]}, which must have
     * {@link #COPY_LENGTH} bytes of room (the bytes after the text are overwritten with junk).
     *
     * @return the position after the text, or -1 when it is not remembered
     */
    int copy(long bits, byte[] buffer, int at) {
        int slot = slotOf(bits);
        if (keys[slot] != bits) {
            return -1;
        }
        int offset = slot * COPY_LENGTH;
        System.arraycopy(texts, offset, buffer, at, COPY_LENGTH);
        return at + texts[offset + MAX_LENGTH];
    }

    /**
     * Remembers {@code buffer[from, to)} as the text of the double with {@code bits} (finite); {@code buffer} must hold
     * {@link #MAX_LENGTH} bytes from {@code from}. A longer text than {@link #MAX_LENGTH} is not remembered.
     */
    void remember(long bits, byte[] buffer, int from, int to) {
        int length = to - from;
        if (length > MAX_LENGTH) {
            return;
        }
        int slot = slotOf(bits);
        int offset = slot * COPY_LENGTH;
        keys[slot] = bits;
        System.arraycopy(buffer, from, texts, offset, MAX_LENGTH);
        texts[offset + MAX_LENGTH] = (byte) length;
    }

    /** The slot of {@code bits}: Fibonacci hashing, whose top bits depend on all of them. */
    static int slotOf(long bits) {
        return (int) ((bits * 0x9E3779B97F4A7C15L) >>> (Long.SIZE - SLOT_BITS));
    }
}

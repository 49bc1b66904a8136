package org.townlet.telemetry.core.encode;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameKind;

/**
 * Encodes a frame document as one NDJSON line (SPEC §9.1): compact UTF-8 JSON with non-ASCII characters unescaped,
 * integral values as JSON integers, doubles always with a decimal point or an exponent ({@code 1.0}, {@code 1.0E-5}),
 * then exactly one {@code \n}. The bytes are those of the Jackson generator this class used before (see
 * {@link Utf8JsonWriter}), written into one reused buffer; the only copy per frame is the frame's own array.
 *
 * <p>The document must hold only plain JSON values (what {@link SnapshotDocumentBuilder} and {@link FrameDiffer}
 * produce); anything else is handed to a Jackson mapper, as before.
 *
 * <p>Threads: thread-safe; calls are serialised (in practice the publisher calls it under the send lock only).
 */
public final class FrameEncoder {
    /**
     * Larger than the frames of the default scenario with 50 agents (up to ~105 KB), so that the buffer does not grow
     * mid-run: growing is a branch the compiled frame path has never seen taken, and taking it deoptimises that path
     * (docs/PERFORMANCE.md, findings after change 44). Larger frames still grow it, once.
     */
    private static final int INITIAL_CAPACITY = 256 * 1024;

    private final Utf8JsonWriter out = new Utf8JsonWriter(INITIAL_CAPACITY);
    /** Section name → the last value encoded under it and where its bytes are; null when section reuse is off. */
    private final Map<String, SectionBytes> sections;
    /** Sections written in the frame being encoded, whose bytes are in the frame's array once it exists. */
    private SectionBytes[] written = new SectionBytes[32];
    private int writtenCount;
    private long reusedSections;
    private long reusedEntries;
    private long copiedFields;

    // The map section being written afresh (see writeSectionMap).
    private final BiConsumer<Object, Object> sectionEntryWriter = this::writeSectionEntry;
    private SectionBytes mapSection;
    private byte[] previousFrame;
    private int previousOffset;
    private int generation;
    private int sectionStart;
    private int containers;

    /** An encoder that encodes every value every time. */
    public FrameEncoder() {
        this(false);
    }

    /**
     * An encoder that, with {@code reuseSections}, remembers the bytes of each top-level section (of a snapshot, or
     * under a diff's {@code changes}) and writes them again when the next frame carries the very same value object
     * under that name (SPEC §9.5 step 5). Only for documents whose section values are immutable, as the publisher's
     * are: a value mutated after it was encoded would be written stale. Identity only, never equality: a different
     * object, even an equal one, is encoded afresh and replaces the remembered bytes. Within a map section that is
     * encoded afresh, each map or list entry that is the very object of the section's last write is copied likewise,
     * and an entry that is a new object with the same keys has each run of fields holding the very same value objects
     * copied.
     *
     * <p>The remembered bytes are a range of an earlier frame's array (frames are immutable once built), so reuse
     * copies nothing extra; at most one earlier frame per section name stays reachable through them.
     */
    public FrameEncoder(boolean reuseSections) {
        this.sections = reuseSections ? new HashMap<>() : null;
    }

    /** The document's bytes followed by {@code \n}. */
    public synchronized byte[] encodeBytes(Map<String, Object> document) {
        Objects.requireNonNull(document, "document");
        out.reset();
        writtenCount = 0;
        byte[] frame;
        try {
            if (sections == null) {
                out.writeMap(document);
            } else {
                writeDocument(document);
            }
            out.writeByte('\n');
            frame = out.toByteArray();
        } catch (RuntimeException | Error e) {
            // the ranges recorded for this frame point into an array that will never exist
            for (int i = 0; i < writtenCount; i++) {
                written[i].forget();
            }
            throw e;
        }
        for (int i = 0; i < writtenCount; i++) {
            written[i].frame = frame;
            written[i] = null;
        }
        return frame;
    }

    /** The encoded frame for {@code document}. */
    public EncodedFrame encode(long seq, long tick, FrameKind kind, Map<String, Object> document) {
        return new EncodedFrame(seq, tick, kind, encodeBytes(document));
    }

    /** How many sections were written from remembered bytes (visible for testing). */
    synchronized long reusedSections() {
        return reusedSections;
    }

    /** How many entries of map sections written afresh were copied from remembered bytes (visible for testing). */
    synchronized long reusedEntries() {
        return reusedEntries;
    }

    /** How many fields of changed entries were copied from remembered bytes (visible for testing). */
    synchronized long copiedFields() {
        return copiedFields;
    }

    /** Section reuse: the top level, and a diff's {@code changes}, go through {@link #writeSection}. */
    private void writeDocument(Map<String, Object> document) {
        out.writeByte('{');
        boolean first = true;
        for (Map.Entry<String, Object> entry : document.entrySet()) {
            if (!first) {
                out.writeByte(',');
            }
            first = false;
            String key = entry.getKey();
            Object value = entry.getValue();
            out.writeKey(key);
            if (Envelope.CHANGES.equals(key) && value instanceof Map<?, ?> changes) {
                writeChanges(changes);
            } else if (Envelope.isEnvelopeKey(key) || Envelope.REMOVED.equals(key)) {
                out.writeValue(value);
            } else {
                writeSection(key, value);
            }
        }
        out.writeByte('}');
    }

    private void writeChanges(Map<?, ?> changes) {
        out.writeByte('{');
        boolean first = true;
        for (Map.Entry<?, ?> change : changes.entrySet()) {
            if (!first) {
                out.writeByte(',');
            }
            first = false;
            String name = String.valueOf(change.getKey());
            out.writeKey(name);
            writeSection(name, change.getValue());
        }
        out.writeByte('}');
    }

    /**
     * A map or list section: its remembered bytes when the value is the same object; otherwise it is written straight
     * into the frame (a map's entries from their remembered bytes where they are the same objects). Either way the
     * section's range in this frame is remembered for the next one.
     */
    private void writeSection(String name, Object value) {
        if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
            out.writeValue(value);
            return;
        }
        SectionBytes section = sections.get(name);
        int start = out.size();
        if (section != null && section.value == value && section.frame != null) {
            reusedSections++;
            out.writeRaw(section.frame, section.offset, section.length);
        } else {
            if (section == null) {
                section = new SectionBytes();
                sections.put(name, section);
            }
            section.value = value;
            try {
                if (value instanceof Map<?, ?> map) {
                    writeSectionMap(section, map);
                } else {
                    // A new generation here too, so that entry bytes of an older map under this name never pass for
                    // the previous frame's once the section is a map again.
                    section.generation++;
                    out.writeValue(value);
                }
            } catch (RuntimeException | Error e) {
                // Not in written[] yet, so encodeBytes cannot forget it: its bytes still point at the previous
                // frame, which holds another value's.
                section.forget();
                throw e;
            }
        }
        // Point at this frame's copy, so older frames are not kept reachable by sections that keep coming back.
        section.offset = start;
        section.length = out.size() - start;
        section.frame = null;
        if (writtenCount == written.length) {
            written = Arrays.copyOf(written, writtenCount * 2);
        }
        written[writtenCount++] = section;
    }

    /**
     * A map section written afresh. Such a section often changes in a few entries only (a {@code jobs} entry per agent,
     * half of them the same objects as a tick before), so each map or list entry that is the very object the
     * section's previous bytes hold is copied from them (the same immutability contract as whole sections).
     */
    private void writeSectionMap(SectionBytes section, Map<?, ?> map) {
        mapSection = section;
        previousFrame = section.frame;
        previousOffset = section.offset;
        generation = ++section.generation;
        sectionStart = out.size();
        containers = 0;
        section.beginEntries();
        out.writeByte('{');
        map.forEach(sectionEntryWriter);
        out.writeByte('}');
        section.endEntries();
        section.forgetEntriesOlderThan(generation, containers);
        mapSection = null;
        previousFrame = null;
    }

    /** One entry of the map section being written (state in the fields above: map sections do not nest). */
    private void writeSectionEntry(Object key, Object value) {
        if (out.size() > sectionStart + 1) {
            out.writeByte(',');
        }
        String name = key instanceof String text ? text : String.valueOf(key);
        out.writeKey(name);
        if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
            out.writeValue(value);
            return;
        }
        containers++;
        EntryBytes bytes = mapSection.entry(name);
        int start = out.size();
        boolean inPreviousFrame = bytes.generation == generation - 1 && previousFrame != null;
        if (bytes.value == value && inPreviousFrame) {
            reusedEntries++;
            out.writeRaw(previousFrame, previousOffset + bytes.offset, bytes.length);
        } else if (value instanceof JsonObject object) {
            if (inPreviousFrame && bytes.fieldEnds != null && bytes.value instanceof JsonObject old
                    && old.keyArray() == object.keyArray()) {
                writeObjectAgainst(object, old, previousOffset + bytes.offset, bytes.fieldEnds);
            } else {
                writeObject(object, bytes);
            }
            bytes.value = value;
        } else {
            bytes.value = value;
            bytes.fieldEnds = null;
            out.writeValue(value);
        }
        bytes.generation = generation;
        bytes.offset = start - sectionStart;
        bytes.length = out.size() - start;
    }

    /** Writes {@code object}, noting in {@code bytes} where each field ends, for {@link #writeObjectAgainst}. */
    private void writeObject(JsonObject object, EntryBytes bytes) {
        if (bytes.fieldEnds == null || bytes.fieldEnds.length != object.size()) {
            bytes.fieldEnds = new int[object.size()];
        }
        out.writeObject(object, bytes.fieldEnds);
    }

    /**
     * Writes {@code object}, a new object with the keys of {@code old}, whose bytes start at {@code oldStart} in the
     * previous frame with its fields ending at {@code ends}: each run of fields holding the very objects of {@code old}
     * is copied from those bytes (an entry of a per-agent section mostly changes in a field or two; the converter keeps
     * unchanged values as the same objects), the other fields are written. {@code ends} then describes this write.
     * Identity only: reading the values to compare them would cost about what writing them does.
     */
    private void writeObjectAgainst(JsonObject object, JsonObject old, int oldStart, int[] ends) {
        int entryStart = out.size();
        out.writeByte('{');
        int runFrom = -1;
        int runEnd = 0;
        int runTo = 0;
        int oldEndBefore = 0;
        for (int i = 0, n = object.size(); i < n; i++) {
            int oldEnd = ends[i];
            Object value = object.valueAt(i);
            if (value == old.valueAt(i)) {
                if (runFrom < 0) {
                    if (i > 0) {
                        out.writeByte(',');
                    }
                    runFrom = i == 0 ? 1 : oldEndBefore + 1;
                    runTo = out.size() - entryStart;
                }
                runEnd = oldEnd;
                ends[i] = runTo + (oldEnd - runFrom);
                copiedFields++;
            } else {
                if (runFrom >= 0) {
                    out.writeRaw(previousFrame, oldStart + runFrom, runEnd - runFrom);
                    runFrom = -1;
                }
                if (i > 0) {
                    out.writeByte(',');
                }
                out.writeKey(object.keyAt(i));
                out.writeValue(value);
                ends[i] = out.size() - entryStart;
            }
            oldEndBefore = oldEnd;
        }
        if (runFrom >= 0) {
            out.writeRaw(previousFrame, oldStart + runFrom, runEnd - runFrom);
        }
        out.writeByte('}');
    }

    /**
     * Where the bytes of a section's last value are: a range of the frame that carried it, and, for a map, the ranges
     * of its map and list entries within it.
     */
    private static final class SectionBytes {
        /** How far ahead a section's entry order is searched for an entry met out of place. */
        private static final int REALIGN_WINDOW = 4;

        Object value;
        /** The frame holding the bytes; null while that frame is being written. */
        byte[] frame;
        int offset;
        int length;
        /** Counts the times the section was written afresh; entries written the last time carry the same number. */
        int generation;
        /** A map section's container entries by key; null until the first one. */
        private HashMap<String, EntryBytes> entries;
        /**
         * The container entries in the order the last write met them, and those of the write in progress: the next
         * write mostly meets the same key instances in the same order (a section's keys come from the converter's
         * shared key arrays), so each is first looked for just after the previous one found, by identity, and only
         * then by hashing the key.
         */
        private EntryBytes[] lastOrder = new EntryBytes[0];
        private EntryBytes[] order = new EntryBytes[0];
        private int lastCount;
        private int count;
        private int cursor;

        void beginEntries() {
            count = 0;
            cursor = 0;
        }

        EntryBytes entry(String key) {
            EntryBytes bytes;
            if (cursor < lastCount && lastOrder[cursor].key == key) {
                bytes = lastOrder[cursor++];
            } else {
                if (entries == null) {
                    entries = new HashMap<>();
                }
                bytes = entries.computeIfAbsent(key, EntryBytes::new);
                cursor = realign(bytes, cursor);
            }
            if (count == order.length) {
                order = Arrays.copyOf(order, Math.max(8, count * 2));
            }
            order[count++] = bytes;
            return bytes;
        }

        /**
         * The position after {@code bytes} in the last write's order when it is among the next few from {@code from}
         * (an entry came or went before it, or its key is another instance), else {@code from}: a bounded look, so
         * keys that are new every time cost no scan of the whole order each.
         */
        private int realign(EntryBytes bytes, int from) {
            for (int i = from, end = Math.min(lastCount, from + REALIGN_WINDOW); i < end; i++) {
                if (lastOrder[i] == bytes) {
                    return i + 1;
                }
            }
            return from;
        }

        void endEntries() {
            EntryBytes[] finished = order;
            order = lastOrder;
            lastOrder = finished;
            // drop references past this write's entries, so forgotten entries are not kept reachable
            Arrays.fill(order, 0, Math.min(lastCount, order.length), null);
            lastCount = count;
            count = 0;
        }

        /** Drops entries the last write did not carry, once they outnumber those it did (keys that left for good). */
        void forgetEntriesOlderThan(int current, int carried) {
            if (entries != null && entries.size() > 2 * carried + 8) {
                entries.values().removeIf(bytes -> bytes.generation != current);
            }
        }

        void forget() {
            value = null;
            frame = null;
        }
    }

    /** A map section's entry: its last value and where its bytes are, relative to the section's. */
    private static final class EntryBytes {
        /** The key this entry is kept under (the instance first met). */
        final String key;
        Object value;
        int generation;
        int offset;
        int length;
        /** Where each field of {@code value} ends, relative to offset, when this encoder wrote it field by field. */
        int[] fieldEnds;

        EntryBytes(String key) {
            this.key = key;
        }
    }
}

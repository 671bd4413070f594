package dev.seedloop.trace.internal;

import java.util.Arrays;

/**
 * The encoded fields of one node's last state snapshot, kept as one contiguous run of
 * {@code StateSnapshot.fields} entries (tag, length, {@code Field} message each) so that the next snapshot
 * of the node is written with a single copy, re-encoding only the fields that changed.
 *
 * <p>Snapshots are taken after every step of the acting node, and most of its fields hold the very same
 * rendering as the step before. A field is re-encoded in place when its name or its value object differs
 * from the last snapshot's; when its entry changes length, the entries after it are moved once. Measured
 * against one array per entry, this is no faster but allocates about a quarter less per FULL run (short
 * ASCII text is encoded without any array at all): see the fifth pass in {@code docs/benchmarks.md}.
 *
 * <p>The bytes are exactly those of the entries written one after another, so a trace is the same with or
 * without this cache. Not thread-safe: one writer owns one body per node.
 */
public final class SnapshotBody {
    private String[] values = new String[0];
    private int[] names = new int[0];
    /** Where each entry begins in {@link #bytes}; {@code starts[count]} is the end of the last. */
    private int[] starts = new int[1];
    private byte[] bytes = new byte[64];
    private int count;

    /**
     * Prepares a snapshot of {@code fields} fields. A node whose field count changed (another class, or
     * an {@code Inspectable} that reports a different list) starts afresh.
     */
    public void begin(int fields) {
        if (fields == count) {
            return;
        }
        count = fields;
        values = new String[fields];
        names = new int[fields];
        starts = new int[fields + 1];
    }

    /** Whether field {@code i} is already encoded with this name id and this very value object. */
    public boolean holds(int i, int name, String value) {
        return values[i] == value && names[i] == name;
    }

    /**
     * Encodes field {@code i} as {@code name} and {@code text}, the rendering as it is written (already cut
     * to the limit), and remembers {@code value}, the object {@link #holds} compares with next time.
     */
    public void set(int i, int name, String value, String text) {
        byte[] utf8 = Wire.utf8UnlessAscii(text);
        int valueBytes = Wire.utf8Length(text, utf8);
        int field = Wire.fieldSize(name) + (valueBytes == 0 ? 0 : Wire.lenFieldSize(valueBytes));
        int size = Wire.lenFieldSize(field);
        int at = starts[i];
        int next = starts[i + 1];
        int delta = size - (next - at);
        if (delta != 0) {
            int end = starts[count];
            if (end + delta > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(end + delta, 2 * bytes.length));
            }
            System.arraycopy(bytes, next, bytes, next + delta, end - next);
            for (int j = i + 1; j <= count; j++) {
                starts[j] += delta;
            }
        }
        int pos = Wire.putTag(bytes, at, 2, Wire.LEN);
        pos = Wire.putVarint(bytes, pos, field);
        pos = Wire.put(bytes, pos, 1, name);
        if (valueBytes != 0) {
            Wire.putString(bytes, pos, 2, text, utf8);
        }
        values[i] = value;
        names[i] = name;
    }

    /** The encoded entries of every field: {@link #length()} bytes from index 0. */
    public byte[] bytes() {
        return bytes;
    }

    /** The number of encoded bytes in {@link #bytes()}. */
    public int length() {
        return starts[count];
    }
}

package dev.seedloop.viewer.model;

import java.util.Arrays;

/** A growable list of ints without boxing; the building block of the trace index. Not thread-safe. */
public final class IntList {
    private int[] data;
    private int size;

    /** An empty list with room for {@code capacity} ints. */
    public IntList(int capacity) {
        data = new int[Math.max(4, capacity)];
    }

    /** An empty list. */
    public IntList() {
        this(16);
    }

    /** Appends {@code v}. */
    public void add(int v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, data.length + (data.length >> 1) + 16);
        }
        data[size++] = v;
    }

    /** The int at {@code i}. */
    public int get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        return data[i];
    }

    /** The number of ints. */
    public int size() {
        return size;
    }

    /** The ints as a new array of exactly {@link #size()} elements. */
    public int[] toArray() {
        return Arrays.copyOf(data, size);
    }
}

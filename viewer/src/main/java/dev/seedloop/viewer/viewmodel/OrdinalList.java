package dev.seedloop.viewer.viewmodel;

import java.util.AbstractList;
import java.util.Arrays;
import javafx.collections.ObservableListBase;

/**
 * An observable list of event ordinals backed by an int array: the event table's items, a million rows
 * without a million boxed objects in memory. Replaced whole when a filter changes.
 */
public final class OrdinalList extends ObservableListBase<Integer> {
    private int[] data = new int[0];

    /** Replaces the content, firing one change. */
    public void set(int[] ordinals) {
        int[] old = data;
        data = ordinals;
        beginChange();
        if (old.length > 0) {
            nextRemove(0, new AbstractList<Integer>() {
                @Override
                public Integer get(int i) {
                    return old[i];
                }

                @Override
                public int size() {
                    return old.length;
                }
            });
        }
        if (data.length > 0) {
            nextAdd(0, data.length);
        }
        endChange();
    }

    @Override
    public Integer get(int index) {
        return data[index];
    }

    /** The ordinal at row {@code index}, without boxing. */
    public int ordinal(int index) {
        return data[index];
    }

    @Override
    public int size() {
        return data.length;
    }

    /** The row of {@code ordinal}, or -(insertion point) - 1 if it is filtered out. */
    public int rowOf(int ordinal) {
        return Arrays.binarySearch(data, ordinal);
    }
}

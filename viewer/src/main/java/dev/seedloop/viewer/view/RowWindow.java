package dev.seedloop.viewer.view;

import dev.seedloop.viewer.viewmodel.OrdinalList;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableListBase;

/**
 * The event table's items: a window of at most {@link #WINDOW} consecutive rows of the view model's rows,
 * moved as the cursor or the scrolling nears its edges.
 *
 * <p>Why: JavaFX's table locates its first visible row by summing the heights of every row above it,
 * even when all rows have one fixed height, several times per layout. Over a million rows that is most
 * of a step's time (about 10 ms of 20 ms measured with 1,000,003 events). A window keeps that sum short;
 * a trace of up to {@link #WINDOW} rows, which is most, is shown whole, exactly as before.
 *
 * <p>Rows are the positions in the view model's {@link OrdinalList}; table indexes are positions in this
 * window. {@link #base()} is the row at index 0.
 */
final class RowWindow extends ObservableListBase<Integer> {
    /** The most rows the table holds at once. */
    static final int WINDOW = 20_000;
    /** How near an edge of the window a row may come before the window moves. */
    static final int MARGIN = 2_000;

    private final OrdinalList rows;
    private final int window;
    private final int margin;
    private int base;
    private int size;

    /** A window of {@link #WINDOW} rows over {@code rows}, following its changes (a new filter starts at row 0). */
    RowWindow(OrdinalList rows) {
        this(rows, WINDOW, MARGIN);
    }

    /** A window of {@code window} rows that moves when a row comes within {@code margin} of an edge. */
    RowWindow(OrdinalList rows, int window, int margin) {
        if (window < 1 || margin < 0 || 2 * margin >= window) {
            throw new IllegalArgumentException("window " + window + " with margin " + margin);
        }
        this.rows = rows;
        this.window = window;
        this.margin = margin;
        this.size = Math.min(window, rows.size());
        // New rows (a filter changed): the window starts again at the top, as the table did.
        rows.addListener((ListChangeListener<Integer>) c -> replaceAll(0));
    }

    /** The row shown at index 0. */
    int base() {
        return base;
    }

    /** The row at table index {@code index}. */
    int rowAt(int index) {
        return base + index;
    }

    /** The table index of {@code row}, or -1 if the window does not hold it. */
    int indexOf(int row) {
        return row >= base && row < base + size ? row - base : -1;
    }

    /**
     * Moves the window, if needed, so that {@code row} lies at least the margin away from an edge that has
     * more rows beyond it. Returns whether it moved (its items were replaced).
     */
    boolean reveal(int row) {
        if (row < 0 || row >= rows.size()) {
            return false;
        }
        boolean nearTop = row < base + margin && base > 0;
        boolean nearBottom = row >= base + size - margin && base + size < rows.size();
        if (row >= base && row < base + size && !nearTop && !nearBottom) {
            return false;
        }
        int newBase = clampBase(row - window / 2);
        if (newBase == base) {
            return false;
        }
        replaceAll(newBase);
        return true;
    }

    private int clampBase(int first) {
        return Math.max(0, Math.min(first, rows.size() - window));
    }

    /** Shows the rows from {@code newBase} on, as one change replacing every item. */
    private void replaceAll(int newBase) {
        int newSize = Math.min(window, rows.size() - newBase);
        int oldBase = base;
        int oldSize = size;
        // What the items were; after a filter change the rows beneath are new, so only the count is exact.
        int[] removed = new int[oldSize];
        for (int i = 0; i < oldSize && oldBase + i < rows.size(); i++) {
            removed[i] = rows.ordinal(oldBase + i);
        }
        base = newBase;
        size = newSize;
        beginChange();
        if (oldSize > 0) {
            nextRemove(0, java.util.Arrays.stream(removed).boxed().toList()); // rare: when the window moves
        }
        if (newSize > 0) {
            nextAdd(0, newSize);
        }
        endChange();
    }

    @Override
    public Integer get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        return rows.ordinal(base + index);
    }

    @Override
    public int size() {
        return size;
    }
}

package dev.seedloop.viewer.model;

/**
 * The current position in a trace: an event ordinal in {@code [0, size)}, or -1 for an empty trace.
 * Every move clamps into range. Not thread-safe.
 */
public final class Cursor {
    private final int size;
    private int position;

    /** A cursor on the first event of a trace of {@code size} events. */
    public Cursor(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
        this.size = size;
        this.position = size == 0 ? -1 : 0;
    }

    public int position() {
        return position;
    }

    public int size() {
        return size;
    }

    /** Moves to {@code ordinal}, clamped; returns the new position. */
    public int moveTo(int ordinal) {
        if (size > 0) {
            position = Math.max(0, Math.min(size - 1, ordinal));
        }
        return position;
    }

    /** Moves by {@code delta} events, clamped. */
    public int moveBy(int delta) {
        return moveTo((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, (long) position + delta)));
    }

    public boolean atStart() {
        return position <= 0;
    }

    public boolean atEnd() {
        return position == size - 1 || size == 0;
    }
}

package dev.seedloop.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * Offsets of every {@link TraceReader#INDEX_INTERVAL}-th event, with the delta-decoding state needed to
 * resume there. Package-private: the reader's own bookkeeping.
 */
final class SparseIndex {
    /** Where event {@code ordinal} starts, and the step and time of the event before it. */
    record Entry(long ordinal, long offset, long prevStep, long prevTime) {}

    private final List<Entry> entries = new ArrayList<>();

    void add(long ordinal, long offset, long prevStep, long prevTime) {
        // Re-reading after a seek passes the same points again; keep entries strictly increasing.
        if (entries.isEmpty() || entries.getLast().ordinal() < ordinal) {
            entries.add(new Entry(ordinal, offset, prevStep, prevTime));
        }
    }

    /** The last entry whose preceding step is below {@code step}, or null to start from the first event. */
    Entry lastBefore(long step) {
        int lo = 0;
        int hi = entries.size() - 1;
        Entry best = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Entry e = entries.get(mid);
            if (e.prevStep() < step) {
                best = e;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }
}

package dev.seedloop.viewer.model;

import dev.seedloop.trace.Trace;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.diff.DiffReport;
import dev.seedloop.trace.diff.DiffText;
import dev.seedloop.trace.diff.TraceDiff;
import java.util.Arrays;
import java.util.List;

/**
 * Two traces compared with trace-format's {@link TraceDiff}: the report, the first divergence as an
 * ordinal in each trace, and the mapping that keeps both cursors on the same digested position (the n-th
 * digested event of A beside the n-th of B; until the divergence these are the same event).
 */
public final class DiffSession {
    private final TraceSession a;
    private final TraceSession b;
    private final DiffReport report;
    private final int[] digestedA;
    private final int[] digestedB;
    private final int divergenceA;
    private final int divergenceB;

    public DiffSession(TraceSession a, TraceSession b) {
        this.a = a;
        this.b = b;
        this.report = TraceDiff.compare(asTrace(a.trace()), asTrace(b.trace()));
        this.digestedA = digested(a.trace());
        this.digestedB = digested(b.trace());
        long idx = report.firstDivergence().map(d -> d.index()).orElse(-1L);
        divergenceA = idx < 0 ? -1 : at(digestedA, idx, a.trace().size());
        divergenceB = idx < 0 ? -1 : at(digestedB, idx, b.trace().size());
    }

    private static int at(int[] digested, long idx, int size) {
        return idx < digested.length ? digested[(int) idx] : size - 1;
    }

    private static Trace asTrace(LoadedTrace t) {
        TraceEvent[] events = new TraceEvent[t.size()];
        for (int i = 0; i < events.length; i++) {
            events[i] = t.event(i);
        }
        return new Trace(t.source(), t.version(), t.header(), List.of(events), t.footer(), t.damage());
    }

    private static int[] digested(LoadedTrace t) {
        IntList out = new IntList(t.size());
        for (int i = 0; i < t.size(); i++) {
            if (t.kind(i).digested()) {
                out.add(i);
            }
        }
        return out.toArray();
    }

    public TraceSession a() {
        return a;
    }

    public TraceSession b() {
        return b;
    }

    public DiffReport report() {
        return report;
    }

    /** The ordinal of the first divergence in A, -1 if the traces agree. */
    public int divergenceA() {
        return divergenceA;
    }

    /** The ordinal of the first divergence in B, -1 if the traces agree. */
    public int divergenceB() {
        return divergenceB;
    }

    /** The report as text, nodes named as in A. */
    public String summary() {
        return DiffText.render(report, a.trace().identity());
    }

    /** The ordinal in B at the same digested position as {@code ordinalA} in A. */
    public int toB(int ordinalA) {
        return map(ordinalA, digestedA, digestedB, b.trace().size());
    }

    /** The ordinal in A at the same digested position as {@code ordinalB} in B. */
    public int toA(int ordinalB) {
        return map(ordinalB, digestedB, digestedA, a.trace().size());
    }

    private static int map(int ordinal, int[] from, int[] to, int toSize) {
        if (toSize == 0) {
            return -1;
        }
        if (to.length == 0 || from.length == 0) {
            return 0;
        }
        int i = Arrays.binarySearch(from, ordinal);
        int rank = i >= 0 ? i : -i - 2; // the last digested event at or before the ordinal
        if (rank < 0) {
            return 0;
        }
        return rank < to.length ? to[rank] : toSize - 1;
    }
}

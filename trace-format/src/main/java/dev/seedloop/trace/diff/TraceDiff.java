package dev.seedloop.trace.diff;

import dev.seedloop.trace.RunIdentity;
import dev.seedloop.trace.Trace;
import dev.seedloop.trace.TraceEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two traces: the library behind {@code trace diff}, the viewer's diff mode and the engine's
 * nondeterminism report.
 *
 * <p>Two alignments are reported. <b>By position</b>: the digested events are compared in order by their
 * digest words; the first mismatch is where two runs of the same seed parted (nondeterminism, or a code
 * change). <b>By node</b>: each node's own events are compared in order by their {@link EventShape}
 * (ignoring times and ids); this makes two different seeds comparable, showing for each node where its
 * behaviour first differs. Stateless; works on in-memory {@link Trace}s.
 */
public final class TraceDiff {
    private TraceDiff() {}

    /** Compares trace {@code a} with trace {@code b}. */
    public static DiffReport compare(Trace a, Trace b) {
        List<TraceEvent> da = digested(a.events());
        List<TraceEvent> db = digested(b.events());
        TraceSummary sa = TraceSummary.of(a.events());
        TraceSummary sb = TraceSummary.of(b.events());
        return new DiffReport(identity(a.header().identity(), b.header().identity()), firstDivergence(da, db),
                lanes(da, db), sa, sb, invariants(sa, sb), finalState(sa, sb), a.footer(), b.footer(), a.damage(),
                b.damage());
    }

    private static List<TraceEvent> digested(List<TraceEvent> events) {
        return events.stream().filter(e -> e.kind().digested()).toList();
    }

    static List<String> identity(RunIdentity a, RunIdentity b) {
        List<String> out = new ArrayList<>();
        field(out, "scenario", a.scenario(), b.scenario());
        field(out, "seed", a.seed(), b.seed());
        field(out, "engine version", a.engineVersion(), b.engineVersion());
        field(out, "trace level", a.level(), b.level());
        field(out, "nodes", a.nodes(), b.nodes());
        Map<String, String> oa = new LinkedHashMap<>();
        a.options().forEach(o -> oa.put(o.key(), o.value()));
        Map<String, String> ob = new LinkedHashMap<>();
        b.options().forEach(o -> ob.put(o.key(), o.value()));
        Set<String> keys = new LinkedHashSet<>(oa.keySet());
        keys.addAll(ob.keySet());
        for (String k : keys) {
            field(out, "option " + k, oa.getOrDefault(k, "(unset)"), ob.getOrDefault(k, "(unset)"));
        }
        return out;
    }

    private static void field(List<String> out, String name, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(name + ": " + a + " vs " + b);
        }
    }

    static Optional<Divergence> firstDivergence(List<TraceEvent> a, List<TraceEvent> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (!a.get(i).digestWords().equals(b.get(i).digestWords())) {
                return Optional.of(new Divergence(i, Optional.of(a.get(i)), Optional.of(b.get(i)), previous(a, i)));
            }
        }
        if (a.size() == b.size()) {
            return Optional.empty();
        }
        return Optional.of(new Divergence(n, at(a, n), at(b, n), previous(a, n)));
    }

    static List<LaneDivergence> lanes(List<TraceEvent> a, List<TraceEvent> b) {
        Map<Integer, List<TraceEvent>> la = byLane(a);
        Map<Integer, List<TraceEvent>> lb = byLane(b);
        Set<Integer> lanes = new TreeSet<>(la.keySet());
        lanes.addAll(lb.keySet());
        List<LaneDivergence> out = new ArrayList<>();
        for (int lane : lanes) {
            List<TraceEvent> ea = la.getOrDefault(lane, List.of());
            List<TraceEvent> eb = lb.getOrDefault(lane, List.of());
            int n = Math.min(ea.size(), eb.size());
            int i = 0;
            while (i < n && EventShape.of(ea.get(i)).equals(EventShape.of(eb.get(i)))) {
                i++;
            }
            if (i < n || ea.size() != eb.size()) {
                out.add(new LaneDivergence(lane, i, at(ea, i), at(eb, i)));
            }
        }
        return out;
    }

    private static Map<Integer, List<TraceEvent>> byLane(List<TraceEvent> events) {
        Map<Integer, List<TraceEvent>> lanes = new TreeMap<>();
        events.forEach(e -> lanes.computeIfAbsent(e.lane(), k -> new ArrayList<>()).add(e));
        return lanes;
    }

    static List<InvariantOutcome> invariants(TraceSummary a, TraceSummary b) {
        Set<String> names = new TreeSet<>(a.firstViolationStep().keySet());
        names.addAll(b.firstViolationStep().keySet());
        names.addAll(a.checksFailed().keySet());
        names.addAll(b.checksFailed().keySet());
        List<InvariantOutcome> out = new ArrayList<>();
        for (String name : names) {
            out.add(new InvariantOutcome(name, step(a.firstViolationStep().get(name)),
                    step(b.firstViolationStep().get(name)), a.checks().getOrDefault(name, 0L),
                    b.checks().getOrDefault(name, 0L)));
        }
        return out;
    }

    static List<FieldDifference> finalState(TraceSummary a, TraceSummary b) {
        Set<Integer> nodes = new TreeSet<>(a.lastSnapshot().keySet());
        nodes.addAll(b.lastSnapshot().keySet());
        List<FieldDifference> out = new ArrayList<>();
        for (int node : nodes) {
            Map<String, String> fa = fields(a.lastSnapshot().get(node));
            Map<String, String> fb = fields(b.lastSnapshot().get(node));
            Set<String> names = new LinkedHashSet<>(fa.keySet());
            names.addAll(fb.keySet());
            for (String name : names) {
                Optional<String> va = Optional.ofNullable(fa.get(name));
                Optional<String> vb = Optional.ofNullable(fb.get(name));
                if (!va.equals(vb)) {
                    out.add(new FieldDifference(node, name, va, vb));
                }
            }
        }
        return out;
    }

    private static Map<String, String> fields(TraceEvent.StateSnapshot s) {
        Map<String, String> out = new LinkedHashMap<>();
        if (s != null) {
            s.fields().forEach(f -> out.put(f.name(), f.value()));
        }
        return out;
    }

    private static OptionalLong step(Long step) {
        return step == null ? OptionalLong.empty() : OptionalLong.of(step);
    }

    private static Optional<TraceEvent> at(List<TraceEvent> events, int i) {
        return i < events.size() ? Optional.of(events.get(i)) : Optional.empty();
    }

    private static Optional<TraceEvent> previous(List<TraceEvent> events, int i) {
        return i > 0 && i - 1 < events.size() ? Optional.of(events.get(i - 1)) : Optional.empty();
    }
}

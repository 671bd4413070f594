package dev.seedloop.viewer.viewmodel;

import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.trace.TraceLevel;
import dev.seedloop.trace.export.EventFormatter;
import dev.seedloop.viewer.model.AxisMode;
import dev.seedloop.viewer.model.CausalCone;
import dev.seedloop.viewer.model.DiagramFrame;
import dev.seedloop.viewer.model.DiagramLayout;
import dev.seedloop.viewer.model.EventFilter;
import dev.seedloop.viewer.model.LoadedTrace;
import dev.seedloop.viewer.model.NodeView;
import dev.seedloop.viewer.model.TraceSession;
import dev.seedloop.viewer.model.Viewport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Everything the views show of one trace, as properties: the cursor, the node state rows, the filtered
 * event rows, the invariants, the causal cone, the diagram's viewport, the status line. Actions are
 * methods. Needs no JavaFX toolkit: unit-tested on plain threads.
 */
public final class TraceViewModel {
    /** A label for "all nodes" / "all kinds" in choices. */
    public static final int ALL = -1;

    private final TraceSession session;
    private final Async async;
    // The filter whose rows are wanted; a filter still running for an older value is abandoned.
    private volatile int filterGeneration;
    private final ReadOnlyBooleanWrapper filtering = new ReadOnlyBooleanWrapper(this, "filtering");
    private final LoadedTrace trace;
    private final EventFormatter formatter;
    private final ReadOnlyIntegerWrapper cursor = new ReadOnlyIntegerWrapper(this, "cursor", -1);
    private final ReadOnlyObjectWrapper<List<NodeView>> nodes = new ReadOnlyObjectWrapper<>(this, "nodes", List.of());
    private final ObservableList<StateRow> stateRows = FXCollections.observableArrayList();
    private final OrdinalList rows = new OrdinalList();
    private final IntegerProperty filterNode = new SimpleIntegerProperty(this, "filterNode", ALL);
    private final ObjectProperty<TraceEventKind> filterKind = new SimpleObjectProperty<>(this, "filterKind");
    private final BooleanProperty filterDigestedOnly = new SimpleBooleanProperty(this, "filterDigestedOnly");
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final IntegerProperty navNode = new SimpleIntegerProperty(this, "navNode", 0);
    private final ObjectProperty<TraceEventKind> navKind = new SimpleObjectProperty<>(this, "navKind",
            TraceEventKind.MESSAGE_DELIVERED);
    private final ReadOnlyObjectWrapper<CausalCone> cone = new ReadOnlyObjectWrapper<>(this, "cone");
    private final ObjectProperty<Viewport> viewport = new SimpleObjectProperty<>(this, "viewport");
    private final ObjectProperty<AxisMode> axis = new SimpleObjectProperty<>(this, "axis", AxisMode.TIME);
    private final BooleanProperty followCursor = new SimpleBooleanProperty(this, "followCursor", true);
    private final ReadOnlyIntegerWrapper frameVersion = new ReadOnlyIntegerWrapper(this, "frameVersion");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper eventText = new ReadOnlyStringWrapper(this, "eventText", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyStringWrapper damage = new ReadOnlyStringWrapper(this, "damage", "");
    private final IntegerProperty divergence = new SimpleIntegerProperty(this, "divergence", -1);
    private final ObservableList<InvariantRow> invariants = FXCollections.observableArrayList();
    private double diagramWidth = 1000;
    private double diagramHeight = 300;

    /** A ViewModel whose filtering runs on the calling thread. */
    public TraceViewModel(TraceSession session) {
        this(session, Async.DIRECT);
    }

    /** A ViewModel whose filtering and text search run through {@code async} (off the UI thread in the app). */
    public TraceViewModel(TraceSession session, Async async) {
        this.session = session;
        this.async = async;
        this.trace = session.trace();
        this.formatter = new EventFormatter(trace.identity());
        viewport.set(session.layout().initialViewport(AxisMode.TIME, DiagramLayout.plotWidth(diagramWidth)));
        rows.set(EventFilter.NONE.apply(trace));
        invariants.setAll(collectInvariants());
        filterNode.addListener((o, a, b) -> refilter());
        filterKind.addListener((o, a, b) -> refilter());
        filterDigestedOnly.addListener((o, a, b) -> refilter());
        search.addListener((o, a, b) -> refilter());
        axis.addListener((o, a, b) -> {
            viewport.set(session.layout().initialViewport(b, DiagramLayout.plotWidth(diagramWidth)));
            ensureCursorVisible();
        });
        viewport.addListener((o, a, b) -> redraw());
        divergence.addListener((o, a, b) -> redraw());
        cursor.addListener((o, a, b) -> onCursor());
        moveTo(0);
        onCursor();
        trace.violationOrdinal().ifPresent(this::showCausalPast);
        damage.set(session.damageMessage().orElse(""));
        notice.set(trace.hasSnapshots() || trace.size() == 0 ? ""
                : "This trace has no state snapshots (recorded at level " + trace.identity().level()
                        + "): node fields are shown only for FULL traces.");
    }

    private List<InvariantRow> collectInvariants() {
        Map<String, long[]> checks = new LinkedHashMap<>();
        Map<String, InvariantRow> violated = new LinkedHashMap<>();
        Map<String, InvariantRow> held = new LinkedHashMap<>(); // eventually-properties, FULL traces only
        for (int i = 0; i < trace.size(); i++) {
            TraceEventKind k = trace.kind(i);
            if (k == TraceEventKind.LIVENESS_HELD) {
                TraceEvent.LivenessHeld h = (TraceEvent.LivenessHeld) trace.event(i);
                held.putIfAbsent(h.name(), InvariantRow.held(h.name(), h.step(), i, EventFormatter.duration(
                        h.waitedNanos()) + " after it was stated (within " + EventFormatter.duration(h.withinNanos())
                        + ")"));
            } else if (k == TraceEventKind.INVARIANT_CHECKED) {
                String name = ((TraceEvent.InvariantChecked) trace.event(i)).name();
                checks.computeIfAbsent(name, x -> new long[1])[0]++;
            } else if (k == TraceEventKind.INVARIANT_VIOLATED) {
                TraceEvent.InvariantViolated v = (TraceEvent.InvariantViolated) trace.event(i);
                violated.putIfAbsent(v.name(), new InvariantRow(v.name(), 0, v.step(), i, v.evidence()));
                checks.computeIfAbsent(v.name(), x -> new long[1]);
            }
        }
        // Only FULL traces record checks, and only of always-invariants: a name seen in a violation alone
        // (below FULL, or an eventually-property) was not "checked 0 times", its checks are not recorded.
        boolean checksRecorded = trace.identity().level() == TraceLevel.FULL;
        List<InvariantRow> out = new ArrayList<>();
        for (var e : checks.entrySet()) {
            InvariantRow v = violated.get(e.getKey());
            long count = checksRecorded && e.getValue()[0] > 0 ? e.getValue()[0] : -1;
            out.add(v == null ? new InvariantRow(e.getKey(), count, -1, -1, "", trace.damage().isPresent())
                    : new InvariantRow(v.name(), count, v.violatedAtStep(), v.ordinal(), v.evidence()));
        }
        for (InvariantRow h : held.values()) {
            if (!checks.containsKey(h.name())) { // a name both held and violated shows its violation
                out.add(h);
            }
        }
        trace.footer().flatMap(f -> f.failure()).ifPresent(f -> {
            boolean known = out.stream().anyMatch(r -> r.violatedAtStep() >= 0);
            if (!known) {
                out.add(new InvariantRow("(run failure) " + f.kind(), -1, f.step(), trace.lastOfStep(f.step()),
                        f.message()));
            }
        });
        return out;
    }

    private void onCursor() {
        int c = cursor.get();
        List<NodeView> views = session.states().nodesAt(c);
        nodes.set(views);
        updateStateRows(buildRows(views));
        status.set(statusLine(c));
        eventText.set(c < 0 ? "(no events)" : formatter.line(trace.event(c)));
        ensureCursorVisible();
        redraw();
    }

    /** Replaces only the rows that changed, so a step redraws a few cells rather than the whole state table. */
    private void updateStateRows(List<StateRow> fresh) {
        boolean sameShape = fresh.size() == stateRows.size();
        for (int i = 0; sameShape && i < fresh.size(); i++) {
            sameShape = fresh.get(i).field().equals(stateRows.get(i).field());
        }
        if (!sameShape) {
            stateRows.setAll(fresh);
            return;
        }
        for (int i = 0; i < fresh.size(); i++) {
            if (!fresh.get(i).equals(stateRows.get(i))) {
                stateRows.set(i, fresh.get(i));
            }
        }
    }

    private List<StateRow> buildRows(List<NodeView> views) {
        List<StateRow> out = new ArrayList<>();
        int n = views.size();
        List<String> status = new ArrayList<>(n);
        List<String> net = new ArrayList<>(n);
        List<String> timers = new ArrayList<>(n);
        List<String> flight = new ArrayList<>(n);
        List<Boolean> none = new ArrayList<>(n);
        for (NodeView v : views) {
            status.add(v.status().name().toLowerCase().replace('_', ' ')
                    + (v.incarnation() > 0 ? " (incarnation " + v.incarnation() + ")" : ""));
            net.add(v.network());
            timers.add(v.timers().isEmpty() ? "none" : String.join(", ", v.timers().values().stream()
                    .map(t -> t.isEmpty() ? "timer" : t).toList()));
            flight.add(Integer.toString(v.inFlight()));
            none.add(false);
        }
        Set<String> fields = new LinkedHashSet<>();
        for (NodeView v : views) {
            v.fields().forEach(f -> fields.add(f.name()));
        }
        for (String f : fields) {
            List<String> values = new ArrayList<>(n);
            List<Boolean> changed = new ArrayList<>(n);
            for (NodeView v : views) {
                String value = v.value(f);
                values.add(value == null ? "" : value);
                changed.add(v.changed().contains(f));
            }
            out.add(new StateRow(f, values, changed, false));
        }
        out.add(new StateRow("· status", status, none, true));
        out.add(new StateRow("· network", net, none, true));
        out.add(new StateRow("· timers", timers, none, true));
        out.add(new StateRow("· in flight to", flight, none, true));
        return out;
    }

    private String statusLine(int c) {
        var id = trace.identity();
        // "#" as in the event table's first column and --event: 0-based.
        String pos = c < 0 ? "no events" : "event #" + c + " of " + trace.size() + "  step " + trace.step(c)
                + "  t=" + EventFormatter.time(trace.time(c)) + "s";
        return id.scenario() + "  seed " + id.seed() + "  " + pos + "  outcome " + session.outcome();
    }

    /**
     * Applies the filter. Clearing it is immediate; otherwise the matching runs through the Async (on a
     * background thread in the app: a text search visits every event's text) and the rows are replaced on
     * the UI thread when it ends, unless the filter changed meanwhile (the stale run stops early).
     */
    private void refilter() {
        EventFilter f = new EventFilter(filterNode.get(), filterKind.get(), search.get(), filterDigestedOnly.get());
        int generation = ++filterGeneration;
        if (f.isNone()) {
            filtering.set(false);
            rows.set(f.apply(trace));
            redraw();
            return;
        }
        filtering.set(true);
        async.run(() -> f.apply(trace, () -> generation != filterGeneration), result -> {
            if (generation == filterGeneration) {
                filtering.set(false);
                rows.set(result);
                redraw();
            }
        }, e -> {
            if (generation == filterGeneration) {
                filtering.set(false);
                notice.set("The filter failed: " + e.getMessage());
            }
        });
    }

    /**
     * Takes over where the user was in {@code earlier}, a ViewModel of a preview of the same trace: the
     * cursor, the diagram's window and axis, the filters, the navigation choices and a causal past they
     * chose (the violation's is shown anyway).
     */
    public void adopt(TraceViewModel earlier) {
        axis.set(earlier.axis.get());
        followCursor.set(earlier.followCursor.get());
        diagramWidth = earlier.diagramWidth;
        diagramHeight = earlier.diagramHeight;
        viewport.set(earlier.viewport.get());
        navNode.set(earlier.navNode.get());
        navKind.set(earlier.navKind.get());
        filterNode.set(earlier.filterNode.get());
        filterKind.set(earlier.filterKind.get());
        filterDigestedOnly.set(earlier.filterDigestedOnly.get());
        search.set(earlier.search.get());
        CausalCone c = earlier.cone.get();
        if (c != null && c.origin() < trace.size()) {
            showCausalPast(c.origin());
        }
        moveTo(earlier.cursor());
        notice.set(earlier.notice.get());
    }

    /**
     * Moves the cursor to {@code target}: "start", "end", "violation" (with its causal past), "step:N" (the
     * last event of engine step N), "event:N" (0-based). Returns null, or why the target is not in the trace.
     */
    public String goTo(String target) {
        if (target.equals("violation")) {
            if (!jumpToViolation()) {
                return "--step violation: " + trace.fileName() + " has no violation (" + session.outcome()
                        + "); give a step number instead";
            }
            return null;
        }
        if (target.equals("end")) {
            toEnd();
            return null;
        }
        // a damaged trace is only its readable part: say so, or a step after the damage looks like a typo
        String whole = trace.damage().isPresent() ? "the readable part" : "the trace";
        if (target.startsWith("step:")) {
            long step = Long.parseLong(target.substring(5));
            if (trace.size() == 0) {
                return "--step " + step + ": " + trace.damage().map(d -> "no events could be read before the "
                        + "damage at offset " + d.offset()).orElse("the trace has no events");
            }
            long last = trace.step(trace.size() - 1);
            if (step > last) {
                return "--step " + step + ": " + whole + " ends at step " + last;
            }
            int o = trace.lastOfStep(step);
            if (o < 0) {
                return "--step " + step + ": the trace has no events up to that step (it starts at step "
                        + trace.step(0) + ")";
            }
            moveTo(o);
            return null;
        }
        if (target.startsWith("event:")) {
            int o = Integer.parseInt(target.substring(6));
            if (o >= trace.size()) {
                return "--event " + o + ": " + whole + " has only " + trace.size() + " events";
            }
            moveTo(o);
            return null;
        }
        toStart();
        return null;
    }

    /** What the event table shows when no row is listed: the filter matches nothing, or nothing was read. */
    public String noRowsText() {
        return trace.size() == 0 ? noEventsText() : "No event matches the filter.";
    }

    /**
     * What the invariant panel shows when it lists none. Of a damaged trace only the part before the
     * damage is known, so it does not claim the run checked no invariants.
     */
    public String noInvariantsText() {
        if (trace.damage().isEmpty()) {
            return "The trace records no invariant checks or violations.";
        }
        return trace.size() == 0 ? noEventsText() : "No invariant checks or violations in the " + trace.size()
                + " events before the damage at offset " + trace.damage().get().offset() + "; the rest is lost.";
    }

    private String noEventsText() {
        return trace.damage().map(d -> "No events could be read: the trace is damaged at offset " + d.offset() + ".")
                .orElse("The trace records no events.");
    }

    private void redraw() {
        frameVersion.set(frameVersion.get() + 1);
    }

    /** Keeps the cursor inside the diagram's window (re-centring it) when following is on. */
    private void ensureCursorVisible() {
        int c = cursor.get();
        Viewport v = viewport.get();
        if (c < 0 || v == null || !followCursor.get()) {
            return;
        }
        double pw = DiagramLayout.plotWidth(diagramWidth);
        double x = v.x(session.layout().unit(v.mode(), c));
        if (x < 0 || x > pw) {
            viewport.set(v.centerOn(session.layout().unit(v.mode(), c), pw / 2));
        }
    }

    // ---- actions ----

    /** Moves the cursor to {@code ordinal} (clamped). */
    public void moveTo(int ordinal) {
        cursor.set(session.cursor().moveTo(ordinal));
    }

    public void stepForward() {
        cursor.set(session.cursor().moveBy(1));
    }

    public void stepBack() {
        cursor.set(session.cursor().moveBy(-1));
    }

    public void toStart() {
        moveTo(0);
    }

    public void toEnd() {
        moveTo(trace.size() - 1);
    }

    /** Whether the cursor is on the last event. */
    public boolean atEnd() {
        return session.cursor().atEnd();
    }

    public void nextStep() {
        jump(session.navigator().ofStep(cursor.get(), true), "no later step");
    }

    public void previousStep() {
        jump(session.navigator().ofStep(cursor.get(), false), "no earlier step");
    }

    public void nextOfNode(boolean forward) {
        jump(session.navigator().ofNode(navNode.get(), cursor.get(), forward),
                "no " + (forward ? "later" : "earlier") + " event of " + trace.nodeName(navNode.get()));
    }

    public void nextOfKind(boolean forward) {
        TraceEventKind k = navKind.get();
        if (k != null) {
            jump(session.navigator().ofKind(k, cursor.get(), forward),
                    "no " + (forward ? "later " : "earlier ") + k + " event");
        }
    }

    /** Jumps to the violation; false (with a notice) if the trace has none. */
    public boolean jumpToViolation() {
        Optional<Integer> v = trace.violationOrdinal();
        if (v.isEmpty() && !trace.complete()) {
            notice.set("No violation among the first " + trace.size() + " events; the rest of the trace is still being read.");
            return false;
        }
        if (v.isEmpty()) {
            notice.set("This run has no violation: outcome " + session.outcome() + ".");
            return false;
        }
        moveTo(v.get());
        showCausalPast(v.get());
        return true;
    }

    private void jump(int target, String none) {
        if (target < 0) {
            notice.set(none.substring(0, 1).toUpperCase() + none.substring(1) + ".");
        } else {
            moveTo(target);
        }
    }

    /** Highlights the causal past of the event at {@code ordinal}. */
    public void showCausalPast(int ordinal) {
        if (ordinal >= 0 && ordinal < trace.size()) {
            cone.set(session.causal().of(ordinal));
            redraw();
        }
    }

    /** Highlights the causal past of the event at the cursor. */
    public void showCausalPastOfCursor() {
        showCausalPast(cursor.get());
    }

    public void clearCausalPast() {
        cone.set(null);
        redraw();
    }

    /** Clears the notice line. */
    public void clearNotice() {
        notice.set("");
    }

    /** Tells the ViewModel the diagram's size (for following the cursor and fitting). */
    public void setDiagramSize(double width, double height) {
        if (width > 0 && height > 0 && (width != diagramWidth || height != diagramHeight)) {
            diagramWidth = width;
            diagramHeight = height;
            ensureCursorVisible();
            redraw();
        }
    }

    public void zoom(double factor, double anchorX) {
        viewport.set(viewport.get().zoom(factor, Math.max(0, anchorX - DiagramLayout.LABEL_WIDTH)));
    }

    /** Zooms around the cursor (or the centre if it is off-screen). */
    public void zoomAtCursor(double factor) {
        Viewport v = viewport.get();
        double pw = DiagramLayout.plotWidth(diagramWidth);
        double x = cursor.get() < 0 ? pw / 2 : v.x(session.layout().unit(v.mode(), cursor.get()));
        if (x < 0 || x > pw) {
            x = pw / 2;
        }
        viewport.set(v.zoom(factor, x));
    }

    public void pan(double dx) {
        viewport.set(viewport.get().pan(dx));
    }

    /** Pans by a fraction of the visible width. */
    public void panPage(double fraction) {
        pan(DiagramLayout.plotWidth(diagramWidth) * fraction);
    }

    /** Fits the whole trace into the diagram. */
    public void fit() {
        double[] range = axisRange();
        fitTo(range[0], range[1]);
    }

    /** The first and last axis values of the trace's events on the current axis ({0, 1} if it has none). */
    public double[] axisRange() {
        AxisMode m = axis.get();
        if (trace.size() == 0) {
            return new double[] {0, 1};
        }
        return new double[] {session.layout().unit(m, 0), session.layout().unit(m, trace.size() - 1)};
    }

    /** Shows axis values {@code from} to {@code to} (with a margin) across the diagram. */
    public void fitTo(double from, double to) {
        viewport.set(Viewport.fit(axis.get(), from, to, DiagramLayout.plotWidth(diagramWidth)));
    }

    public void toggleAxis() {
        axis.set(axis.get() == AxisMode.TIME ? AxisMode.EVENTS : AxisMode.TIME);
    }

    /** Moves the cursor to the event under a diagram pixel, if any; returns it or -1. */
    public int clickDiagram(double x, double y) {
        int hit = session.layout().hit(viewport.get(), diagramWidth, diagramHeight, x, y);
        if (hit >= 0) {
            moveTo(hit);
        }
        return hit;
    }

    /** The current diagram frame, laid out for the size last given to {@link #setDiagramSize}. */
    public DiagramFrame frame() {
        return session.layout().frame(viewport.get(), diagramWidth, diagramHeight, cursor.get(), cone.get(),
                cone.get() == null ? -1 : cone.get().origin(), divergence.get());
    }

    // ---- table support ----

    /** The one-line rendering of the event at {@code ordinal} without step and time. */
    public String describe(int ordinal) {
        return EventFormatter.oneLine(formatter.what(trace.event(ordinal)));
    }

    /** The node name of the event's lane, or "run" for run-wide events. */
    public String laneName(int ordinal) {
        int l = trace.lane(ordinal);
        return l < 0 ? "run" : trace.nodeName(l);
    }

    /** Whether the event is in the highlighted causal past. */
    public boolean inCone(int ordinal) {
        CausalCone c = cone.get();
        return c != null && c.contains(ordinal);
    }

    /** The table row of the cursor, or -1 if the filter hides it. */
    public int cursorRow() {
        int r = rows.rowOf(cursor.get());
        return r >= 0 ? r : -1;
    }

    /** The table row nearest the cursor (the first shown event after it if it is hidden). */
    public int nearestRow() {
        int r = rows.rowOf(cursor.get());
        return r >= 0 ? r : Math.min(rows.size() - 1, -r - 1);
    }

    /** The node names, in index order. */
    public List<String> nodeNames() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < trace.nodeCount(); i++) {
            out.add(trace.nodeName(i));
        }
        return out;
    }

    // ---- properties ----

    public TraceSession session() {
        return session;
    }

    public LoadedTrace trace() {
        return trace;
    }

    public ReadOnlyIntegerProperty cursorProperty() {
        return cursor.getReadOnlyProperty();
    }

    public int cursor() {
        return cursor.get();
    }

    public ReadOnlyObjectProperty<List<NodeView>> nodesProperty() {
        return nodes.getReadOnlyProperty();
    }

    public ObservableList<StateRow> stateRows() {
        return stateRows;
    }

    public OrdinalList rows() {
        return rows;
    }

    public IntegerProperty filterNodeProperty() {
        return filterNode;
    }

    public ObjectProperty<TraceEventKind> filterKindProperty() {
        return filterKind;
    }

    /** Whether the table leaves out what a FULL trace adds after each step: snapshots and invariant checks. */
    public BooleanProperty filterDigestedOnlyProperty() {
        return filterDigestedOnly;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public IntegerProperty navNodeProperty() {
        return navNode;
    }

    public ObjectProperty<TraceEventKind> navKindProperty() {
        return navKind;
    }

    public ReadOnlyObjectProperty<CausalCone> coneProperty() {
        return cone.getReadOnlyProperty();
    }

    public ObjectProperty<Viewport> viewportProperty() {
        return viewport;
    }

    public ObjectProperty<AxisMode> axisProperty() {
        return axis;
    }

    public BooleanProperty followCursorProperty() {
        return followCursor;
    }

    public ReadOnlyIntegerProperty frameVersionProperty() {
        return frameVersion.getReadOnlyProperty();
    }

    /** Whether a filter or search is still running (its rows are not shown yet). */
    public ReadOnlyBooleanProperty filteringProperty() {
        return filtering.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty eventTextProperty() {
        return eventText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** What was lost and where, for a damaged trace; "" for a whole one. */
    public ReadOnlyStringProperty damageProperty() {
        return damage.getReadOnlyProperty();
    }

    public IntegerProperty divergenceProperty() {
        return divergence;
    }

    public ObservableList<InvariantRow> invariants() {
        return invariants;
    }
}

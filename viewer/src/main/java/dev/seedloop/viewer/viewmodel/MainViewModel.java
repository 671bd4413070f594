package dev.seedloop.viewer.viewmodel;

import dev.seedloop.viewer.model.DiffSession;
import dev.seedloop.viewer.model.LoadedTrace;
import dev.seedloop.viewer.model.OpenFailure;
import dev.seedloop.viewer.model.RecentFiles;
import dev.seedloop.viewer.model.TraceLoader;
import dev.seedloop.viewer.model.TraceSession;
import dev.seedloop.viewer.model.ViewerAction;
import dev.seedloop.viewer.model.Viewport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The window's ViewModel: which traces are open (one, or two in diff mode), loading and error messages,
 * playback, recent files, and the dispatch of every {@link ViewerAction} that is not purely a view
 * concern. Needs no JavaFX toolkit.
 */
public final class MainViewModel {
    /** Playback speeds in events per second. */
    public static final int[] SPEEDS = {1, 2, 5, 10, 25, 50, 100, 250, 1000, 5000};

    private final Async async;
    private final Ticker ticker;
    private final RecentFiles recentFiles;
    private final ReadOnlyObjectWrapper<TraceViewModel> primary = new ReadOnlyObjectWrapper<>(this, "primary");
    private final ReadOnlyObjectWrapper<TraceViewModel> secondary = new ReadOnlyObjectWrapper<>(this, "secondary");
    private final ReadOnlyObjectWrapper<DiffSession> diff = new ReadOnlyObjectWrapper<>(this, "diff");
    private final ReadOnlyStringWrapper diffSummary = new ReadOnlyStringWrapper(this, "diffSummary", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "seedloop viewer");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper loadingText = new ReadOnlyStringWrapper(this, "loadingText", "");
    private final ReadOnlyDoubleWrapper loadProgress = new ReadOnlyDoubleWrapper(this, "loadProgress", -1);
    private final ReadOnlyBooleanWrapper previewing = new ReadOnlyBooleanWrapper(this, "previewing");
    // Which load is current: a load started later makes the earlier one's results (and previews) stale.
    private volatile int loadGeneration;
    private TraceViewModel previewVm;
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    private final IntegerProperty speedIndex = new SimpleIntegerProperty(this, "speedIndex", 3);
    private final ReadOnlyStringWrapper speedText = new ReadOnlyStringWrapper(this, "speedText", "");
    private final BooleanProperty helpVisible = new SimpleBooleanProperty(this, "helpVisible");
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private ChangeListener<Number> syncA;
    private ChangeListener<Number> syncB;
    private boolean syncing;
    private ChangeListener<Viewport> linkA;
    private ChangeListener<Viewport> linkB;
    private boolean linking;

    public MainViewModel(Async async, Ticker ticker, RecentFiles recentFiles) {
        this.async = async;
        this.ticker = ticker;
        this.recentFiles = recentFiles;
        recent.setAll(recentFiles.list());
        speedIndex.addListener((o, a, b) -> {
            speedText.set(SPEEDS[b.intValue()] + " events/s");
            if (playing.get()) {
                startTicker();
            }
        });
        speedText.set(SPEEDS[speedIndex.get()] + " events/s");
    }

    // ---- opening ----

    /** Opens {@code path} in place of whatever is open. */
    public void open(Path path) {
        open(path, () -> { });
    }

    private void open(Path path, Runnable then) {
        load(path, true, session -> {
            TraceViewModel shown = previewVm != null && previewVm == primary.get() ? previewVm : null;
            previewVm = null;
            previewing.set(false);
            leaveDiff();
            if (shown == null) {
                stop();
            }
            TraceViewModel full = new TraceViewModel(session, async);
            if (shown != null) {
                full.adopt(shown); // keep where the user went while the rest was read
            }
            primary.set(full);
            title.set(session.trace().fileName() + " — seedloop viewer");
            then.run();
        });
    }

    /** Shows the first events of a trace still being read. */
    private void showPreview(TraceSession preview) {
        leaveDiff();
        stop();
        previewing.set(true);
        previewVm = new TraceViewModel(preview, async);
        primary.set(previewVm);
        title.set(preview.trace().fileName() + " (reading…) — seedloop viewer");
    }

    /** Opens {@code path} beside the open trace: diff mode. With nothing open, it is just opened. */
    public void compare(Path path) {
        if (primary.get() == null) {
            open(path);
            return;
        }
        compare(path, () -> { });
    }

    private void compare(Path path, Runnable then) {
        load(path, false, session -> {
            enterDiff(new TraceViewModel(session, async));
            then.run();
        });
    }

    /** Opens one trace, or two in diff mode: the command line and a drop of two files. */
    public void openAll(List<Path> paths) {
        openAll(paths, null, message -> { });
    }

    /**
     * Opens one trace, or two in diff mode, and once they are read whole puts the cursor at {@code target}
     * ("start", "end", "violation", "step:N", "event:N"; null for the start). If the target does not exist
     * in the trace, {@code problem} receives why (and the error banner shows it).
     */
    public void openAll(List<Path> paths, String target, java.util.function.Consumer<String> problem) {
        if (paths.isEmpty()) {
            return;
        }
        Runnable goTo = () -> {
            if (target != null && primary.get() != null) {
                String why = primary.get().goTo(target);
                if (why != null) {
                    error.set(why);
                    problem.accept(why);
                }
            }
        };
        // the second load starts when the first has finished (loading runs in the background)
        open(paths.getFirst(), paths.size() > 1 ? () -> compare(paths.get(1), goTo) : goTo);
    }

    /** Files dropped on the window: onto an open trace a single file opens diff mode. */
    public void drop(List<Path> paths) {
        if (paths.size() == 1 && primary.get() != null) {
            compare(paths.getFirst());
        } else {
            openAll(paths.subList(0, Math.min(2, paths.size())));
        }
    }

    private void load(Path path, boolean preview, java.util.function.Consumer<TraceSession> then) {
        int generation = ++loadGeneration;
        previewVm = null;
        loading.set(true);
        loadProgress.set(-1);
        loadingText.set("Opening " + path + " …");
        TraceLoader.Listener listener = new TraceLoader.Listener() {
            @Override
            public void preview(TraceSession first) {
                if (preview) {
                    async.ui(() -> {
                        if (generation == loadGeneration) {
                            showPreview(first);
                        }
                    });
                }
            }

            @Override
            public void progress(int events, double fraction) {
                async.ui(() -> {
                    if (generation == loadGeneration && loading.get()) {
                        loadProgress.set(fraction);
                        loadingText.set(String.format("Reading %s: %,d events indexed (%d %%)%s", path.getFileName(),
                                events, Math.round(fraction * 100),
                                previewing.get() ? "; the first events are shown, the rest follows" : ""));
                    }
                });
            }

            @Override
            public boolean cancelled() {
                return generation != loadGeneration;
            }
        };
        async.run(() -> TraceLoader.load(path, listener), session -> {
            if (generation != loadGeneration) {
                return;
            }
            loading.set(false);
            loadingText.set("");
            loadProgress.set(-1);
            error.set("");
            recentFiles.add(path);
            recent.setAll(recentFiles.list());
            then.accept(session);
        }, e -> {
            if (generation != loadGeneration) {
                return;
            }
            loading.set(false);
            loadingText.set("");
            loadProgress.set(-1);
            previewing.set(false);
            error.set(e instanceof OpenFailure ? "Cannot open " + path + ": " + e.getMessage()
                    : "Cannot open " + path + ": " + e);
        });
    }

    private void enterDiff(TraceViewModel b) {
        leaveDiff();
        TraceViewModel a = primary.get();
        DiffSession d = new DiffSession(a.session(), b.session());
        diff.set(d);
        diffSummary.set(d.summary());
        secondary.set(b);
        a.divergenceProperty().set(d.divergenceA());
        b.divergenceProperty().set(d.divergenceB());
        syncA = (o, x, y) -> {
            if (!syncing) {
                syncing = true;
                b.moveTo(d.toB(y.intValue()));
                syncing = false;
            }
        };
        syncB = (o, x, y) -> {
            if (!syncing) {
                syncing = true;
                a.moveTo(d.toA(y.intValue()));
                syncing = false;
            }
        };
        a.cursorProperty().addListener(syncA);
        b.cursorProperty().addListener(syncB);
        // The two diagrams show the same window of the axis, so that a moment can be compared at a glance:
        // a zoom or pan of either moves the other.
        linkA = (o, x, y) -> link(y, b);
        linkB = (o, x, y) -> link(y, a);
        a.viewportProperty().addListener(linkA);
        b.viewportProperty().addListener(linkB);
        link(a.viewportProperty().get(), b);
        if (d.divergenceA() >= 0) {
            a.moveTo(d.divergenceA());
        } else {
            b.moveTo(d.toB(a.cursor()));
        }
        title.set(a.trace().fileName() + " vs " + b.trace().fileName() + " — seedloop viewer");
    }

    /** Fits the trace into the diagram; in diff mode, both traces into both diagrams. */
    private void fit(TraceViewModel p) {
        TraceViewModel b = secondary.get();
        if (b == null) {
            p.fit();
            return;
        }
        double[] ra = p.axisRange();
        double[] rb = b.axisRange();
        p.fitTo(Math.min(ra[0], rb[0]), Math.max(ra[1], rb[1]));
    }

    /** Gives {@code other} the window {@code viewport} shows, when both measure the same axis. */
    private void link(Viewport viewport, TraceViewModel other) {
        if (!linking && viewport != null && viewport.mode() == other.axisProperty().get()) {
            linking = true;
            try {
                other.viewportProperty().set(viewport);
            } finally {
                linking = false;
            }
        }
    }

    /** Closes the second trace. */
    public void leaveDiff() {
        TraceViewModel a = primary.get();
        TraceViewModel b = secondary.get();
        if (a != null && syncA != null) {
            a.cursorProperty().removeListener(syncA);
            a.divergenceProperty().set(-1);
        }
        if (b != null && syncB != null) {
            b.cursorProperty().removeListener(syncB);
        }
        if (a != null && linkA != null) {
            a.viewportProperty().removeListener(linkA);
        }
        if (b != null && linkB != null) {
            b.viewportProperty().removeListener(linkB);
        }
        syncA = null;
        syncB = null;
        linkA = null;
        linkB = null;
        secondary.set(null);
        diff.set(null);
        diffSummary.set("");
        if (a != null) {
            title.set(a.trace().fileName() + " — seedloop viewer");
        }
    }

    /** Moves both cursors to the first divergence (diff mode). */
    public void jumpToDivergence() {
        DiffSession d = diff.get();
        if (d != null && d.divergenceA() >= 0) {
            primary.get().moveTo(d.divergenceA());
        }
    }

    public void dismissError() {
        error.set("");
    }

    // ---- playback ----

    public void togglePlay() {
        if (playing.get()) {
            stop();
        } else if (primary.get() != null) {
            if (primary.get().atEnd()) {
                primary.get().toStart();
            }
            playing.set(true);
            startTicker();
        }
    }

    /** Stops playing. */
    public void stop() {
        if (playing.get()) {
            playing.set(false);
            ticker.stop();
        }
    }

    public void faster() {
        speedIndex.set(Math.min(SPEEDS.length - 1, speedIndex.get() + 1));
    }

    public void slower() {
        speedIndex.set(Math.max(0, speedIndex.get() - 1));
    }

    private void startTicker() {
        int eps = SPEEDS[speedIndex.get()];
        long periodMs = Math.max(20, 1000 / eps);
        int perTick = (int) Math.max(1, Math.round(eps * periodMs / 1000.0));
        ticker.start(Duration.ofMillis(periodMs), () -> {
            TraceViewModel p = primary.get();
            if (p == null) {
                stop();
                return;
            }
            for (int i = 0; i < perTick && !p.atEnd(); i++) {
                p.stepForward();
            }
            if (p.atEnd()) {
                stop();
            }
        });
    }

    // ---- actions ----

    /**
     * Performs {@code action} on the open trace(s); returns false for actions the view must carry out
     * itself (dialogs, focus, quitting) or when no trace is open.
     */
    public boolean perform(ViewerAction action) {
        if (action == ViewerAction.HELP) {
            helpVisible.set(!helpVisible.get());
            return true;
        }
        if (action == ViewerAction.CLOSE_DIFF) {
            leaveDiff();
            return true;
        }
        TraceViewModel p = primary.get();
        if (p == null) {
            return false;
        }
        if (action != ViewerAction.PLAY_PAUSE && action != ViewerAction.FASTER && action != ViewerAction.SLOWER) {
            p.clearNotice();
        }
        switch (action) {
            case STEP_FORWARD -> p.stepForward();
            case STEP_BACK -> p.stepBack();
            case NEXT_STEP -> p.nextStep();
            case PREVIOUS_STEP -> p.previousStep();
            case TO_START -> p.toStart();
            case TO_END -> p.toEnd();
            case PLAY_PAUSE -> togglePlay();
            case FASTER -> faster();
            case SLOWER -> slower();
            case NEXT_OF_NODE -> p.nextOfNode(true);
            case PREVIOUS_OF_NODE -> p.nextOfNode(false);
            case NEXT_OF_KIND -> p.nextOfKind(true);
            case PREVIOUS_OF_KIND -> p.nextOfKind(false);
            case VIOLATION -> p.jumpToViolation();
            case CAUSAL_PAST -> p.showCausalPastOfCursor();
            case CAUSAL_VIOLATION -> p.trace().violationOrdinal().ifPresent(p::showCausalPast);
            case CLEAR_CAUSAL -> p.clearCausalPast();
            case ZOOM_IN -> p.zoomAtCursor(2);
            case ZOOM_OUT -> p.zoomAtCursor(0.5);
            case FIT -> fit(p);
            case PAN_LEFT -> p.panPage(-0.5);
            case PAN_RIGHT -> p.panPage(0.5);
            case AXIS -> {
                p.toggleAxis();
                if (secondary.get() != null) {
                    secondary.get().axisProperty().set(p.axisProperty().get());
                    link(p.viewportProperty().get(), secondary.get()); // A's window, not B's own first one
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    // ---- properties ----

    public ReadOnlyObjectProperty<TraceViewModel> primaryProperty() {
        return primary.getReadOnlyProperty();
    }

    public TraceViewModel primary() {
        return primary.get();
    }

    public ReadOnlyObjectProperty<TraceViewModel> secondaryProperty() {
        return secondary.getReadOnlyProperty();
    }

    public TraceViewModel secondary() {
        return secondary.get();
    }

    public ReadOnlyObjectProperty<DiffSession> diffProperty() {
        return diff.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty diffSummaryProperty() {
        return diffSummary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty loadingTextProperty() {
        return loadingText.getReadOnlyProperty();
    }

    /** The fraction (0..1) of the file read by the load under way; -1 when unknown or none. */
    public ReadOnlyDoubleProperty loadProgressProperty() {
        return loadProgress.getReadOnlyProperty();
    }

    /**
     * Whether the open trace is a preview: its first events, shown while the rest is still read. The
     * primary ViewModel is replaced by the whole trace's when reading ends.
     */
    public ReadOnlyBooleanProperty previewingProperty() {
        return previewing.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    public IntegerProperty speedIndexProperty() {
        return speedIndex;
    }

    public ReadOnlyStringProperty speedTextProperty() {
        return speedText.getReadOnlyProperty();
    }

    public BooleanProperty helpVisibleProperty() {
        return helpVisible;
    }

    public ObservableList<Path> recent() {
        return recent;
    }
}

package dev.seedloop.viewer.viewmodel;

import dev.seedloop.viewer.model.DiffSession;
import dev.seedloop.viewer.model.LoadedTrace;
import dev.seedloop.viewer.model.OpenFailure;
import dev.seedloop.viewer.model.RecentFiles;
import dev.seedloop.viewer.model.TraceSession;
import dev.seedloop.viewer.model.ViewerAction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    private final IntegerProperty speedIndex = new SimpleIntegerProperty(this, "speedIndex", 3);
    private final ReadOnlyStringWrapper speedText = new ReadOnlyStringWrapper(this, "speedText", "");
    private final BooleanProperty helpVisible = new SimpleBooleanProperty(this, "helpVisible");
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private ChangeListener<Number> syncA;
    private ChangeListener<Number> syncB;
    private boolean syncing;

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
        load(path, session -> {
            leaveDiff();
            stop();
            primary.set(new TraceViewModel(session));
            title.set(session.trace().fileName() + " — seedloop viewer");
            then.run();
        });
    }

    /** Opens {@code path} beside the open trace: diff mode. With nothing open, it is just opened. */
    public void compare(Path path) {
        if (primary.get() == null) {
            open(path);
            return;
        }
        load(path, session -> enterDiff(new TraceViewModel(session)));
    }

    /** Opens one trace, or two in diff mode: the command line and a drop of two files. */
    public void openAll(List<Path> paths) {
        if (paths.isEmpty()) {
            return;
        }
        // the second load starts when the first has finished (loading runs in the background)
        open(paths.getFirst(), paths.size() > 1 ? () -> compare(paths.get(1)) : () -> { });
    }

    /** Files dropped on the window: onto an open trace a single file opens diff mode. */
    public void drop(List<Path> paths) {
        if (paths.size() == 1 && primary.get() != null) {
            compare(paths.getFirst());
        } else {
            openAll(paths.subList(0, Math.min(2, paths.size())));
        }
    }

    private void load(Path path, java.util.function.Consumer<TraceSession> then) {
        loading.set(true);
        loadingText.set("Opening " + path + " …");
        async.run(() -> new TraceSession(LoadedTrace.load(path)), session -> {
            loading.set(false);
            loadingText.set("");
            error.set("");
            recentFiles.add(path);
            recent.setAll(recentFiles.list());
            then.accept(session);
        }, e -> {
            loading.set(false);
            loadingText.set("");
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
        if (d.divergenceA() >= 0) {
            a.moveTo(d.divergenceA());
        } else {
            b.moveTo(d.toB(a.cursor()));
        }
        title.set(a.trace().fileName() + " vs " + b.trace().fileName() + " — seedloop viewer");
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
        syncA = null;
        syncB = null;
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
            case FIT -> p.fit();
            case PAN_LEFT -> p.panPage(-0.5);
            case PAN_RIGHT -> p.panPage(0.5);
            case AXIS -> {
                p.toggleAxis();
                if (secondary.get() != null) {
                    secondary.get().axisProperty().set(p.axisProperty().get());
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

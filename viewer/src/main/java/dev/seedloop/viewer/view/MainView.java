package dev.seedloop.viewer.view;

import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.viewer.model.ViewerAction;
import dev.seedloop.viewer.viewmodel.MainViewModel;
import dev.seedloop.viewer.viewmodel.TraceViewModel;
import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The window's content: menu, toolbar, the open trace(s), the help panel and the status bar. Binds to a
 * {@link MainViewModel}; all decisions are the ViewModel's. Install it with {@link #install(Scene)} to get
 * the keyboard shortcuts and drag-and-drop.
 */
public final class MainView extends BorderPane {
    private final MainViewModel vm;
    private final StackPane center = new StackPane();
    private final HelpPanel help = new HelpPanel();
    private final Label status = new Label();
    private final Menu recentMenu = new Menu("Open Recent");
    private final HBox toolbarTraceControls = new HBox(4);
    private TracePane paneA;
    private TracePane paneB;
    private final Map<ViewerAction, KeyCombination> keys = new EnumMap<>(ViewerAction.class);

    public MainView(MainViewModel vm) {
        this.vm = vm;
        getStylesheets().add(MainView.class.getResource("viewer.css").toExternalForm());
        getStyleClass().add("main-view");
        for (ViewerAction a : ViewerAction.values()) {
            keys.put(a, KeyCombination.valueOf(a.shortcut()));
        }
        Label error = new Label();
        error.setId("errorBanner");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        Button dismiss = new Button("Dismiss");
        dismiss.setOnAction(e -> vm.dismissError());
        HBox errorBox = new HBox(8, error, dismiss);
        errorBox.getStyleClass().add("error-banner");
        HBox.setHgrow(error, Priority.ALWAYS);
        errorBox.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        errorBox.managedProperty().bind(errorBox.visibleProperty());
        Label loadingLabel = new Label();
        loadingLabel.setId("loadingText");
        loadingLabel.textProperty().bind(vm.loadingTextProperty());
        javafx.scene.control.ProgressBar progress = new javafx.scene.control.ProgressBar();
        progress.setId("loadProgress");
        progress.setPrefWidth(220);
        progress.progressProperty().bind(vm.loadProgressProperty());
        HBox loading = new HBox(8, progress, loadingLabel);
        loading.setAlignment(Pos.CENTER_LEFT);
        loading.getStyleClass().add("loading");
        loading.visibleProperty().bind(vm.loadingProperty());
        loading.managedProperty().bind(loading.visibleProperty());

        ToolBar toolbar = new ToolBar(toolbarTraceControls);
        toolbar.setId("toolbar");
        setTop(new VBox(menuBar(), toolbar, errorBox, loading));
        setCenter(center);
        help.visibleProperty().bind(vm.helpVisibleProperty());
        help.managedProperty().bind(help.visibleProperty());
        setRight(help);
        status.setId("statusBar");
        Label speed = new Label();
        speed.setId("speed");
        speed.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> (vm.playingProperty().get() ? "playing" : "paused") + " · " + vm.speedTextProperty().get(),
                vm.playingProperty(), vm.speedTextProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox statusBar = new HBox(12, status, spacer, speed);
        statusBar.getStyleClass().add("status-bar");
        setBottom(statusBar);

        vm.primaryProperty().addListener((o, a, b) -> rebuild());
        vm.secondaryProperty().addListener((o, a, b) -> rebuild());
        vm.recent().addListener((javafx.collections.ListChangeListener<Path>) c -> rebuildRecent());
        rebuildRecent();
        rebuild();
    }

    /** Adds the keyboard shortcuts and drag-and-drop to the scene that shows this view. */
    public void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                vm.drop(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private void onKey(KeyEvent e) {
        Node focus = getScene() == null ? null : getScene().getFocusOwner();
        boolean typing = focus instanceof TextInputControl;
        for (var entry : keys.entrySet()) {
            if (entry.getValue().match(e)) {
                ViewerAction a = entry.getKey();
                boolean plain = !e.isShortcutDown() && e.getCode() != KeyCode.F1 && e.getCode() != KeyCode.ESCAPE;
                if (typing && plain) {
                    return; // let the text field have its keys
                }
                perform(a);
                e.consume();
                return;
            }
        }
    }

    /** Carries out an action: the ViewModel's, or a dialog, focus change or quit. */
    public void perform(ViewerAction a) {
        switch (a) {
            case OPEN -> chooseFile("Open a trace").ifPresent(vm::open);
            case COMPARE -> chooseFile("Open a second trace to compare").ifPresent(vm::compare);
            case SEARCH -> {
                if (paneA != null) {
                    paneA.table().searchField().requestFocus();
                }
            }
            case QUIT -> Platform.exit();
            default -> vm.perform(a);
        }
    }

    private java.util.Optional<Path> chooseFile(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("seedloop traces", "*.trace", "*.trace.gz"),
                new FileChooser.ExtensionFilter("all files", "*"));
        if (!vm.recent().isEmpty() && vm.recent().getFirst().getParent() != null
                && vm.recent().getFirst().getParent().toFile().isDirectory()) {
            chooser.setInitialDirectory(vm.recent().getFirst().getParent().toFile());
        }
        Window w = getScene() == null ? null : getScene().getWindow();
        File f = chooser.showOpenDialog(w);
        return java.util.Optional.ofNullable(f).map(File::toPath);
    }

    private MenuBar menuBar() {
        Menu file = new Menu("File");
        file.getItems().addAll(item(ViewerAction.OPEN, "Open…"), item(ViewerAction.COMPARE, "Compare with…"),
                recentMenu, item(ViewerAction.CLOSE_DIFF, "Close comparison"), new SeparatorMenuItem(),
                item(ViewerAction.QUIT, "Quit"));
        Menu nav = new Menu("Navigate");
        nav.getItems().addAll(item(ViewerAction.STEP_FORWARD, "Step forward"),
                item(ViewerAction.STEP_BACK, "Step backward"), item(ViewerAction.NEXT_STEP, "Next engine step"),
                item(ViewerAction.PREVIOUS_STEP, "Previous engine step"), item(ViewerAction.TO_START, "Go to start"),
                item(ViewerAction.TO_END, "Go to end"), new SeparatorMenuItem(),
                item(ViewerAction.PLAY_PAUSE, "Play / pause"), item(ViewerAction.FASTER, "Faster"),
                item(ViewerAction.SLOWER, "Slower"), new SeparatorMenuItem(),
                item(ViewerAction.NEXT_OF_NODE, "Next event of node"),
                item(ViewerAction.PREVIOUS_OF_NODE, "Previous event of node"),
                item(ViewerAction.NEXT_OF_KIND, "Next event of kind"),
                item(ViewerAction.PREVIOUS_OF_KIND, "Previous event of kind"), new SeparatorMenuItem(),
                item(ViewerAction.VIOLATION, "Jump to the violation"),
                item(ViewerAction.CAUSAL_PAST, "Causal past of the cursor event"),
                item(ViewerAction.CAUSAL_VIOLATION, "Causal past of the violation"),
                item(ViewerAction.CLEAR_CAUSAL, "Clear causal highlighting"), item(ViewerAction.SEARCH, "Search events"));
        Menu view = new Menu("View");
        view.getItems().addAll(item(ViewerAction.ZOOM_IN, "Zoom in"), item(ViewerAction.ZOOM_OUT, "Zoom out"),
                item(ViewerAction.FIT, "Fit the whole trace"), item(ViewerAction.PAN_LEFT, "Pan left"),
                item(ViewerAction.PAN_RIGHT, "Pan right"), item(ViewerAction.AXIS, "Switch axis (time / events)"));
        Menu helpMenu = new Menu("Help");
        helpMenu.getItems().add(item(ViewerAction.HELP, "Keyboard shortcuts and legend"));
        MenuBar bar = new MenuBar(file, nav, view, helpMenu);
        bar.setId("menuBar");
        return bar;
    }

    private MenuItem item(ViewerAction a, String text) {
        // The shortcut is shown in the label; the keys themselves are handled by the scene filter (so that
        // typing in the search field never triggers a single-key action).
        MenuItem m = new MenuItem(text + "    (" + a.shortcutText() + ")");
        m.setId("menu-" + a.name());
        m.setOnAction(e -> perform(a));
        return m;
    }

    private void rebuildRecent() {
        recentMenu.getItems().clear();
        if (vm.recent().isEmpty()) {
            MenuItem none = new MenuItem("(none yet)");
            none.setDisable(true);
            recentMenu.getItems().add(none);
        }
        for (Path p : vm.recent()) {
            MenuItem m = new MenuItem(p.toString());
            m.setMnemonicParsing(false);
            m.setOnAction(e -> vm.open(p));
            recentMenu.getItems().add(m);
        }
        if (vm.primary() == null) {
            rebuild();
        }
    }

    private void rebuild() {
        TraceViewModel a = vm.primary();
        TraceViewModel b = vm.secondary();
        status.textProperty().unbind();
        toolbarTraceControls.getChildren().clear();
        if (a == null) {
            paneA = null;
            paneB = null;
            center.getChildren().setAll(welcome());
            status.setText("No trace open.");
            return;
        }
        toolbarTraceControls.getChildren().setAll(traceControls(a));
        if (b == null) {
            paneA = new TracePane(a, false, "");
            paneB = null;
            center.getChildren().setAll(paneA);
            status.textProperty().bind(a.statusProperty());
            paneA.diagram().requestFocus();
        } else {
            paneA = new TracePane(a, true, "A");
            paneB = new TracePane(b, true, "B");
            SplitPane sides = new SplitPane(paneA, paneB);
            TextArea summary = new TextArea();
            summary.setId("diffSummary");
            summary.setEditable(false);
            summary.getStyleClass().add("diff-summary");
            summary.textProperty().bind(vm.diffSummaryProperty());
            Button toDivergence = new Button("Go to first divergence");
            toDivergence.setId("toDivergence");
            toDivergence.setOnAction(e -> vm.jumpToDivergence());
            toDivergence.setDisable(vm.diffProperty().get() == null || vm.diffProperty().get().divergenceA() < 0);
            VBox summaryBox = new VBox(4, toDivergence, summary);
            VBox.setVgrow(summary, Priority.ALWAYS);
            TitledPane summaryPane = new TitledPane("Diff summary (trace-format diff)", summaryBox);
            summaryPane.setCollapsible(false);
            summaryPane.setMaxHeight(Double.MAX_VALUE);
            SplitPane all = new SplitPane(sides, summaryPane);
            all.setOrientation(Orientation.VERTICAL);
            all.setDividerPositions(0.74);
            center.getChildren().setAll(all);
            status.textProperty().bind(javafx.beans.binding.Bindings.concat("A: ", a.statusProperty(),
                    "    |    B: ", b.statusProperty()));
        }
    }

    private List<Node> traceControls(TraceViewModel a) {
        Button start = button("|◀", ViewerAction.TO_START);
        Button back = button("◀", ViewerAction.STEP_BACK);
        Button fwd = button("▶", ViewerAction.STEP_FORWARD);
        Button end = button("▶|", ViewerAction.TO_END);
        Button play = button("Play", ViewerAction.PLAY_PAUSE);
        play.setId("play");
        play.textProperty().bind(javafx.beans.binding.Bindings.when(vm.playingProperty()).then("Pause").otherwise("Play"));
        Button slower = button("−", ViewerAction.SLOWER);
        Button faster = button("+", ViewerAction.FASTER);
        Label speed = new Label();
        speed.textProperty().bind(vm.speedTextProperty());
        Button violation = button("Violation", ViewerAction.VIOLATION);
        violation.setId("violationButton");
        violation.getStyleClass().add("violation-button");
        violation.setDisable(a.trace().violationOrdinal().isEmpty());

        ComboBox<String> node = new ComboBox<>();
        node.setId("navNode");
        node.getItems().setAll(a.nodeNames());
        if (!node.getItems().isEmpty()) {
            node.getSelectionModel().select(Math.max(0, a.navNodeProperty().get()));
        }
        node.getSelectionModel().selectedIndexProperty().addListener((o, x, y) -> a.navNodeProperty().set(y.intValue()));
        node.setTooltip(new Tooltip("Node for next/previous (N, Shift+N)"));
        ComboBox<TraceEventKind> kind = new ComboBox<>();
        kind.setId("navKind");
        kind.getItems().setAll(TraceEventKind.values());
        kind.getItems().remove(TraceEventKind.UNKNOWN);
        kind.valueProperty().bindBidirectional(a.navKindProperty());
        kind.setTooltip(new Tooltip("Kind for next/previous (K, Shift+K)"));
        Button prevNode = button("◀", ViewerAction.PREVIOUS_OF_NODE);
        Button nextNode = button("▶", ViewerAction.NEXT_OF_NODE);
        Button prevKind = button("◀", ViewerAction.PREVIOUS_OF_KIND);
        Button nextKind = button("▶", ViewerAction.NEXT_OF_KIND);
        Button causal = button("Causal past", ViewerAction.CAUSAL_PAST);
        causal.setId("causalButton");
        Button clear = button("Clear", ViewerAction.CLEAR_CAUSAL);
        Button zoomOut = button("Zoom −", ViewerAction.ZOOM_OUT);
        Button zoomIn = button("Zoom +", ViewerAction.ZOOM_IN);
        Button fit = button("Fit", ViewerAction.FIT);
        Button axis = button("Axis", ViewerAction.AXIS);
        axis.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> "Axis: " + a.axisProperty().get().name().toLowerCase(), a.axisProperty()));
        Button helpButton = button("?", ViewerAction.HELP);
        HBox box = new HBox(4, start, back, fwd, end, sep(), play, slower, speed, faster, sep(), violation, sep(),
                new Label("node"), node, prevNode, nextNode, new Label("kind"), kind, prevKind, nextKind, sep(),
                causal, clear, sep(), zoomOut, zoomIn, fit, axis, helpButton);
        box.setAlignment(Pos.CENTER_LEFT);
        return List.of(box);
    }

    private static Node sep() {
        Region r = new Region();
        r.setPrefWidth(6);
        return r;
    }

    private Button button(String text, ViewerAction a) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(a.description() + " (" + a.shortcutText() + ")"));
        b.setOnAction(e -> perform(a));
        b.setFocusTraversable(false);
        return b;
    }

    private Node welcome() {
        Label title = new Label("seedloop viewer");
        title.getStyleClass().add("welcome-title");
        Label how = new Label("Open a trace with File ▸ Open (Ctrl+O), drop a .trace file on this window, or pass "
                + "it on the command line. Drop a second trace on an open one to compare them.");
        how.setWrapText(true);
        how.setMaxWidth(560);
        VBox box = new VBox(10, title, how);
        if (!vm.recent().isEmpty()) {
            box.getChildren().add(new Label("Recent traces:"));
            for (Path p : vm.recent()) {
                Hyperlink link = new Hyperlink(p.toString());
                link.setMnemonicParsing(false);
                link.setOnAction(e -> vm.open(p));
                box.getChildren().add(link);
            }
        }
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(40));
        box.setMaxWidth(700);
        box.setId("welcome");
        return box;
    }

    public TracePane paneA() {
        return paneA;
    }

    public TracePane paneB() {
        return paneB;
    }

    public MainViewModel viewModel() {
        return vm;
    }
}

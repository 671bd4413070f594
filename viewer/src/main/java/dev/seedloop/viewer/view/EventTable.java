package dev.seedloop.viewer.view;

import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.trace.export.EventFormatter;
import dev.seedloop.viewer.viewmodel.TraceViewModel;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The event table with its filter bar (node, kind, text search). Rows are event ordinals; the selected row
 * is the cursor, both ways. Rows in the highlighted causal past carry the style class {@code in-cone}.
 */
public final class EventTable extends VBox {
    private final TraceViewModel vm;
    private final TableView<Integer> table = new TableView<>();
    private final RowWindow window;
    /** Spans all rows while the window holds only some of them; hidden otherwise. */
    private final TraceScrollBar wholeBar = new TraceScrollBar(this::showAtTop);
    /** The table's own vertical scroll bar, found once the table has its skin. */
    private javafx.scene.control.ScrollBar ownBar;
    private VirtualFlow<?> flow;
    /** The table's column headers, which the whole-trace bar starts below, as the table's own bar does. */
    private javafx.scene.Node header;
    private final ComboBox<String> nodeFilter = new ComboBox<>();
    private final ComboBox<String> kindFilter = new ComboBox<>();
    private static final String ALL_KINDS = "all kinds";
    /** The run's own events: every kind but the snapshots and checks a FULL trace adds after each step. */
    static final String RUN_EVENTS = "run events only";
    private final TextField search = new TextField();
    private boolean syncing;
    private boolean revealPending;

    public EventTable(TraceViewModel vm) {
        this.vm = vm;
        this.window = new RowWindow(vm.rows());
        getStyleClass().add("event-table");
        table.setId("eventTable");
        nodeFilter.setId("nodeFilter");
        kindFilter.setId("kindFilter");
        search.setId("search");
        List<String> nodes = new ArrayList<>();
        nodes.add("all nodes");
        nodes.addAll(vm.nodeNames());
        nodeFilter.getItems().setAll(nodes);
        nodeFilter.getSelectionModel().select(0);
        nodeFilter.valueProperty().addListener((o, a, b) -> vm.filterNodeProperty().set(nodeFilter.getSelectionModel().getSelectedIndex() - 1));
        List<String> kinds = new ArrayList<>();
        kinds.add(ALL_KINDS);
        kinds.add(RUN_EVENTS);
        for (TraceEventKind k : TraceEventKind.values()) {
            kinds.add(k.name());
        }
        kindFilter.getItems().setAll(kinds);
        kindFilter.setTooltip(new javafx.scene.control.Tooltip("Show one kind of event; \"" + RUN_EVENTS
                + "\" leaves out the state snapshots and invariant checks a FULL trace adds after each step"));
        kindFilter.getSelectionModel().select(0);
        kindFilter.valueProperty().addListener((o, a, b) -> {
            boolean anyKind = b == null || b.equals(ALL_KINDS) || b.equals(RUN_EVENTS);
            vm.filterDigestedOnlyProperty().set(RUN_EVENTS.equals(b));
            vm.filterKindProperty().set(anyKind ? null : TraceEventKind.valueOf(b));
        });
        search.setPromptText("search events (Ctrl+F)");
        search.textProperty().bindBidirectional(vm.searchProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        Label filter = new Label("Filter:");
        HBox bar = new HBox(6, filter, nodeFilter, kindFilter, search);
        bar.getStyleClass().add("filter-bar");

        table.setItems(window);
        // every row is one line: a fixed height spares the table measuring rows on every step
        table.setFixedCellSize(24);
        table.setPlaceholder(new Label(vm.noRowsText()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("#", 60, o -> Integer.toString(o)));
        table.getColumns().add(column("step", 55, o -> Long.toString(vm.trace().step(o))));
        table.getColumns().add(column("time (s)", 95, o -> EventFormatter.time(vm.trace().time(o))));
        table.getColumns().add(column("node", 50, vm::laneName));
        table.getColumns().add(column("kind", 160, o -> vm.trace().kind(o).name()));
        TableColumn<Integer, String> what = column("event", 400, vm::describe);
        table.getColumns().add(what);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Integer item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("in-cone", "violation-row");
                if (!empty && item != null) {
                    if (vm.inCone(item)) {
                        getStyleClass().add("in-cone");
                    }
                    if (vm.trace().kind(item) == TraceEventKind.INVARIANT_VIOLATED) {
                        getStyleClass().add("violation-row");
                    }
                }
            }
        });
        table.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            int index = b.intValue();
            if (!syncing && index >= 0 && index < window.size()) {
                syncing = true;
                vm.moveTo(vm.rows().ordinal(window.rowAt(index)));
                syncing = false;
            }
        });
        // The user scrolling near an edge of the window (a huge trace) moves the window on. Only the user's
        // scrolling: the table's own scrolling to the cursor is placed by syncSelection already.
        table.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> Platform.runLater(this::followScrolling));
        table.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_DRAGGED, e -> Platform.runLater(this::followScrolling));
        table.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> Platform.runLater(this::followScrolling));
        vm.cursorProperty().addListener((o, a, b) -> syncSelection());
        vm.rows().addListener((javafx.collections.ListChangeListener<Integer>) c -> syncSelection());
        vm.coneProperty().addListener((o, a, b) -> table.refresh());
        table.heightProperty().addListener((o, a, b) -> revealAfterLayout());
        Label searching = new Label("searching…");
        searching.setId("searching");
        searching.visibleProperty().bind(vm.filteringProperty());
        searching.managedProperty().bind(searching.visibleProperty());
        bar.getChildren().add(searching);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(table, Priority.ALWAYS);
        HBox rowsAndBar = new HBox(table, wholeBar);
        VBox.setVgrow(rowsAndBar, Priority.ALWAYS);
        getChildren().addAll(bar, rowsAndBar);
        // A moved window or new rows change what the whole-trace bar shows, without the table scrolling.
        window.addListener((javafx.collections.ListChangeListener<Integer>) c -> requestLayout());
        syncSelection();
    }

    private TableColumn<Integer, String> column(String title, double width,
            java.util.function.IntFunction<String> text) {
        TableColumn<Integer, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(text.apply(cd.getValue())));
        c.setCellFactory(x -> new TextCell<>());
        return c;
    }

    private void syncSelection() {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            int row = vm.cursorRow();
            if (row < 0) {
                table.getSelectionModel().clearSelection();
                int near = vm.nearestRow();
                if (near >= 0) {
                    window.reveal(near);
                    scrollIntoView(window.indexOf(near));
                }
            } else {
                window.reveal(row);
                table.getSelectionModel().clearAndSelect(window.indexOf(row));
                scrollIntoView(window.indexOf(row));
            }
        } finally {
            syncing = false;
        }
    }

    private void scrollIntoView(int row) {
        VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
        if (flow != null && flow.getFirstVisibleCell() != null && flow.getLastVisibleCell() != null) {
            if (fullyVisible(flow, row)) {
                return;
            }
            int first = flow.getFirstVisibleCell().getIndex();
            int last = flow.getLastVisibleCell().getIndex();
            table.scrollTo(Math.max(0, row - Math.max(1, (last - first) / 3)));
        } else {
            table.scrollTo(Math.max(0, row - 3));
        }
    }

    /** Whether row {@code row}'s cell lies wholly inside the flow's viewport (not under its edge or scroll bar). */
    private static boolean fullyVisible(VirtualFlow<?> flow, int row) {
        javafx.scene.control.IndexedCell<?> cell = flow.getVisibleCell(row);
        if (cell == null || !cell.isVisible()) {
            return false;
        }
        double bottom = flow.getHeight();
        for (javafx.scene.Node n : flow.lookupAll(".scroll-bar")) {
            if (n instanceof javafx.scene.control.ScrollBar sb && sb.getOrientation() == Orientation.HORIZONTAL
                    && sb.isVisible() && sb.getParent() == flow) {
                bottom -= sb.getHeight();
            }
        }
        double y = cell.getLayoutY();
        return y >= -0.5 && y + cell.getHeight() <= bottom + 0.5;
    }

    /**
     * After the table's size changed (a split pane moved, diff mode opened) and its rows were laid out
     * again, brings the cursor's row back into view.
     */
    private void revealAfterLayout() {
        if (revealPending) {
            return;
        }
        revealPending = true;
        Platform.runLater(() -> {
            revealPending = false;
            revealCursorRow();
        });
    }

    /** Lays the table out and scrolls the cursor's row (or the nearest shown one) wholly into view. */
    public void revealCursorRow() {
        table.layout();
        int row = vm.cursorRow() >= 0 ? vm.cursorRow() : vm.nearestRow();
        if (row >= 0) {
            window.reveal(row);
            scrollIntoView(window.indexOf(row));
        }
    }

    /**
     * Lays out as a VBox does, then the table at once (its children are otherwise laid out after this method),
     * so that the whole-trace bar follows the rows on screen now; in a pulse and in a snapshot alike.
     */
    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        followTable();
    }

    /** Shows the whole-trace bar while the window holds only some rows, in place of the table's own. */
    private void followTable() {
        boolean needed = window.size() < vm.rows().size();
        if (flow == null) {
            flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
            if (flow == null) {
                wholeBar.follow(false, 0, 0, 0);
                return; // no skin yet: nothing on screen to follow
            }
            // The user's wheel, keys and the table's scrollTo all move the flow's position: follow each.
            flow.positionProperty().addListener((o, a, b) -> requestLayout());
        }
        if (ownBar == null) {
            for (javafx.scene.Node n : flow.getChildrenUnmodifiable()) {
                if (n instanceof javafx.scene.control.ScrollBar sb && sb.getOrientation() == Orientation.VERTICAL) {
                    ownBar = sb;
                }
            }
        }
        if (ownBar != null) {
            // Two vertical bars would disagree; the flow sizes its bar by its preferred width, so zero hides it.
            ownBar.setPrefWidth(needed ? 0 : USE_COMPUTED_SIZE);
            ownBar.setOpacity(needed ? 0 : 1);
            ownBar.setMouseTransparent(needed);
        }
        if (!needed) {
            wholeBar.follow(false, 0, 0, 0);
            return;
        }
        table.layout();
        if (header == null) {
            header = table.lookup(".column-header-background");
        }
        double top = header == null ? 0 : header.getLayoutBounds().getHeight();
        javafx.geometry.Insets margin = HBox.getMargin(wholeBar);
        if (margin == null || margin.getTop() != top) {
            HBox.setMargin(wholeBar, new javafx.geometry.Insets(top, 0, 0, 0));
        }
        if (flow.getFirstVisibleCell() == null || flow.getLastVisibleCell() == null) {
            return;
        }
        int first = flow.getFirstVisibleCell().getIndex();
        int last = flow.getLastVisibleCell().getIndex();
        wholeBar.follow(true, vm.rows().size(), window.rowAt(first), last - first + 1);
    }

    /**
     * Scrolls row {@code row} (of all rows) to the top, moving the window to it if needed; the cursor stays
     * where it is (its row stays selected if the window holds it).
     */
    private void showAtTop(int row) {
        if (syncing || row < 0 || row >= vm.rows().size()) {
            return;
        }
        syncing = true;
        try {
            // reveal keeps the row the margin away from the window's bottom edge, more than a screen
            if (window.reveal(row)) {
                selectCursorInWindow();
            }
            table.scrollTo(window.indexOf(row));
        } finally {
            syncing = false;
        }
    }

    /** Selects the cursor's row if the window holds it, and nothing otherwise; call with {@code syncing} set. */
    private void selectCursorInWindow() {
        int cursor = vm.cursorRow();
        if (cursor >= 0 && window.indexOf(cursor) >= 0) {
            table.getSelectionModel().clearAndSelect(window.indexOf(cursor));
        } else {
            table.getSelectionModel().clearSelection();
        }
    }

    /** When the rows in view come near an edge of the window with more rows beyond, moves the window on. */
    void followScrolling() {
        VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
        if (syncing || flow == null) {
            return;
        }
        table.layout(); // the cells on screen now, not before the last scroll
        if (flow.getFirstVisibleCell() == null || flow.getLastVisibleCell() == null) {
            return;
        }
        int first = window.rowAt(flow.getFirstVisibleCell().getIndex());
        int last = window.rowAt(flow.getLastVisibleCell().getIndex());
        int edge = first < window.rowAt(RowWindow.MARGIN) ? first : last; // reveal() moves only near an edge
        if (window.reveal(edge)) {
            syncing = true;
            try {
                table.scrollTo(window.indexOf(first)); // the same rows stay on screen
                selectCursorInWindow();
            } finally {
                syncing = false;
            }
        }
    }

    public TableView<Integer> table() {
        return table;
    }

    public TextField searchField() {
        return search;
    }
}

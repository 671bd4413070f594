package dev.seedloop.viewer.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.viewer.TestTraces;
import dev.seedloop.viewer.model.CommandLine;
import dev.seedloop.viewer.model.RecentFiles;
import dev.seedloop.viewer.viewmodel.Async;
import dev.seedloop.viewer.viewmodel.MainViewModel;
import dev.seedloop.viewer.viewmodel.TraceViewModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window on JavaFX's headless platform, driven by TestFX with keys and clicks. */
@ExtendWith(ApplicationExtension.class)
class ViewerGuiTests {
    @TempDir
    static Path dir;

    private MainViewModel vm;
    private MainView view;

    @Start
    void start(Stage stage) throws Exception {
        vm = new MainViewModel(Async.DIRECT, new FxTicker(), new RecentFiles(Files.createTempFile("recent", ".txt")));
        view = new MainView(vm);
        Scene scene = new Scene(view, 1000, 900);
        view.install(scene);
        stage.setScene(scene);
        stage.show();
    }

    private Path splitBrain() {
        return TestTraces.writeSplitBrain(dir.resolve("sb-" + System.nanoTime() + ".trace"));
    }

    private void open(FxRobot robot, Path p) {
        robot.interact(() -> vm.open(p));
        settle();
    }

    /**
     * Waits until every load the ViewModel started in the background has finished and its results are on
     * screen. Loading runs off the FX thread, so waiting for FX events alone races with it on a busy machine.
     */
    private void settle() {
        try {
            WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS, () -> !vm.loadingProperty().get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the trace did not finish loading within 30 s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until the primary trace's filtering and search, which run off the FX thread, have finished. */
    private void awaitFilter() {
        try {
            WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS,
                    () -> !vm.primary().filteringProperty().get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("filtering did not finish within 30 s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Set<String> texts(FxRobot robot, String query) {
        return robot.lookup(query).queryAll().stream().map(n -> ((TableCell<?, ?>) n).getText())
                .filter(t -> t != null).collect(Collectors.toSet());
    }

    /** The text of the state panel cell of {@code field} and node column {@code node}. */
    private String stateCell(FxRobot robot, String field, int node) {
        TableView<?> t = robot.lookup("#statePanel").queryAs(TableView.class);
        int row = -1;
        for (int i = 0; i < t.getItems().size(); i++) {
            if (((dev.seedloop.viewer.viewmodel.StateRow) t.getItems().get(i)).field().equals(field)) {
                row = i;
            }
        }
        if (row < 0) {
            return null;
        }
        int r = row;
        String header = vm.primary().nodeNames().get(node);
        return robot.lookup("#statePanel .table-cell").queryAll().stream().map(n -> (TableCell<?, ?>) n)
                .filter(c -> c.getIndex() == r && c.getTableColumn() != null && c.getTableColumn().getText().equals(header))
                .map(TableCell::getText).findFirst().orElse(null);
    }

    @Test
    void opensStepsForwardAndBackAndShowsTheStateTheTraceRecords(FxRobot robot) {
        open(robot, splitBrain());
        assertThat(robot.lookup("#statusBar").queryAs(Label.class).getText()).contains("seed 13", "event #0 of 54");
        assertThat(robot.lookup("#diagram").tryQuery()).isPresent();
        robot.interact(() -> vm.primary().moveTo(44));
        robot.type(KeyCode.RIGHT); // 45: n2's snapshot of step 10
        assertThat(vm.primary().cursor()).isEqualTo(45);
        assertThat(stateCell(robot, "role", 1)).isEqualTo("LEADER");
        assertThat(stateCell(robot, "role", 2)).isEqualTo("CANDIDATE");
        assertThat(stateCell(robot, "votesReceived", 1)).isEqualTo("[n2, n3]");
        assertThat(texts(robot, "#statePanel .table-cell.changed")).contains("LEADER", "[n2, n3]");
        robot.type(KeyCode.LEFT);
        assertThat(vm.primary().cursor()).isEqualTo(44);
        assertThat(stateCell(robot, "role", 1)).isEqualTo("CANDIDATE"); // exactly the earlier state
        assertThat(robot.lookup("#statusBar").queryAs(Label.class).getText()).contains("event #44 of 54", "step 10");
        // the table follows the cursor
        TableView<?> table = robot.lookup("#eventTable").queryAs(TableView.class);
        assertThat(table.getSelectionModel().getSelectedIndex()).isEqualTo(44);
        robot.type(KeyCode.HOME);
        assertThat(vm.primary().cursor()).isZero();
        robot.type(KeyCode.END);
        assertThat(vm.primary().cursor()).isEqualTo(53);
    }

    @Test
    void jumpsToTheViolationAndHighlightsItsCausalPast(FxRobot robot) {
        open(robot, splitBrain());
        robot.type(KeyCode.V);
        assertThat(vm.primary().cursor()).isEqualTo(53);
        assertThat(robot.lookup("#currentEvent").queryAs(Label.class).getText()).contains("INVARIANT_VIOLATED",
                "n2 and n3 both became leader");
        assertThat(stateCell(robot, "role", 1)).isEqualTo("LEADER");
        assertThat(stateCell(robot, "role", 2)).isEqualTo("LEADER");
        // a text the column may cut off is whole in the cell's tooltip; a short one has none
        List<TableCell<?, ?>> invariantCells = robot.lookup("#invariantPanel .table-cell").queryAll().stream()
                .<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n).filter(c -> c.getText() != null).toList();
        assertThat(invariantCells).filteredOn(c -> c.getText().contains("both became leader"))
                .singleElement().satisfies(c -> assertThat(c.getTooltip().getText()).isEqualTo(c.getText()));
        assertThat(invariantCells).filteredOn(c -> c.getText().length() < 16)
                .isNotEmpty().allSatisfy(c -> assertThat(c.getTooltip()).isNull());
        DiagramView d = robot.lookup("#diagram").queryAs(DiagramView.class);
        var frame = d.lastFrame();
        assertThat(frame.arrows()).filteredOn(a -> a.inCone()).extracting(a -> a.toOrdinal())
                .contains(39, 46) // vote 7 to n2, vote 6 to n3
                .doesNotContain(34); // n2's request to n1 (step 9) came after n1 voted for n3
        assertThat(robot.lookup("#eventTable .table-row-cell.in-cone").queryAll()).isNotEmpty();
        robot.type(KeyCode.ESCAPE);
        assertThat(vm.primary().coneProperty().get()).as("Escape clears the cone").isNull();
        assertThat(robot.lookup("#eventTable .table-row-cell.in-cone").queryAll().stream()
                .filter(n -> n.isVisible() && ((javafx.scene.control.TableRow<?>) n).getItem() != null)).isEmpty();
        robot.press(KeyCode.SHIFT).type(KeyCode.C).release(KeyCode.SHIFT);
        assertThat(vm.primary().coneProperty().get().origin()).isEqualTo(53);
        // clicking a mark in the diagram moves the cursor there
        var mark = d.lastFrame().marks().stream().filter(m -> m.ordinal() == 0).findFirst().orElseThrow();
        robot.interact(() -> vm.primary().clickDiagram(mark.x(), mark.y()));
        assertThat(vm.primary().cursor()).isZero();
        robot.clickOn(d.canvas(), javafx.scene.input.MouseButton.PRIMARY);
    }

    @Test
    void filtersTheTableByNodeKindAndText(FxRobot robot) {
        open(robot, splitBrain());
        @SuppressWarnings("unchecked")
        TableView<Integer> table = robot.lookup("#eventTable").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(54);
        @SuppressWarnings("unchecked")
        ComboBox<String> kind = robot.lookup("#kindFilter").queryAs(ComboBox.class);
        robot.interact(() -> kind.getSelectionModel().select(TraceEventKind.LOG.name()));
        awaitFilter();
        assertThat(table.getItems()).hasSize(2);
        @SuppressWarnings("unchecked")
        ComboBox<String> node = robot.lookup("#nodeFilter").queryAs(ComboBox.class);
        robot.interact(() -> node.getSelectionModel().select("n3"));
        awaitFilter();
        assertThat(table.getItems()).containsExactly(47);
        robot.interact(() -> {
            kind.getSelectionModel().select(EventTable.RUN_EVENTS);
            node.getSelectionModel().select(0);
        });
        awaitFilter();
        // the split-brain has a snapshot after each of its 11 steps, and nothing else that is not digested
        assertThat(table.getItems()).hasSize(54 - 11)
                .allSatisfy(o -> assertThat(vm.primary().trace().kind(o)).isNotEqualTo(TraceEventKind.STATE_SNAPSHOT));
        robot.interact(() -> kind.getSelectionModel().select(0));
        awaitFilter();
        assertThat(table.getItems()).hasSize(54);
        robot.clickOn("#search").write("heartbeat");
        awaitFilter();
        assertThat(table.getItems()).hasSize(4);
        // typing in the search field does not trigger single-key shortcuts
        int before = vm.primary().cursor();
        robot.write("v");
        awaitFilter();
        assertThat(vm.primary().cursor()).isEqualTo(before);
        assertThat(table.getItems()).isEmpty();
    }

    @Test
    void diffModeShowsBothTracesTheFirstDivergenceAndTheSummary(FxRobot robot) {
        Path a = splitBrain();
        Path b = TestTraces.writeSplitBrainVariant(dir.resolve("variant.trace"));
        open(robot, a);
        robot.interact(() -> vm.drop(List.of(b)));
        settle();
        assertThat(robot.lookup("#diagramB").tryQuery()).isPresent();
        assertThat(robot.lookup("#diffSummary").queryAs(TextArea.class).getText()).contains("The traces differ",
                "First divergence", "digested event #");
        assertThat(vm.primary().cursor()).isEqualTo(40);
        assertThat(vm.secondary().cursor()).isEqualTo(40);
        assertThat(robot.lookup("#diagram").queryAs(DiagramView.class).lastFrame().rules())
                .anyMatch(r -> r.kind() == dev.seedloop.viewer.model.DiagramFrame.RuleKind.DIVERGENCE);
        robot.type(KeyCode.LEFT);
        assertThat(vm.secondary().cursor()).isEqualTo(39);
        assertThat(robot.lookup("#statusBar").queryAs(Label.class).getText()).contains("A: ", "B: ");
        robot.clickOn("#toDivergence");
        assertThat(vm.secondary().cursor()).isEqualTo(40);
    }

    @Test
    void aTraceLongerThanTheTablesWindowSelectsTheCursorRowAnywhere(FxRobot robot) {
        Path big = dir.resolve("big-" + System.nanoTime() + ".trace");
        TestTraces.writeSynthetic(big, RowWindow.WINDOW + 15_000, 3, 2, true);
        open(robot, big);
        @SuppressWarnings("unchecked")
        TableView<Integer> table = robot.lookup("#eventTable").queryAs(TableView.class);
        int events = vm.primary().trace().size();
        assertThat(table.getItems()).as("a window, not every row").hasSize(RowWindow.WINDOW);

        for (int target : new int[] {events - 1, events / 2, 3, RowWindow.WINDOW + 100}) {
            robot.interact(() -> vm.primary().moveTo(target));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(table.getSelectionModel().getSelectedItem()).as("event %d", target).isEqualTo(target);
            var flow = (javafx.scene.control.skin.VirtualFlow<?>) table.lookup(".virtual-flow");
            int first = flow.getFirstVisibleCell().getIndex();
            int last = flow.getLastVisibleCell().getIndex();
            assertThat(table.getSelectionModel().getSelectedIndex()).as("event %d on screen", target)
                    .isBetween(first, last);
        }
        // choosing a row moves the cursor to that row's event
        robot.interact(() -> table.getSelectionModel().clearAndSelect(10));
        assertThat(vm.primary().cursor()).isEqualTo(table.getItems().get(10));

        // scrolling to the window's bottom edge moves the window on, with the same events on screen
        EventTable eventTable = robot.lookup(".event-table").queryAs(EventTable.class);
        int[] before = new int[1];
        robot.interact(() -> {
            table.scrollTo(RowWindow.WINDOW - 30);
            table.layout();
            var flow = (javafx.scene.control.skin.VirtualFlow<?>) table.lookup(".virtual-flow");
            before[0] = table.getItems().get(flow.getFirstVisibleCell().getIndex());
            eventTable.followScrolling();
        });
        WaitForAsyncUtils.waitForFxEvents();
        var flow = (javafx.scene.control.skin.VirtualFlow<?>) table.lookup(".virtual-flow");
        assertThat(table.getItems().get(0)).as("the window moved down").isPositive();
        assertThat(table.getItems().get(flow.getFirstVisibleCell().getIndex())).isEqualTo(before[0]);
    }

    /** Lays the window out now, as the next pulse would. */
    private void layout(FxRobot robot) {
        robot.interact(() -> {
            view.applyCss();
            view.layout();
        });
    }

    /** The row (of all rows) at the top of the event table. */
    private int topRow(TableView<Integer> table) {
        var flow = (javafx.scene.control.skin.VirtualFlow<?>) table.lookup(".virtual-flow");
        return vm.primary().rows().rowOf(table.getItems().get(flow.getFirstVisibleCell().getIndex()));
    }

    private record HugeTrace(TableView<Integer> table, ScrollBar bar) {}

    /** Opens a synthetic trace of five row windows (events drawn from {@code seed}), laid out. */
    private HugeTrace openHugeTrace(FxRobot robot, long seed) {
        Path big = dir.resolve("huge-" + System.nanoTime() + ".trace");
        TestTraces.writeSynthetic(big, 5 * RowWindow.WINDOW, 3, seed, true);
        open(robot, big);
        layout(robot);
        @SuppressWarnings("unchecked")
        TableView<Integer> table = robot.lookup("#eventTable").queryAs(TableView.class);
        return new HugeTrace(table, robot.lookup("#traceScrollBar").queryAs(ScrollBar.class));
    }

    /** The table's own vertical scroll bar. */
    private static ScrollBar ownBar(TableView<Integer> table) {
        var flow = (javafx.scene.control.skin.VirtualFlow<?>) table.lookup(".virtual-flow");
        return flow.getChildrenUnmodifiable().stream().filter(n -> n instanceof ScrollBar sb
                && sb.getOrientation() == javafx.geometry.Orientation.VERTICAL).map(n -> (ScrollBar) n)
                .findFirst().orElseThrow();
    }

    @Test
    void aTraceLongerThanTheWindowHasAScrollBarOverAllItsRowsThatScrollsWithoutMovingTheCursor(FxRobot robot) {
        HugeTrace huge = openHugeTrace(robot, 3);
        TableView<Integer> table = huge.table();
        ScrollBar bar = huge.bar();
        int rows = vm.primary().rows().size();
        assertThat(rows).isGreaterThan(RowWindow.WINDOW);
        assertThat(bar.isVisible()).isTrue();
        assertThat(bar.getWidth()).as("laid out beside the table").isPositive();
        assertThat(ownBar(table).getWidth()).as("the table's own bar, over the window only, is hidden").isZero();
        Node rowsArea = table.lookup(".virtual-flow");
        assertThat(bar.localToScene(bar.getLayoutBounds()).getMinY()).as("below the column headers, beside the rows")
                .isCloseTo(rowsArea.localToScene(rowsArea.getLayoutBounds()).getMinY(), org.assertj.core.data.Offset.offset(1.0));
        int onScreen = (int) bar.getVisibleAmount();
        assertThat(onScreen).as("rows on screen").isBetween(10, 60);
        assertThat(bar.getMax()).as("every row can reach the top but the last screen").isEqualTo(rows - onScreen);
        assertThat(bar.getValue()).isZero();

        // the bar set to the middle: rows from the middle of the trace on screen, the cursor where it was
        int cursor = vm.primary().cursor();
        robot.interact(() -> bar.setValue(rows / 2));
        layout(robot);
        assertThat(topRow(table)).isEqualTo(rows / 2);
        assertThat(table.getItems().getFirst()).as("the window moved there").isGreaterThan(RowWindow.WINDOW);
        assertThat(vm.primary().cursor()).as("scrolling is not selecting").isEqualTo(cursor);
        assertThat(bar.getValue()).isEqualTo(rows / 2);

        // A click on the track below the thumb pages down, on the lower arrow one row. (The thumb itself
        // cannot be dragged here: the headless platform's robot delivers the press as synthesized, which
        // ScrollBarSkin ignores; a drag ends in the same setValue as above, via ScrollBarBehavior.thumbDragged.)
        Node track = bar.lookup(".track");
        javafx.geometry.Bounds t = track.localToScreen(track.getBoundsInLocal());
        robot.clickOn(new javafx.geometry.Point2D(t.getCenterX(), t.getMaxY() - 3));
        layout(robot);
        assertThat(topRow(table)).as("a page down").isEqualTo(rows / 2 + onScreen);
        assertThat(bar.getValue()).isEqualTo(topRow(table));
        robot.clickOn(bar.lookup(".increment-arrow"));
        layout(robot);
        assertThat(topRow(table)).as("a row down").isEqualTo(rows / 2 + onScreen + 1);
        assertThat(vm.primary().cursor()).isEqualTo(cursor);

        // the wheel over the table moves the bar with it
        int before = topRow(table);
        robot.moveTo(table).scroll(5, javafx.geometry.VerticalDirection.DOWN);
        layout(robot);
        assertThat(topRow(table)).isGreaterThan(before);
        assertThat(bar.getValue()).isEqualTo(topRow(table));

        // the cursor stepped far (the last event, then one a quarter in): the bar follows to its row
        robot.interact(() -> vm.primary().moveTo(vm.primary().trace().size() - 1));
        layout(robot);
        assertThat(bar.getValue()).as("at the end").isEqualTo(bar.getMax());
        assertThat(table.getSelectionModel().getSelectedItem()).isEqualTo(vm.primary().trace().size() - 1);
        int quarter = vm.primary().trace().size() / 4;
        robot.interact(() -> vm.primary().moveTo(quarter));
        layout(robot);
        assertThat(bar.getValue()).isBetween((double) quarter - onScreen, (double) quarter);
        assertThat(table.getSelectionModel().getSelectedItem()).isEqualTo(quarter);
    }

    @Test
    void aFilterChangesTheWholeTraceBarsRangeAndHidesItWhenTheRowsFitTheWindow(FxRobot robot) {
        HugeTrace huge = openHugeTrace(robot, 4);
        TableView<Integer> table = huge.table();
        ScrollBar bar = huge.bar();
        int all = vm.primary().rows().size();
        assertThat(bar.getMax()).isEqualTo(all - bar.getVisibleAmount());

        @SuppressWarnings("unchecked")
        ComboBox<String> kind = robot.lookup("#kindFilter").queryAs(ComboBox.class);
        robot.interact(() -> kind.getSelectionModel().select(EventTable.RUN_EVENTS));
        awaitFilter();
        layout(robot);
        int runEvents = vm.primary().rows().size();
        assertThat(runEvents).isBetween(RowWindow.WINDOW + 1, all - 1);
        assertThat(bar.isVisible()).isTrue();
        assertThat(bar.getMax()).as("the filtered rows' range").isEqualTo(runEvents - bar.getVisibleAmount());

        robot.interact(() -> kind.getSelectionModel().select(TraceEventKind.LOG.name()));
        awaitFilter();
        layout(robot);
        int sends = vm.primary().rows().size();
        assertThat(sends).isBetween(1, RowWindow.WINDOW);
        assertThat(bar.isVisible()).as("the rows fit the window").isFalse();
        assertThat(bar.isManaged()).isFalse();
        assertThat(ownBar(table).getWidth()).as("the table's own bar is back").isPositive();
    }

    @Test
    void aTraceThatFitsTheWindowHasOnlyTheTablesOwnScrollBar(FxRobot robot) {
        Path fits = dir.resolve("fits-" + System.nanoTime() + ".trace");
        TestTraces.writeSynthetic(fits, RowWindow.WINDOW - 10, 3, 5, true);
        open(robot, fits);
        layout(robot);
        @SuppressWarnings("unchecked")
        TableView<Integer> table = robot.lookup("#eventTable").queryAs(TableView.class);
        assertThat(table.getItems()).as("every row in the table").hasSize(vm.primary().rows().size());
        ScrollBar bar = robot.lookup("#traceScrollBar").queryAs(ScrollBar.class);
        assertThat(bar.isVisible()).isFalse();
        assertThat(bar.isManaged()).isFalse();
        assertThat(ownBar(table).isVisible()).isTrue();
        assertThat(ownBar(table).getWidth()).isPositive();
        assertThat(ownBar(table).getOpacity()).isEqualTo(1.0);

        open(robot, splitBrain());
        layout(robot);
        assertThat(robot.lookup("#traceScrollBar").queryAs(ScrollBar.class).isVisible()).as("the split-brain's 54 rows")
                .isFalse();
    }

    @Test
    void inDiffModeEachTableShowsItsCursorRowWhole(FxRobot robot) {
        open(robot, splitBrain());
        robot.interact(() -> vm.drop(List.of(TestTraces.writeSplitBrainVariant(dir.resolve("variant2.trace")))));
        settle();
        for (TracePane tp : List.of(view.paneA(), view.paneB())) {
            String pane = tp == view.paneA() ? "A" : "B";
            TableView<Integer> table = tp.table().table();
            int selected = table.getSelectionModel().getSelectedIndex();
            assertThat(selected).as(pane).isEqualTo(40);
            var flow = (javafx.scene.control.skin.VirtualFlow<?>) table.lookup(".virtual-flow");
            var cell = flow.getVisibleCell(selected);
            assertThat(cell).as(pane + ": the cursor row is laid out").isNotNull();
            double bottom = flow.getHeight();
            for (Node n : flow.lookupAll(".scroll-bar")) {
                if (n instanceof javafx.scene.control.ScrollBar sb && sb.getParent() == flow && sb.isVisible()
                        && sb.getOrientation() == javafx.geometry.Orientation.HORIZONTAL) {
                    bottom -= sb.getHeight();
                }
            }
            assertThat(cell.getLayoutY()).as(pane).isGreaterThanOrEqualTo(-0.5);
            assertThat(cell.getLayoutY() + cell.getHeight()).as(pane + ": not under the bottom edge")
                    .isLessThanOrEqualTo(bottom + 0.5);
        }
    }

    @Test
    void aWindowOpenedWithStepViolationOpensAtTheViolation(FxRobot robot) {
        CommandLine cl = CommandLine.parse(splitBrain().toString(), "--step", "violation");
        assertThat(cl.errors()).isEmpty();
        robot.interact(() -> vm.openAll(cl.traces(), cl.target().orElse(null), why -> { }));
        settle();
        assertThat(vm.primary().cursor()).isEqualTo(53);
        assertThat(robot.lookup("#currentEvent").queryAs(Label.class).getText()).contains("INVARIANT_VIOLATED");
        assertThat(vm.primary().coneProperty().get().origin()).isEqualTo(53);
        assertThat(robot.lookup("#eventTable").queryAs(TableView.class).getSelectionModel().getSelectedIndex())
                .isEqualTo(53);
    }

    @Test
    void aDamagedTraceSaysWhatWasLostAndANonTraceSaysSo(FxRobot robot) throws Exception {
        byte[] bytes = Files.readAllBytes(splitBrain());
        Path cut = dir.resolve("cut.trace");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        open(robot, cut);
        Label damage = robot.lookup("#damageBanner").queryAs(Label.class);
        assertThat(damage.isVisible()).isTrue();
        assertThat(damage.getText()).contains("damaged", "truncated at offset", "events before the damage");
        // the whole message shows, wrapped, not cut off with an ellipsis at the window's edge
        assertThat(damage.getText().length()).as("a message longer than a line").isGreaterThan(150);
        assertThat(((javafx.scene.text.Text) damage.lookup(".text")).getText()).isEqualTo(damage.getText());
        Path txt = dir.resolve("readme.txt");
        Files.writeString(txt, "just text");
        robot.interact(() -> vm.open(txt));
        settle();
        Label error = robot.lookup("#errorBanner").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).contains("not a seedloop trace");
        assertThat(vm.primary().trace().fileName()).isEqualTo("cut.trace"); // the open trace stays
        robot.clickOn("Dismiss");
        assertThat(robot.lookup("#errorBanner").queryAs(Label.class).getText()).isEmpty();
    }

    @Test
    void aTraceDamagedBeforeItsFirstEventSaysSoWhereEventsAndInvariantsWouldBe(FxRobot robot) {
        open(robot, TestTraces.writeHeaderOnly(dir.resolve("header-only.trace")));
        String expected = "No events could be read: the trace is damaged at offset "
                + vm.primary().trace().damage().orElseThrow().offset() + ".";
        TableView<?> events = robot.lookup("#eventTable").queryAs(TableView.class);
        assertThat(((Label) events.getPlaceholder()).getText()).isEqualTo(expected);
        TableView<?> invariants = robot.lookup("#invariantPanel").queryAs(TableView.class);
        assertThat(((Label) invariants.getPlaceholder()).getText()).isEqualTo(expected);
    }

    @Test
    void helpListsEveryShortcut(FxRobot robot) {
        open(robot, splitBrain());
        robot.type(KeyCode.F1);
        Node help = robot.lookup("#helpPanel").query();
        assertThat(help.isVisible()).isTrue();
        Set<String> labels = robot.lookup("#helpPanel .label").queryAll().stream().map(n -> ((Label) n).getText())
                .collect(Collectors.toSet());
        for (var a : dev.seedloop.viewer.model.ViewerAction.values()) {
            assertThat(labels).contains(a.shortcutText(), a.description());
        }
    }

    @Test
    void rendersTheWindowAtTheViolationToAPng(FxRobot robot) throws Exception {
        Path out = dir.resolve("render.png");
        String msg = HeadlessRenderer.render(CommandLine.parse(splitBrain().toString(), "--render", out.toString(),
                "--step", "violation", "--width", "1000", "--height", "700")).summary();
        assertThat(msg).contains("the violation", "event #53");
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(1000);
        assertThat(img.getHeight()).isEqualTo(700);
        long distinct = java.util.stream.IntStream.range(0, 200).map(i -> img.getRGB(i * 5 % 1000, 150 + i % 300))
                .distinct().count();
        assertThat(distinct).isGreaterThan(3);
        var failure = org.assertj.core.api.Assertions.catchThrowable(() -> HeadlessRenderer.render(CommandLine.parse(
                synthetic().toString(), "--render", out.toString(), "--step", "violation")));
        assertThat(failure).hasMessageContaining("has no violation");
        TraceViewModel none = vm.primary();
        assertThat(none).as("rendering does not touch the open window").isNull();
    }

    @Test
    void aRenderOfTwoTracesWithoutAStepShowsTheFirstDivergenceAsTheWindowDoes() throws Exception {
        Path out = dir.resolve("diff.png");
        Path a = splitBrain();
        Path b = TestTraces.writeSplitBrainVariant(dir.resolve("variant-render.trace"));

        String diff = HeadlessRenderer.render(CommandLine.parse(a.toString(), b.toString(), "--render", out.toString()))
                .summary();
        String single = HeadlessRenderer.render(CommandLine.parse(a.toString(), "--render", out.toString())).summary();
        String pinned = HeadlessRenderer.render(CommandLine.parse(a.toString(), b.toString(), "--render",
                out.toString(), "--step", "end")).summary();

        // event 40 is where the two traces part (diffModeShowsBothTracesTheFirstDivergenceAndTheSummary)
        assertThat(diff).contains("at the first divergence (event #40,");
        assertThat(single).contains("at the start (event #0,");
        assertThat(pinned).contains("at the end (");
    }

    @Test
    void aRenderOfADamagedTraceWarnsWhatWasLost() throws Exception {
        byte[] bytes = Files.readAllBytes(splitBrain());
        Path cut = Files.write(dir.resolve("cut-render.trace"), Arrays.copyOf(bytes, bytes.length / 2));
        Path out = dir.resolve("cut-render.png");
        HeadlessRenderer.Rendering r = HeadlessRenderer.render(CommandLine.parse(cut.toString(), "--render",
                out.toString(), "--step", "end"));
        assertThat(r.summary()).startsWith("rendered cut-render.trace at the end");
        assertThat(r.warnings()).singleElement().asString().startsWith("cut-render.trace is damaged: truncated at "
                + "offset ").contains("events before the damage");
        assertThat(ImageIO.read(out.toFile()).getWidth()).isEqualTo(1400);
        String whole = splitBrain().toString();
        assertThat(HeadlessRenderer.render(CommandLine.parse(whole, "--render", out.toString())).warnings()).isEmpty();
    }

    @Test
    void aRenderNeverDestroysWhatIsAtItsPath() throws Exception {
        Path trace = splitBrain();
        byte[] traceBytes = Files.readAllBytes(trace);
        Path pngs = Files.createDirectory(dir.resolve("pngs"));
        assertThat(catchRender(trace.toString(), "--render", pngs.toString())).hasMessageContaining(
                "that is a directory");
        assertThat(catchRender(trace.toString(), "--render", trace.toString())).hasMessageContaining(
                "that is the trace being rendered");
        assertThat(pngs).isDirectory();
        assertThat(trace).hasBinaryContent(traceBytes);

        Path missing = dir.resolve("not-yet/out.png");
        assertThat(catchRender(trace.toString(), "--render", missing.toString())).hasMessage("cannot write " + missing
                + ": no such directory " + missing.getParent() + "; create it first or choose another path");
        assertThat(missing.getParent()).doesNotExist();

        // an earlier rendering is replaced whole, and nothing else is left in its directory
        Path old = Files.writeString(pngs.resolve("old.png"), "an earlier rendering");
        HeadlessRenderer.render(CommandLine.parse(trace.toString(), "--render", old.toString()));
        assertThat(ImageIO.read(old.toFile()).getWidth()).isEqualTo(1400);
        try (var files = Files.list(pngs)) {
            assertThat(files).containsExactly(old);
        }
    }

    private static Throwable catchRender(String... args) {
        return org.assertj.core.api.Assertions.catchThrowable(() -> HeadlessRenderer.render(CommandLine.parse(args)));
    }

    private static Path synthetic() {
        Path p = dir.resolve("synthetic-" + System.nanoTime() + ".trace");
        TestTraces.writeSynthetic(p, 500, 3, 1, true);
        return p;
    }
}

package dev.seedloop.viewer.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.viewer.TestTraces;
import dev.seedloop.viewer.model.AxisMode;
import dev.seedloop.viewer.model.DiagramLayout;
import dev.seedloop.viewer.model.LoadedTrace;
import dev.seedloop.viewer.model.RecentFiles;
import dev.seedloop.viewer.model.TraceSession;
import dev.seedloop.viewer.model.ViewerAction;
import dev.seedloop.viewer.model.Viewport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ViewModels on a plain thread: no JavaFX toolkit is started here. */
class ViewModelTests {
    @TempDir
    Path dir;

    static final class ManualTicker implements Ticker {
        Runnable tick;
        Duration period;

        @Override
        public void start(Duration p, Runnable t) {
            period = p;
            tick = t;
        }

        @Override
        public void stop() {
            tick = null;
        }
    }

    private final ManualTicker ticker = new ManualTicker();

    private MainViewModel main() {
        return new MainViewModel(Async.DIRECT, ticker, new RecentFiles(dir.resolve("recent.txt")));
    }

    private static String cell(TraceViewModel vm, String field, int node) {
        return vm.stateRows().stream().filter(r -> r.field().equals(field)).findFirst().orElseThrow().values().get(node);
    }

    private static boolean changed(TraceViewModel vm, String field, int node) {
        return vm.stateRows().stream().filter(r -> r.field().equals(field)).findFirst().orElseThrow().changed().get(node);
    }

    @Test
    void theInvariantRowsCountTheChecksOfAFullTraceAndSayWhenATraceDoesNotRecordThem() {
        MainViewModel full = main();
        full.open(TestTraces.writeInvariantChecks(dir.resolve("full.trace"), dev.seedloop.trace.TraceLevel.FULL));
        assertThat(full.primary().invariants()).extracting(InvariantRow::name, InvariantRow::checksText,
                InvariantRow::outcome).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("steady", "2", "held"),
                        org.assertj.core.groups.Tuple.tuple("fails-at-2", "2", "VIOLATED at step 2"));

        // a liveness failure: violated in a FULL trace, which records no checks of eventually-properties
        MainViewModel liveness = main();
        liveness.open(TestTraces.writeLivenessViolation(dir.resolve("liveness.trace")));
        assertThat(liveness.primary().invariants()).extracting(InvariantRow::name, InvariantRow::checksText,
                InvariantRow::outcome).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("steady", "1", "held"),
                        org.assertj.core.groups.Tuple.tuple("a-leader-eventually", "not recorded", "VIOLATED at step 2"),
                        org.assertj.core.groups.Tuple.tuple("a-node-starts", "not recorded", "held at step 1"));
        InvariantRow held = liveness.primary().invariants().getLast();
        assertThat(held.evidence()).isEqualTo("0ns after it was stated (within 5ms)");
        assertThat(liveness.primary().trace().event(held.ordinal())).isInstanceOf(TraceEvent.LivenessHeld.class);

        MainViewModel events = main();
        events.open(TestTraces.writeInvariantChecks(dir.resolve("events.trace"), dev.seedloop.trace.TraceLevel.EVENTS));
        assertThat(events.primary().invariants()).extracting(InvariantRow::name, InvariantRow::checksText,
                InvariantRow::outcome).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("fails-at-2", "not recorded", "VIOLATED at step 2"));
    }

    @Test
    void steppingUpdatesStateRowsBothWays() {
        MainViewModel m = main();
        m.open(TestTraces.writeSplitBrain(dir.resolve("sb.trace")));
        TraceViewModel vm = m.primary();
        assertThat(vm.cursor()).isZero();
        assertThat(vm.statusProperty().get()).contains("RaftElection.buggy()", "seed 13", "event #0 of 54", "step 1",
                "FAILED");
        vm.moveTo(52);
        assertThat(cell(vm, "role", 2)).isEqualTo("LEADER");
        assertThat(changed(vm, "role", 2)).isTrue();
        m.perform(ViewerAction.STEP_BACK);
        m.perform(ViewerAction.STEP_BACK);
        m.perform(ViewerAction.STEP_BACK);
        m.perform(ViewerAction.STEP_BACK);
        m.perform(ViewerAction.STEP_BACK);
        m.perform(ViewerAction.STEP_BACK);
        m.perform(ViewerAction.STEP_BACK); // 45: n2's snapshot of step 10
        assertThat(vm.cursor()).isEqualTo(45);
        assertThat(cell(vm, "role", 2)).isEqualTo("CANDIDATE");
        assertThat(cell(vm, "role", 1)).isEqualTo("LEADER");
        assertThat(changed(vm, "role", 1)).isTrue();
        m.perform(ViewerAction.STEP_FORWARD);
        assertThat(vm.cursor()).isEqualTo(46);
        assertThat(changed(vm, "role", 1)).isFalse();
        assertThat(cell(vm, "· status", 0)).isEqualTo("up");
        m.perform(ViewerAction.TO_START);
        assertThat(vm.stateRows()).noneMatch(r -> r.field().equals("role")); // no snapshot yet
        m.perform(ViewerAction.TO_END);
        assertThat(vm.cursor()).isEqualTo(53);
    }

    @Test
    void jumpsToTheViolationWithItsCausalPastAndNavigates() {
        MainViewModel m = main();
        m.open(TestTraces.writeSplitBrain(dir.resolve("sb.trace")));
        TraceViewModel vm = m.primary();
        assertThat(vm.coneProperty().get()).as("the violation's past is shown from the start").isNotNull();
        m.perform(ViewerAction.CLEAR_CAUSAL);
        assertThat(vm.coneProperty().get()).isNull();
        m.perform(ViewerAction.VIOLATION);
        assertThat(vm.cursor()).isEqualTo(53);
        assertThat(vm.coneProperty().get().origin()).isEqualTo(53);
        assertThat(vm.inCone(39)).isTrue(); // vote 7 delivered to n2
        assertThat(vm.inCone(35)).isFalse(); // n1's later vote 8 for n2, which elected nobody
        assertThat(vm.eventTextProperty().get()).contains("INVARIANT_VIOLATED");
        vm.navNodeProperty().set(0);
        m.perform(ViewerAction.PREVIOUS_OF_NODE);
        assertThat(vm.cursor()).isEqualTo(38); // n1's last event: its snapshot of step 9
        vm.navKindProperty().set(TraceEventKind.LOG);
        m.perform(ViewerAction.PREVIOUS_OF_KIND);
        assertThat(vm.cursor()).isEqualTo(38);
        assertThat(vm.noticeProperty().get()).contains("No earlier LOG event");
        m.perform(ViewerAction.NEXT_OF_KIND);
        assertThat(vm.cursor()).isEqualTo(40);
        m.perform(ViewerAction.NEXT_OF_KIND);
        assertThat(vm.cursor()).isEqualTo(47);
        m.perform(ViewerAction.NEXT_OF_KIND);
        assertThat(vm.cursor()).isEqualTo(47);
        assertThat(vm.noticeProperty().get()).contains("No later LOG event");
        m.perform(ViewerAction.CAUSAL_PAST);
        assertThat(vm.coneProperty().get().origin()).isEqualTo(47);
        m.perform(ViewerAction.PREVIOUS_STEP);
        assertThat(vm.cursor()).isEqualTo(45);
    }

    @Test
    void filtersReplaceTheRowsAndKeepTheCursorRow() {
        MainViewModel m = main();
        m.open(TestTraces.writeSplitBrain(dir.resolve("sb.trace")));
        TraceViewModel vm = m.primary();
        vm.moveTo(39);
        vm.filterKindProperty().set(TraceEventKind.MESSAGE_DELIVERED);
        assertThat(vm.rows()).hasSize(6);
        assertThat(vm.cursorRow()).isEqualTo(4);
        vm.filterNodeProperty().set(2);
        assertThat(vm.rows()).allMatch(o -> vm.trace().kind(o) == TraceEventKind.MESSAGE_DELIVERED);
        vm.filterKindProperty().set(null);
        vm.filterNodeProperty().set(-1);
        vm.searchProperty().set("heartbeat");
        assertThat(vm.rows()).hasSize(4);
        assertThat(vm.cursorRow()).isEqualTo(-1);
        assertThat(vm.nearestRow()).isZero();
    }

    @Test
    void theDiagramFollowsTheCursorAndZooms() throws Exception {
        Path p = dir.resolve("big.trace");
        TestTraces.writeSynthetic(p, 20_000, 5, 5, true);
        MainViewModel m = main();
        m.open(p);
        TraceViewModel vm = m.primary();
        vm.setDiagramSize(1200, 400);
        int version = vm.frameVersionProperty().get();
        m.perform(ViewerAction.TO_END);
        assertThat(vm.frameVersionProperty().get()).isGreaterThan(version);
        var f = vm.frame();
        assertThat(f.cursorX()).isBetween(0.0, 1200.0);
        double upp = vm.viewportProperty().get().unitsPerPixel();
        m.perform(ViewerAction.ZOOM_IN);
        assertThat(vm.viewportProperty().get().unitsPerPixel()).isEqualTo(upp / 2);
        m.perform(ViewerAction.AXIS);
        assertThat(vm.axisProperty().get()).isEqualTo(dev.seedloop.viewer.model.AxisMode.EVENTS);
        assertThat(vm.frame().cursorX()).isBetween(0.0, 1200.0);
        m.perform(ViewerAction.FIT);
        assertThat(vm.frame().thinned()).isTrue();
        int hit = vm.clickDiagram(f.marks().getFirst().x(), f.marks().getFirst().y());
        assertThat(hit).isGreaterThanOrEqualTo(-1);
    }

    @Test
    void playbackAdvancesOnTicksAndStopsAtTheEnd() {
        MainViewModel m = main();
        m.open(TestTraces.writeSplitBrain(dir.resolve("sb.trace")));
        m.speedIndexProperty().set(0);
        m.perform(ViewerAction.PLAY_PAUSE);
        assertThat(m.playingProperty().get()).isTrue();
        assertThat(ticker.period).isEqualTo(Duration.ofSeconds(1));
        ticker.tick.run();
        ticker.tick.run();
        assertThat(m.primary().cursor()).isEqualTo(2);
        m.perform(ViewerAction.FASTER);
        assertThat(m.speedTextProperty().get()).isEqualTo("2 events/s");
        m.perform(ViewerAction.PLAY_PAUSE);
        assertThat(m.playingProperty().get()).isFalse();
        m.speedIndexProperty().set(MainViewModel.SPEEDS.length - 1);
        m.perform(ViewerAction.PLAY_PAUSE);
        ticker.tick.run();
        assertThat(m.primary().atEnd()).isTrue();
        assertThat(m.playingProperty().get()).isFalse();
    }

    @Test
    void openingErrorsAreMessagesAndDamageIsReported() throws Exception {
        MainViewModel m = main();
        Path txt = dir.resolve("x.txt");
        Files.writeString(txt, "not a trace");
        m.open(txt);
        assertThat(m.primary()).isNull();
        assertThat(m.errorProperty().get()).contains("Cannot open", "not a seedloop trace");
        m.dismissError();
        assertThat(m.errorProperty().get()).isEmpty();
        Path whole = TestTraces.writeSplitBrain(dir.resolve("w.trace"));
        byte[] b = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.trace");
        Files.write(cut, Arrays.copyOf(b, b.length - 40));
        m.open(cut);
        assertThat(m.primary().damageProperty().get()).contains("damaged", "truncated at offset");
        assertThat(m.recent()).contains(cut.toAbsolutePath());
        assertThat(m.titleProperty().get()).contains("cut.trace");
    }

    @Test
    void aSecondTraceEntersDiffModeWithSynchronizedCursors() {
        MainViewModel m = main();
        Path a = TestTraces.writeSplitBrain(dir.resolve("a.trace"));
        Path b = TestTraces.writeSplitBrainVariant(dir.resolve("b.trace"));
        m.open(a);
        m.drop(List.of(b));
        assertThat(m.secondary()).isNotNull();
        assertThat(m.diffSummaryProperty().get()).contains("First divergence", "Outcome: A FAILED, B PASSED");
        assertThat(m.primary().cursor()).isEqualTo(40);
        assertThat(m.secondary().cursor()).isEqualTo(40);
        assertThat(m.primary().divergenceProperty().get()).isEqualTo(40);
        m.perform(ViewerAction.STEP_BACK);
        assertThat(m.secondary().cursor()).isEqualTo(39);
        m.secondary().moveTo(10);
        assertThat(m.primary().cursor()).isEqualTo(10);
        m.perform(ViewerAction.CLOSE_DIFF);
        assertThat(m.secondary()).isNull();
        m.openAll(List.of(a, b));
        assertThat(m.secondary()).isNotNull();
    }

    @Test
    void inDiffModeBothDiagramsShowTheSameWindowOfTheAxis() {
        MainViewModel m = main();
        m.open(TestTraces.writeSplitBrain(dir.resolve("a.trace")));
        Path longer = dir.resolve("longer.trace");
        TestTraces.writeSynthetic(longer, 400, 3, 7, true);
        m.drop(List.of(longer));
        TraceViewModel a = m.primary();
        TraceViewModel b = m.secondary();
        assertThat(b.axisRange()[1]).as("the second trace lasts longer").isGreaterThan(a.axisRange()[1]);
        assertThat(b.viewportProperty().get()).isEqualTo(a.viewportProperty().get());

        Viewport opened = a.viewportProperty().get();
        m.perform(ViewerAction.ZOOM_IN);
        assertThat(a.viewportProperty().get()).isNotEqualTo(opened);
        assertThat(b.viewportProperty().get()).isEqualTo(a.viewportProperty().get());
        b.pan(120);
        assertThat(a.viewportProperty().get()).isEqualTo(b.viewportProperty().get());

        m.perform(ViewerAction.FIT); // both traces, whole, in both diagrams
        Viewport fitted = a.viewportProperty().get();
        assertThat(b.viewportProperty().get()).isEqualTo(fitted);
        double plot = DiagramLayout.plotWidth(1000);
        assertThat(fitted.start()).isLessThanOrEqualTo(Math.min(a.axisRange()[0], b.axisRange()[0]));
        assertThat(fitted.end(plot)).isGreaterThanOrEqualTo(b.axisRange()[1]);

        m.perform(ViewerAction.AXIS);
        assertThat(a.viewportProperty().get().mode()).isEqualTo(AxisMode.EVENTS);
        assertThat(b.viewportProperty().get()).isEqualTo(a.viewportProperty().get());

        m.perform(ViewerAction.CLOSE_DIFF);
        Viewport leftBehind = b.viewportProperty().get();
        a.pan(300);
        assertThat(b.viewportProperty().get()).as("no longer linked").isEqualTo(leftBehind);
    }

    @Test
    void helpTogglesAndEveryNavigationActionIsHandled() {
        MainViewModel m = main();
        assertThat(m.perform(ViewerAction.STEP_FORWARD)).isFalse(); // nothing open
        m.perform(ViewerAction.HELP);
        assertThat(m.helpVisibleProperty().get()).isTrue();
        m.open(TestTraces.writeSplitBrain(dir.resolve("sb.trace")));
        for (ViewerAction a : ViewerAction.values()) {
            boolean viewOnly = a == ViewerAction.OPEN || a == ViewerAction.COMPARE || a == ViewerAction.SEARCH
                    || a == ViewerAction.QUIT;
            assertThat(m.perform(a)).as(a.name()).isEqualTo(!viewOnly);
        }
    }

    /** An Async like the application's: work on another thread, results queued for the "UI thread" (the test). */
    static final class QueuedAsync implements Async {
        final java.util.concurrent.LinkedBlockingQueue<Runnable> ui = new java.util.concurrent.LinkedBlockingQueue<>();
        final java.util.Set<String> workThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public void ui(Runnable action) {
            ui.add(action);
        }

        @Override
        public <T> void run(java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> done,
                java.util.function.Consumer<Exception> failed) {
            Thread t = new Thread(() -> {
                workThreads.add(Thread.currentThread().getName());
                try {
                    T r = work.call();
                    ui.add(() -> done.accept(r));
                } catch (Exception e) {
                    ui.add(() -> failed.accept(e));
                }
            }, "test-background");
            t.setDaemon(true);
            t.start();
        }

        /** Runs queued UI actions until {@code until} holds. */
        void drainUntil(java.util.function.BooleanSupplier until) throws InterruptedException {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!until.getAsBoolean()) {
                Runnable r = ui.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (r != null) {
                    r.run();
                }
                assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            }
        }
    }

    @Test
    void theTextSearchRunsOffTheUiThreadAndOnlyTheLatestSearchIsShown() throws Exception {
        QueuedAsync async = new QueuedAsync();
        var session = new dev.seedloop.viewer.model.TraceSession(dev.seedloop.viewer.model.LoadedTrace.load(
                TestTraces.writeSplitBrain(dir.resolve("sb.trace"))));
        TraceViewModel vm = new TraceViewModel(session, async);
        assertThat(vm.rows().size()).isEqualTo(54);
        vm.searchProperty().set("heart");
        vm.searchProperty().set("heartbeat id=9");
        // nothing has reached the UI thread yet: the table still shows every event, marked as searching
        assertThat(vm.rows().size()).isEqualTo(54);
        assertThat(vm.filteringProperty().get()).isTrue();
        async.drainUntil(() -> !vm.filteringProperty().get());
        assertThat(async.workThreads).containsOnly("test-background");
        int found = vm.rows().size();
        assertThat(found).isBetween(1, 3);
        for (int r = 0; r < found; r++) {
            assertThat(vm.describe(vm.rows().ordinal(r))).contains("Heartbeat id=9");
        }
        // the first search's result, if it arrives late, is dropped
        Thread.sleep(100);
        while (!async.ui.isEmpty()) {
            async.ui.poll().run();
        }
        assertThat(vm.rows().size()).isEqualTo(found);
        vm.searchProperty().set("");
        assertThat(vm.rows().size()).as("clearing is immediate").isEqualTo(54);
        assertThat(vm.filteringProperty().get()).isFalse();
    }

    @Test
    void aLargeTraceShowsAPreviewOfItsFirstEventsThenTheWholeTraceKeepingTheCursor() throws Exception {
        Path big = dir.resolve("big.trace");
        TestTraces.writeSynthetic(big, 60_000, 4, 5, true);
        QueuedAsync async = new QueuedAsync();
        MainViewModel m = new MainViewModel(async, ticker, new RecentFiles(dir.resolve("recent.txt")));
        m.open(big);
        async.drainUntil(() -> m.primary() != null);
        TraceViewModel preview = m.primary();
        assertThat(m.previewingProperty().get()).isTrue();
        assertThat(preview.trace().complete()).isFalse();
        assertThat(preview.trace().size()).isEqualTo(dev.seedloop.viewer.model.TraceLoader.PREVIEW_EVENTS);
        assertThat(preview.statusProperty().get()).contains("still reading");
        preview.moveTo(1234);
        async.drainUntil(() -> !m.loadingProperty().get());
        TraceViewModel whole = m.primary();
        assertThat(whole).isNotSameAs(preview);
        assertThat(m.previewingProperty().get()).isFalse();
        assertThat(whole.trace().complete()).isTrue();
        assertThat(whole.trace().size()).isGreaterThanOrEqualTo(60_000);
        assertThat(whole.cursor()).as("where the user went in the preview").isEqualTo(1234);
        // the preview's index and state agree with the whole trace's on the events they share
        for (int o : new int[] {0, 777, 1234, 19_999}) {
            assertThat(preview.session().states().nodesAt(o)).isEqualTo(whole.session().states().nodesAt(o));
            assertThat(preview.trace().sendOf(o)).isEqualTo(whole.trace().sendOf(o));
        }
    }

    @Test
    void openingAtATargetPutsTheCursorThereOnceTheTraceIsRead() {
        MainViewModel m = main();
        List<String> problems = new java.util.ArrayList<>();
        m.openAll(List.of(TestTraces.writeSplitBrain(dir.resolve("sb.trace"))), "violation", problems::add);
        assertThat(m.primary().cursor()).isEqualTo(53);
        assertThat(m.primary().coneProperty().get().origin()).isEqualTo(53);
        m.openAll(List.of(TestTraces.writeSplitBrain(dir.resolve("sb2.trace"))), "step:10", problems::add);
        assertThat(m.primary().trace().step(m.primary().cursor())).isEqualTo(10);
        assertThat(m.primary().trace().step(m.primary().cursor() + 1)).isEqualTo(11);
        assertThat(problems).isEmpty();
        m.openAll(List.of(TestTraces.writeSplitBrain(dir.resolve("sb3.trace"))), "event:999", problems::add);
        assertThat(problems).singleElement().asString().contains("only 54 events");
        assertThat(m.errorProperty().get()).contains("only 54 events");
    }

    @Test
    void aStepAfterTheLastIsAnErrorAsAnEventAfterTheLastIs() throws Exception {
        TraceViewModel whole = new TraceViewModel(new TraceSession(LoadedTrace.load(
                TestTraces.writeSplitBrain(dir.resolve("sb.trace")))));
        assertThat(whole.goTo("step:11")).isNull();
        assertThat(whole.cursor()).isEqualTo(53);
        whole.goTo("start");
        assertThat(whole.goTo("step:99999")).isEqualTo("--step 99999: the trace ends at step 11");
        assertThat(whole.cursor()).as("the cursor stays where it was").isEqualTo(0);

        TraceViewModel cut = new TraceViewModel(new TraceSession(LoadedTrace.load(cutSplitBrain(2))));
        long last = cut.trace().step(cut.trace().size() - 1);
        assertThat(cut.goTo("step:99999")).isEqualTo("--step 99999: the readable part ends at step " + last);
        assertThat(cut.goTo("event:999")).isEqualTo("--event 999: the readable part has only " + cut.trace().size()
                + " events");
        TraceViewModel none = new TraceViewModel(new TraceSession(LoadedTrace.load(
                TestTraces.writeHeaderOnly(dir.resolve("header-only.trace")))));
        long offset = none.trace().damage().orElseThrow().offset();
        assertThat(none.goTo("step:3")).isEqualTo("--step 3: no events could be read before the damage at offset "
                + offset);
    }

    @Test
    void theEmptyTablesOfADamagedTraceBlameTheDamageNotTheFilterOrTheRun() throws Exception {
        TraceViewModel whole = new TraceViewModel(new TraceSession(LoadedTrace.load(
                TestTraces.writeSplitBrain(dir.resolve("sb.trace")))));
        assertThat(whole.noRowsText()).isEqualTo("No event matches the filter.");
        assertThat(whole.noInvariantsText()).isEqualTo("The trace records no invariant checks or violations.");

        TraceViewModel none = new TraceViewModel(new TraceSession(LoadedTrace.load(
                TestTraces.writeHeaderOnly(dir.resolve("header-only.trace")))));
        long offset = none.trace().damage().orElseThrow().offset();
        assertThat(none.noRowsText()).isEqualTo("No events could be read: the trace is damaged at offset " + offset
                + ".");
        assertThat(none.noInvariantsText()).isEqualTo(none.noRowsText());
        assertThat(none.damageProperty().get()).contains("No event could be read, so there is nothing to show");

        TraceViewModel cut = new TraceViewModel(new TraceSession(LoadedTrace.load(cutSplitBrain(2))));
        assertThat(cut.noRowsText()).isEqualTo("No event matches the filter.");
        assertThat(cut.noInvariantsText()).isEqualTo("No invariant checks or violations in the " + cut.trace().size()
                + " events before the damage at offset " + cut.trace().damage().orElseThrow().offset()
                + "; the rest is lost.");
    }

    @Test
    void anInvariantOfADamagedTraceHeldOnlyBeforeTheDamage() throws Exception {
        Path full = TestTraces.writeInvariantChecks(dir.resolve("checks.trace"), dev.seedloop.trace.TraceLevel.FULL);
        byte[] b = Files.readAllBytes(full);
        // the longest cut that lost the violation but kept some checks: what is left only says "held" until then
        for (int length = b.length - 1; length > 0; length--) {
            Path cut = Files.write(dir.resolve("checks-cut.trace"), Arrays.copyOf(b, length));
            TraceViewModel vm = new TraceViewModel(new TraceSession(LoadedTrace.load(cut)));
            if (!vm.invariants().isEmpty() && vm.invariants().stream().noneMatch(r -> r.violatedAtStep() >= 0)) {
                assertThat(vm.trace().damage()).isPresent();
                assertThat(vm.invariants()).extracting(InvariantRow::outcome).containsOnly("held before the damage");
                return;
            }
        }
        throw new AssertionError("no cut of " + full + " keeps a check without the violation");
    }

    /** The split-brain trace cut to 1/{@code fraction} of its bytes. */
    private Path cutSplitBrain(int fraction) throws Exception {
        byte[] b = Files.readAllBytes(TestTraces.writeSplitBrain(dir.resolve("whole-" + fraction + ".trace")));
        return Files.write(dir.resolve("cut-" + fraction + ".trace"), Arrays.copyOf(b, b.length / fraction));
    }
}

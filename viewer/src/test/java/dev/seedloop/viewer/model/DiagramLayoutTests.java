package dev.seedloop.viewer.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.viewer.TestTraces;
import dev.seedloop.viewer.model.DiagramFrame.ArrowKind;
import dev.seedloop.viewer.model.DiagramFrame.Mark;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagramLayoutTests {
    @TempDir
    Path dir;

    @Test
    void laysOutLanesArrowsMarksCursorAndTheViolation() {
        TraceSession s = new TraceSession(LoadedTrace.of(TestTraces.splitBrain()));
        DiagramLayout l = s.layout();
        Viewport v = l.initialViewport(AxisMode.TIME, DiagramLayout.plotWidth(1000));
        DiagramFrame f = l.frame(v, 1000, 400, 53, s.causal().of(53), 53, -1);
        assertThat(f.lanes()).extracting(DiagramFrame.LaneRow::label).containsExactly("run", "n1", "n2", "n3");
        // 6 deliveries within the window, each an arrow from its send
        assertThat(f.arrows()).hasSize(6).allMatch(a -> a.kind() == ArrowKind.DELIVERED && a.x1() >= a.x0());
        assertThat(f.arrows()).filteredOn(DiagramFrame.Arrow::inCone).hasSize(5);
        assertThat(f.marks()).noneMatch(m -> m.kind() == TraceEventKind.STATE_SNAPSHOT);
        assertThat(f.marks()).anyMatch(m -> m.ordinal() == 53 && m.shape() == DiagramFrame.MarkShape.DIAMOND && m.selected());
        assertThat(f.rules()).extracting(DiagramFrame.Rule::kind).containsExactly(DiagramFrame.RuleKind.VIOLATION);
        assertThat(f.cursorX()).isBetween(DiagramLayout.LABEL_WIDTH, 1000.0);
        for (Mark m : f.marks()) {
            assertThat(m.x()).isBetween(DiagramLayout.LABEL_WIDTH - 1, 1000.0);
        }
    }

    @Test
    void onlyTheVisibleWindowIsVisitedAndHitTestingFindsTheClickedEvent() throws Exception {
        Path p = dir.resolve("s.trace");
        TestTraces.writeSynthetic(p, 50_000, 5, 11, true);
        TraceSession s = new TraceSession(LoadedTrace.load(p));
        DiagramLayout l = s.layout();
        Viewport v = l.initialViewport(AxisMode.EVENTS, DiagramLayout.plotWidth(1200));
        int[] range = l.visibleRange(v, DiagramLayout.plotWidth(1200));
        assertThat(range[1] - range[0]).isLessThan(400);
        DiagramFrame f = l.frame(v, 1200, 500, 100, null, -1, -1);
        assertThat(f.marks()).allMatch(m -> m.ordinal() >= range[0] && m.ordinal() < range[1]);
        Mark target = f.marks().get(f.marks().size() / 2);
        assertThat(l.hit(v, 1200, 500, target.x() + 1, target.y() + 2)).isEqualTo(target.ordinal());
        assertThat(l.hit(v, 1200, 500, target.x(), 2)).isEqualTo(-1);
        // zoomed all the way out on 50k events: thinned to about one mark per lane and pixel column
        Viewport all = Viewport.fit(AxisMode.TIME, 0, s.trace().endTime(), DiagramLayout.plotWidth(1200));
        DiagramFrame out = l.frame(all, 1200, 500, 0, null, -1, -1);
        assertThat(out.thinned()).isTrue();
        assertThat(out.marks().size()).isLessThan(6 * 1200 + 2000);
        assertThat(out.shades()).isNotEmpty();
        long drops = java.util.stream.IntStream.range(0, s.trace().size())
                .filter(i -> s.trace().kind(i) == TraceEventKind.MESSAGE_DROPPED).count();
        assertThat(out.arrows().stream().filter(a -> a.kind() == ArrowKind.DROPPED).count()).as("drops %d", drops)
                .isPositive();
    }

    @Test
    void viewportZoomKeepsTheAnchorAndPanMoves() {
        Viewport v = new Viewport(AxisMode.TIME, 1000, 10);
        Viewport z = v.zoom(2, 300);
        assertThat(z.valueAt(300)).isEqualTo(v.valueAt(300));
        assertThat(z.unitsPerPixel()).isEqualTo(5);
        assertThat(v.pan(10).start()).isEqualTo(1100);
        assertThat(v.centerOn(5000, 100).x(5000)).isEqualTo(100);
        assertThat(DiagramLayout.niceStep(37)).isEqualTo(50);
        assertThat(DiagramLayout.timeLabel(2_500_000, 1_000_000)).isEqualTo("2.5ms");
    }
}

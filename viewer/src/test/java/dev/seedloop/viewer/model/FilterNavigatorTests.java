package dev.seedloop.viewer.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.viewer.TestTraces;
import org.junit.jupiter.api.Test;

class FilterNavigatorTests {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    private final LoadedTrace t = LoadedTrace.of(TestTraces.splitBrain());

    @Test
    void filtersByNodeKindAndText() {
        assertThat(EventFilter.NONE.apply(t)).hasSize(54);
        int[] votes = new EventFilter(-1, TraceEventKind.MESSAGE_DELIVERED, "vote").apply(t);
        assertThat(votes).hasSize(6); // 4 RequestVote + 2 Vote deliveries, all contain "vote"
        int[] n1 = new EventFilter(0, null, "").apply(t);
        for (int o : n1) {
            assertThat(t.event(o).toString()).matches(".*(node=0|src=0|dst=0).*");
        }
        assertThat(new EventFilter(-1, null, "LEADER OF").apply(t)).containsExactly(40, 47, 53); // two logs, the evidence
        assertThat(new EventFilter(2, TraceEventKind.LOG, "").apply(t)).containsExactly(47);
    }

    @Test
    void theRunsOwnEventsLeaveOutSnapshotsAndChecksOnly() throws Exception {
        LoadedTrace checked = LoadedTrace.of(dev.seedloop.trace.Trace.read(TestTraces.writeInvariantChecks(
                dir.resolve("checks.trace"), dev.seedloop.trace.TraceLevel.FULL)));
        // NodeStarted, check, check, Log, check, check, InvariantViolated
        assertThat(new EventFilter(-1, null, "", true).apply(checked)).containsExactly(0, 3, 6);
        assertThat(new EventFilter(-1, null, "", true).isNone()).isFalse();

        int[] run = new EventFilter(-1, null, "", true).apply(t);
        long snapshots = java.util.stream.IntStream.range(0, t.size())
                .filter(i -> t.kind(i) == TraceEventKind.STATE_SNAPSHOT).count();
        assertThat(snapshots).isPositive();
        assertThat(java.util.Arrays.stream(run).boxed().toList()).hasSize(t.size() - (int) snapshots)
                .allSatisfy(i -> assertThat(t.kind(i).digested()).isTrue());
        // with a kind as well, both must hold
        assertThat(new EventFilter(2, TraceEventKind.LOG, "", true).apply(t)).containsExactly(47);
    }

    @Test
    void navigatesByNodeKindAndStep() {
        Navigator n = new Navigator(t);
        assertThat(n.ofNode(0, 2, true)).isEqualTo(t.laneEvents(0)[3]);
        assertThat(n.ofNode(0, 0, false)).isEqualTo(-1);
        assertThat(n.ofKind(TraceEventKind.INVARIANT_VIOLATED, 0, true)).isEqualTo(53);
        assertThat(n.ofKind(TraceEventKind.INVARIANT_VIOLATED, 53, true)).isEqualTo(-1);
        assertThat(n.ofKind(TraceEventKind.LOG, 53, false)).isEqualTo(47);
        assertThat(n.ofStep(0, true)).isEqualTo(2); // end of step 1
        assertThat(n.ofStep(2, true)).isEqualTo(5); // end of step 2
        assertThat(n.ofStep(5, false)).isEqualTo(2);
        Cursor c = new Cursor(54);
        assertThat(c.moveBy(-5)).isZero();
        assertThat(c.moveTo(100)).isEqualTo(53);
        assertThat(c.atEnd()).isTrue();
        assertThat(new Cursor(0).position()).isEqualTo(-1);
    }
}

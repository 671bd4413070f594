package dev.seedloop.viewer.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.trace.Trace;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceEvent.StateSnapshot.Field;
import dev.seedloop.viewer.TestTraces;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateReconstructorTests {
    @TempDir
    Path dir;

    /** Replays events 0..ordinal from scratch: the obvious, slow truth. */
    private static Object[] bruteForce(LoadedTrace t, int ordinal) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < t.nodeCount(); i++) {
            names.add(t.nodeName(i));
        }
        WorldState w = new WorldState(names);
        List<List<Field>> fields = new ArrayList<>();
        for (int i = 0; i < t.nodeCount(); i++) {
            fields.add(List.of());
        }
        for (int i = 0; i <= ordinal; i++) {
            TraceEvent e = t.event(i);
            w.apply(e);
            if (e instanceof TraceEvent.StateSnapshot s) {
                fields.set(s.node(), s.fields());
            }
        }
        return new Object[] {w, fields};
    }

    @Test
    void reconstructionEqualsBruteForceReplayAtRandomStepsInAnyOrder() throws Exception {
        Path p = dir.resolve("synthetic.trace");
        TestTraces.writeSynthetic(p, 12_000, 5, 7, true);
        LoadedTrace t = LoadedTrace.load(p);
        StateReconstructor r = new StateReconstructor(t);
        Random rnd = new Random(42);
        List<Integer> ordinals = new ArrayList<>(List.of(0, t.size() - 1, 1023, 1024, 1025, 2047, 2048));
        for (int i = 0; i < 150; i++) {
            ordinals.add(rnd.nextInt(t.size()));
        }
        boolean sawPartition = false;
        boolean sawCrash = false;
        for (int o : ordinals) {
            Object[] truth = bruteForce(t, o);
            WorldState w = r.worldAt(o);
            assertThat(w).as("world at %d", o).isEqualTo(truth[0]);
            @SuppressWarnings("unchecked")
            List<List<Field>> fields = (List<List<Field>>) truth[1];
            List<NodeView> nodes = r.nodesAt(o);
            for (int n = 0; n < t.nodeCount(); n++) {
                assertThat(nodes.get(n).fields()).as("node %d at %d", n, o).isEqualTo(fields.get(n));
                assertThat(nodes.get(n).status()).isEqualTo(w.status(n));
                sawCrash |= w.status(n) == NodeStatus.CRASHED;
            }
            sawPartition |= !w.partition().isEmpty();
        }
        assertThat(sawPartition).as("the synthetic trace exercises partitions").isTrue();
        assertThat(sawCrash).as("the synthetic trace exercises crashes").isTrue();
        assertThat(r.shades()).isNotEmpty();
    }

    @Test
    void steppingBackShowsExactlyTheEarlierStateAndHighlightsChanges() {
        LoadedTrace t = LoadedTrace.of(TestTraces.splitBrain());
        StateReconstructor r = new StateReconstructor(t);
        // event 52: n3's snapshot of step 11 (LEADER)
        NodeView n3 = r.nodesAt(52).get(2);
        assertThat(n3.value("role")).isEqualTo("LEADER");
        assertThat(n3.changed()).containsExactlyInAnyOrder("role", "votesReceived");
        // event 46: first event of step 11, before the snapshot: n3 is still a candidate, nothing changed yet
        NodeView before = r.nodesAt(46).get(2);
        assertThat(before.value("role")).isEqualTo("CANDIDATE");
        assertThat(before.changed()).isEmpty();
        // and forward again
        assertThat(r.nodesAt(53).get(2).value("role")).isEqualTo("LEADER");
        assertThat(r.nodesAt(53).get(1).value("role")).isEqualTo("LEADER");
        assertThat(r.nodesAt(53).get(1).changed()).isEmpty();
        // pending timers and in-flight messages come from the events
        assertThat(r.nodesAt(53).get(2).timers()).containsOnlyKeys(25L);
        assertThat(r.nodesAt(13).get(0).inFlight()).isEqualTo(1);
        assertThat(r.nodesAt(-1).getFirst().status()).isEqualTo(NodeStatus.NOT_STARTED);
    }

    @Test
    void changedFieldsCompareByName() {
        assertThat(StateReconstructor.changedFields(List.of(new Field("a", "1"), new Field("b", "2")),
                List.of(new Field("a", "1"), new Field("b", "3"), new Field("c", "0")))).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void anEmptyTraceHasNoState() {
        Trace empty = Trace.of(TestTraces.header("empty", 1, 2), List.of(),
                dev.seedloop.trace.TraceFooter.passed(0, new dev.seedloop.trace.RunDigest(), 0));
        StateReconstructor r = new StateReconstructor(LoadedTrace.of(empty));
        assertThat(r.nodesAt(-1)).hasSize(2);
        assertThat(r.shades()).isEmpty();
    }
}

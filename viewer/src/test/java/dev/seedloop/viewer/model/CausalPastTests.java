package dev.seedloop.viewer.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.trace.TraceEvent;
import dev.seedloop.viewer.TestTraces;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CausalPastTests {
    @TempDir
    Path dir;

    /** Graph search over explicit edges: lane predecessor and send -> receive. */
    static boolean[] bruteForce(LoadedTrace t, int origin) {
        List<List<Integer>> preds = new ArrayList<>();
        int[] lastOnLane = new int[t.nodeCount()];
        java.util.Arrays.fill(lastOnLane, -1);
        for (int i = 0; i < t.size(); i++) {
            List<Integer> p = new ArrayList<>();
            int lane = t.lane(i);
            if (lane >= 0) {
                if (lastOnLane[lane] >= 0) {
                    p.add(lastOnLane[lane]);
                }
                lastOnLane[lane] = i;
                TraceEvent e = t.event(i);
                if ((e instanceof TraceEvent.MessageDelivered || e instanceof TraceEvent.MessageDropped) && t.sendOf(i) >= 0) {
                    p.add(t.sendOf(i));
                }
            }
            preds.add(p);
        }
        boolean[] in = new boolean[t.size()];
        ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(origin));
        in[origin] = true;
        while (!todo.isEmpty()) {
            for (int p : preds.get(todo.pop())) {
                if (!in[p]) {
                    in[p] = true;
                    todo.push(p);
                }
            }
        }
        return in;
    }

    @Test
    void conesEqualTheTransitiveClosureOfHappensBefore() throws Exception {
        Path p = dir.resolve("s.trace");
        TestTraces.writeSynthetic(p, 3_000, 5, 3, true);
        LoadedTrace t = LoadedTrace.load(p);
        CausalPast cp = new CausalPast(t);
        Random rnd = new Random(1);
        int checked = 0;
        while (checked < 40) {
            int o = rnd.nextInt(t.size());
            if (t.lane(o) < 0) {
                continue;
            }
            boolean[] truth = bruteForce(t, o);
            CausalCone cone = cp.of(o);
            int count = 0;
            for (int i = 0; i < t.size(); i++) {
                assertThat(cone.contains(i)).as("event %d in cone of %d", i, o).isEqualTo(truth[i]);
                count += truth[i] ? 1 : 0;
            }
            assertThat(cone.size()).isEqualTo(count);
            checked++;
        }
    }

    @Test
    void theSplitBrainViolationShowsTheVotesThatElectedEachLeader() {
        LoadedTrace t = LoadedTrace.of(TestTraces.splitBrain());
        CausalCone cone = new CausalPast(t).of(53);
        int vote7Delivered = LoadedTraceTests.find(t, e -> e instanceof TraceEvent.MessageDelivered m && m.messageId() == 7);
        int vote7Sent = LoadedTraceTests.find(t, e -> e instanceof TraceEvent.MessageSent m && m.messageId() == 7);
        int vote6Delivered = LoadedTraceTests.find(t, e -> e instanceof TraceEvent.MessageDelivered m && m.messageId() == 6);
        int vote6Sent = LoadedTraceTests.find(t, e -> e instanceof TraceEvent.MessageSent m && m.messageId() == 6);
        int vote8Sent = LoadedTraceTests.find(t, e -> e instanceof TraceEvent.MessageSent m && m.messageId() == 8);
        int vote5Sent = LoadedTraceTests.find(t, e -> e instanceof TraceEvent.MessageSent m && m.messageId() == 5);
        // n2 was elected by n3's vote 7, n3 by n1's vote 6
        assertThat(cone.contains(vote7Delivered)).isTrue();
        assertThat(cone.contains(vote7Sent)).isTrue();
        assertThat(cone.contains(vote6Delivered)).isTrue();
        assertThat(cone.contains(vote6Sent)).isTrue();
        // n1's later vote for n2 (id 8) and n2's vote 5 for n3 (never delivered) elected nobody
        assertThat(cone.contains(vote8Sent)).isFalse();
        assertThat(cone.contains(vote5Sent)).isTrue(); // program order on n2 before vote 7 arrived
        assertThat(cone.horizon(0)).isEqualTo(vote6Sent);
        assertThat(cone.contains(53)).isTrue();
    }
}

package dev.seedloop.viewer;

import dev.seedloop.trace.DropReason;
import dev.seedloop.trace.KeyValue;
import dev.seedloop.trace.NodeInfo;
import dev.seedloop.trace.Provenance;
import dev.seedloop.trace.RunDigest;
import dev.seedloop.trace.RunFailure;
import dev.seedloop.trace.RunIdentity;
import dev.seedloop.trace.Trace;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceEvent.StateSnapshot.Field;
import dev.seedloop.trace.TraceFooter;
import dev.seedloop.trace.TraceHeader;
import dev.seedloop.trace.TraceLevel;
import dev.seedloop.trace.TraceWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Traces for tests, written with trace-format's {@link TraceWriter} (never the engine): the Raft split-brain
 * of the demo, event for event, and a synthetic generator of any size.
 */
public final class TestTraces {
    private TestTraces() {}

    public static TraceHeader header(String scenario, long seed, int nodes) {
        List<NodeInfo> infos = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            infos.add(new NodeInfo(i, "n" + (i + 1)));
        }
        return new TraceHeader(new RunIdentity("test 1.0", scenario, seed, List.of(new KeyValue("k", "v")), infos,
                TraceLevel.FULL), Provenance.none());
    }

    private static List<Field> raft(String role, int term, String votedFor, String votes) {
        return List.of(new Field("role", role), new Field("term", Integer.toString(term)),
                new Field("votedFor", votedFor), new Field("votesReceived", votes));
    }

    /**
     * The split-brain of RaftElection.buggy() seed 13: n3 and n2 both become candidates of term 1; n1 votes
     * for n3 (vote id 6), n3 votes for n2 (vote id 7): n2 leads with {n2, n3}, n3 with {n3, n1}.
     * Event ordinals match the demo trace: the violation is event 53, step 11.
     */
    public static List<TraceEvent> splitBrainEvents() {
        List<TraceEvent> e = new ArrayList<>();
        long t0 = 0;
        for (int n = 0; n < 3; n++) {
            int step = n + 1;
            e.add(new TraceEvent.NodeStarted(step, t0, n, 0));
            e.add(new TraceEvent.TimerSet(step, t0, n, 3 + n, 150_000_000L + n, "timeout"));
            e.add(new TraceEvent.StateSnapshot(step, t0, n, raft("FOLLOWER", 0, "null", "[]")));
        }
        long t4 = 154_255_598;
        e.add(new TraceEvent.TimerFired(4, t4, 2, 5, "timeout"));
        e.add(new TraceEvent.MessageSent(4, t4, 1, 2, 0, "RequestVote", 12_866_000, "RequestVote[term=1]"));
        e.add(new TraceEvent.MessageSent(4, t4, 2, 2, 1, "RequestVote", 12_825_000, "RequestVote[term=1]"));
        e.add(new TraceEvent.TimerSet(4, t4, 2, 8, 333_179_447, "timeout"));
        e.add(new TraceEvent.StateSnapshot(4, t4, 2, raft("CANDIDATE", 1, "n3", "[n3]")));
        long t5 = 155_267_848;
        e.add(new TraceEvent.TimerFired(5, t5, 1, 4, "timeout"));
        e.add(new TraceEvent.MessageSent(5, t5, 3, 1, 0, "RequestVote", 15_652_000, "RequestVote[term=1]"));
        e.add(new TraceEvent.MessageSent(5, t5, 4, 1, 2, "RequestVote", 12_235_000, "RequestVote[term=1]"));
        e.add(new TraceEvent.TimerSet(5, t5, 1, 11, 430_862_730, "timeout"));
        e.add(new TraceEvent.StateSnapshot(5, t5, 1, raft("CANDIDATE", 1, "n2", "[n2]")));
        long t6 = 167_081_030;
        e.add(new TraceEvent.MessageDelivered(6, t6, 2, 2, 1, "RequestVote"));
        e.add(new TraceEvent.MessageSent(6, t6, 5, 1, 2, "Vote", 14_576_000, "Vote[term=1, granted=true]"));
        e.add(new TraceEvent.TimerCancelled(6, t6, 1, 11, "timeout"));
        e.add(new TraceEvent.TimerSet(6, t6, 1, 13, 396_629_682, "timeout"));
        e.add(new TraceEvent.StateSnapshot(6, t6, 1, raft("CANDIDATE", 1, "n3", "[n2]")));
        long t7 = 167_121_748;
        e.add(new TraceEvent.MessageDelivered(7, t7, 1, 2, 0, "RequestVote"));
        e.add(new TraceEvent.MessageSent(7, t7, 6, 0, 2, "Vote", 8_838_000, "Vote[term=1, granted=true]"));
        e.add(new TraceEvent.TimerCancelled(7, t7, 0, 3, "timeout"));
        e.add(new TraceEvent.TimerSet(7, t7, 0, 15, 402_101_551, "timeout"));
        e.add(new TraceEvent.StateSnapshot(7, t7, 0, raft("FOLLOWER", 1, "n3", "[]")));
        long t8 = 167_502_977;
        e.add(new TraceEvent.MessageDelivered(8, t8, 4, 1, 2, "RequestVote"));
        e.add(new TraceEvent.MessageSent(8, t8, 7, 2, 1, "Vote", 8_410_000, "Vote[term=1, granted=true]"));
        e.add(new TraceEvent.TimerCancelled(8, t8, 2, 8, "timeout"));
        e.add(new TraceEvent.TimerSet(8, t8, 2, 17, 330_153_107, "timeout"));
        e.add(new TraceEvent.StateSnapshot(8, t8, 2, raft("CANDIDATE", 1, "n2", "[n3]")));
        long t9 = 170_919_640;
        e.add(new TraceEvent.MessageDelivered(9, t9, 3, 1, 0, "RequestVote"));
        e.add(new TraceEvent.MessageSent(9, t9, 8, 0, 1, "Vote", 9_772_000, "Vote[term=1, granted=true]"));
        e.add(new TraceEvent.TimerCancelled(9, t9, 0, 15, "timeout"));
        e.add(new TraceEvent.TimerSet(9, t9, 0, 19, 430_402_463, "timeout"));
        e.add(new TraceEvent.StateSnapshot(9, t9, 0, raft("FOLLOWER", 1, "n2", "[]")));
        long t10 = 175_912_591;
        e.add(new TraceEvent.MessageDelivered(10, t10, 7, 2, 1, "Vote"));
        e.add(new TraceEvent.Log(10, t10, 1, "leader of term 1"));
        e.add(new TraceEvent.MessageSent(10, t10, 9, 1, 0, "Heartbeat", 17_282_000, "Heartbeat[term=1]"));
        e.add(new TraceEvent.MessageSent(10, t10, 10, 1, 2, "Heartbeat", 18_807_000, "Heartbeat[term=1]"));
        e.add(new TraceEvent.TimerCancelled(10, t10, 1, 13, "timeout"));
        e.add(new TraceEvent.TimerSet(10, t10, 1, 22, 225_912_591, "timeout"));
        e.add(new TraceEvent.StateSnapshot(10, t10, 1, raft("LEADER", 1, "n3", "[n2, n3]")));
        long t11 = 175_959_383;
        e.add(new TraceEvent.MessageDelivered(11, t11, 6, 0, 2, "Vote"));
        e.add(new TraceEvent.Log(11, t11, 2, "leader of term 1"));
        e.add(new TraceEvent.MessageSent(11, t11, 11, 2, 0, "Heartbeat", 6_160_000, "Heartbeat[term=1]"));
        e.add(new TraceEvent.MessageSent(11, t11, 12, 2, 1, "Heartbeat", 12_924_000, "Heartbeat[term=1]"));
        e.add(new TraceEvent.TimerCancelled(11, t11, 2, 17, "timeout"));
        e.add(new TraceEvent.TimerSet(11, t11, 2, 25, 225_959_383, "timeout"));
        e.add(new TraceEvent.StateSnapshot(11, t11, 2, raft("LEADER", 1, "n2", "[n3, n1]")));
        e.add(new TraceEvent.InvariantViolated(11, t11, "at-most-one-leader-per-term",
                "n2 and n3 both became leader of term 1"));
        return e;
    }

    /** The split-brain trace in memory. */
    public static Trace splitBrain() {
        List<TraceEvent> events = splitBrainEvents();
        RunDigest d = new RunDigest();
        events.forEach(x -> x.digestInto(d));
        RunFailure f = new RunFailure("invariant", "invariant 'at-most-one-leader-per-term' violated: n2 and n3 both "
                + "became leader of term 1", 11, 175_959_383, -1, "");
        return Trace.of(header("RaftElection.buggy()", 13, 3), events, TraceFooter.failed(f, 11, d, 175_959_383));
    }

    /**
     * Two steps of one node checked against two invariants, recorded at {@code level}: "steady" holds at
     * both steps, "fails-at-2" fails at step 2 and is then violated.
     */
    public static Path writeInvariantChecks(Path path, TraceLevel level) {
        List<TraceEvent> e = List.of(
                new TraceEvent.NodeStarted(1, 0, 0, 0),
                new TraceEvent.InvariantChecked(1, 0, "steady", true),
                new TraceEvent.InvariantChecked(1, 0, "fails-at-2", true),
                new TraceEvent.Log(2, 10, 0, "tick"),
                new TraceEvent.InvariantChecked(2, 10, "steady", true),
                new TraceEvent.InvariantChecked(2, 10, "fails-at-2", false),
                new TraceEvent.InvariantViolated(2, 10, "fails-at-2", "tick"));
        RunDigest d = new RunDigest();
        e.forEach(x -> x.digestInto(d));
        RunIdentity identity = new RunIdentity("test 1.0", "Checks", 1, List.of(), List.of(new NodeInfo(0, "n1")), level);
        RunFailure f = new RunFailure("invariant", "invariant 'fails-at-2' violated: tick", 2, 10, -1, "");
        Trace.of(new TraceHeader(identity, Provenance.none()), e, TraceFooter.failed(f, 2, d, 10))
                .write(path, TraceWriter.Options.defaults());
        return path;
    }

    /**
     * A FULL trace of one node whose always-invariant "steady" holds at step 1 and whose eventually-property
     * "a-leader-eventually" is violated at step 2, as the engine records it: with no checks of its own. A second
     * eventually-property, "a-node-starts", held at step 1, at once.
     */
    public static Path writeLivenessViolation(Path path) {
        List<TraceEvent> e = List.of(
                new TraceEvent.NodeStarted(1, 0, 0, 0),
                new TraceEvent.InvariantChecked(1, 0, "steady", true),
                new TraceEvent.LivenessHeld(1, 0, "a-node-starts", 0, 5_000_000L),
                new TraceEvent.InvariantViolated(2, 10, "a-leader-eventually", "still false 10 ns after it was required"));
        RunDigest d = new RunDigest();
        e.forEach(x -> x.digestInto(d));
        RunIdentity identity = new RunIdentity("test 1.0", "Liveness", 1, List.of(), List.of(new NodeInfo(0, "n1")),
                TraceLevel.FULL);
        RunFailure f = new RunFailure("liveness", "liveness property 'a-leader-eventually' violated", 2, 10, -1, "");
        Trace.of(new TraceHeader(identity, Provenance.none()), e, TraceFooter.failed(f, 2, d, 10))
                .write(path, TraceWriter.Options.defaults());
        return path;
    }

    /** A trace whose writer stopped right after the header: no events and no footer, so it reads as truncated. */
    public static Path writeHeaderOnly(Path path) {
        TraceWriter.create(path, header("RaftElection.buggy()", 13, 3), TraceWriter.Options.defaults()).close();
        return path;
    }

    /** Writes the split-brain trace to {@code path}. */
    public static Path writeSplitBrain(Path path) {
        splitBrain().write(path, TraceWriter.Options.defaults());
        return path;
    }

    /** A copy of the split-brain whose n2 logs another line at step 10, and passes. */
    public static Path writeSplitBrainVariant(Path path) {
        List<TraceEvent> events = new ArrayList<>(splitBrainEvents());
        // n2 logs a different line at step 10 (event 40): the digests part there
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof TraceEvent.Log l && l.step() == 10) {
                events.set(i, new TraceEvent.Log(10, l.timeNanos(), l.node(), "leader of term 1, say I"));
            }
        }
        RunDigest d = new RunDigest();
        events.forEach(x -> x.digestInto(d));
        Trace.of(header("RaftElection.buggy()", 13, 3), events, TraceFooter.passed(11, d, 175_959_383))
                .write(path, TraceWriter.Options.defaults());
        return path;
    }

    /**
     * A synthetic FULL trace of about {@code events} events on {@code nodes} nodes: each step one node
     * handles a delivery or a timer, sends to random peers, sets a timer and records its state (5 fields);
     * with drops (loss, partition, crashed), duplicates, partitions and heals, crashes and restarts, pause
     * notes and logs. Deterministic for a seed.
     */
    public static void writeSynthetic(Path path, int events, int nodes, long seed, boolean withFooter) {
        Random rnd = new Random(seed);
        try (TraceWriter w = TraceWriter.create(path, header("Synthetic", seed, nodes), TraceWriter.Options.defaults())) {
            RunDigest d = new RunDigest();
            int[] count = {0};
            java.util.function.Consumer<TraceEvent> out = e -> {
                w.write(e);
                e.digestInto(d);
                count[0]++;
            };
            long time = 0;
            long step = 0;
            long nextId = 1;
            long nextTimer = 1;
            int[] term = new int[nodes];
            int[] counter = new int[nodes];
            long[] timerOf = new long[nodes];
            java.util.Arrays.fill(timerOf, -1);
            boolean[] up = new boolean[nodes];
            long[] incarnation = new long[nodes];
            // pending messages: id, src, dst, type, deliver time
            java.util.PriorityQueue<long[]> pending = new java.util.PriorityQueue<>(
                    java.util.Comparator.comparingLong((long[] m) -> m[4]).thenComparingLong(m -> m[0]));
            boolean partitioned = false;
            for (int n = 0; n < nodes; n++) {
                step++;
                out.accept(new TraceEvent.NodeStarted(step, time, n, 0));
                up[n] = true;
                timerOf[n] = nextTimer++;
                out.accept(new TraceEvent.TimerSet(step, time, n, timerOf[n], time + 1_000_000, "tick"));
                out.accept(new TraceEvent.StateSnapshot(step, time, n, fields(n, term, counter, "follower")));
            }
            while (count[0] < events) {
                step++;
                time += 1 + rnd.nextInt(2_000_000);
                int r = rnd.nextInt(1000);
                if (r < 4) {
                    partitioned = !partitioned;
                    if (partitioned) {
                        List<Integer> a = new ArrayList<>();
                        List<Integer> b = new ArrayList<>();
                        for (int n = 0; n < nodes; n++) {
                            (n < nodes / 2 ? a : b).add(n);
                        }
                        out.accept(TraceEvent.NetworkChanged.partition(step, time, List.of(a, b)));
                    } else {
                        out.accept(TraceEvent.NetworkChanged.heal(step, time));
                    }
                    continue;
                }
                int node = rnd.nextInt(nodes);
                if (r < 6) {
                    if (up[node]) {
                        out.accept(new TraceEvent.NodeCrashed(step, time, node));
                        up[node] = false;
                        timerOf[node] = -1;
                    } else {
                        incarnation[node]++;
                        out.accept(new TraceEvent.NodeStarted(step, time, node, incarnation[node]));
                        up[node] = true;
                        counter[node] = 0;
                        timerOf[node] = nextTimer++;
                        out.accept(new TraceEvent.TimerSet(step, time, node, timerOf[node], time + 1_000_000, "tick"));
                        out.accept(new TraceEvent.StateSnapshot(step, time, node, fields(node, term, counter, "follower")));
                    }
                    continue;
                }
                if (r < 8) {
                    out.accept(r < 7 ? new TraceEvent.NodePaused(step, time, node, time + 5_000_000)
                            : new TraceEvent.NodeResumed(step, time, node));
                    continue;
                }
                long[] m = pending.peek();
                if (m != null && m[4] <= time + 3_000_000) {
                    pending.poll();
                    time = Math.max(time, m[4]);
                    int dst = (int) m[2];
                    node = dst;
                    String type = m[3] == 0 ? "Ping" : "Pong";
                    boolean cut = partitioned && ((m[1] < nodes / 2) != (dst < nodes / 2));
                    if (!up[dst]) {
                        out.accept(new TraceEvent.MessageDropped(step, time, m[0], (int) m[1], dst, type, DropReason.CRASHED));
                        continue;
                    } else if (cut) {
                        out.accept(new TraceEvent.MessageDropped(step, time, m[0], (int) m[1], dst, type, DropReason.PARTITION));
                        continue;
                    } else if (rnd.nextInt(50) == 0) {
                        out.accept(new TraceEvent.MessageDropped(step, time, m[0], (int) m[1], dst, type, DropReason.LOSS));
                        continue;
                    }
                    out.accept(new TraceEvent.MessageDelivered(step, time, m[0], (int) m[1], dst, type));
                } else {
                    if (!up[node] || timerOf[node] < 0) {
                        continue;
                    }
                    out.accept(new TraceEvent.TimerFired(step, time, node, timerOf[node], "tick"));
                    timerOf[node] = -1;
                }
                if (!up[node]) {
                    continue;
                }
                counter[node]++;
                if (rnd.nextInt(20) == 0) {
                    term[node]++;
                }
                int sends = 1 + rnd.nextInt(2);
                for (int s = 0; s < sends; s++) {
                    int dst = (node + 1 + rnd.nextInt(nodes - 1)) % nodes;
                    long latency = 1_000_000 + rnd.nextInt(19_000_000);
                    long id = nextId++;
                    int type = rnd.nextInt(2);
                    out.accept(new TraceEvent.MessageSent(step, time, id, node, dst, type == 0 ? "Ping" : "Pong", latency,
                            (type == 0 ? "Ping" : "Pong") + "[term=" + term[node] + ", n=" + counter[node] + "]"));
                    pending.add(new long[] {id, node, dst, type, time + latency});
                    if (rnd.nextInt(100) == 0) {
                        long dl = 1_000_000 + rnd.nextInt(19_000_000);
                        out.accept(new TraceEvent.MessageDuplicated(step, time, id, node, dst, type == 0 ? "Ping" : "Pong", dl));
                        pending.add(new long[] {id, node, dst, type, time + dl});
                    }
                }
                if (rnd.nextInt(8) == 0) {
                    out.accept(new TraceEvent.Log(step, time, node, "counter " + counter[node]));
                }
                if (timerOf[node] >= 0) {
                    out.accept(new TraceEvent.TimerCancelled(step, time, node, timerOf[node], "tick"));
                }
                timerOf[node] = nextTimer++;
                out.accept(new TraceEvent.TimerSet(step, time, node, timerOf[node], time + 5_000_000, "tick"));
                out.accept(new TraceEvent.StateSnapshot(step, time, node, fields(node, term, counter,
                        counter[node] % 7 == 0 ? "leader" : "follower")));
            }
            if (withFooter) {
                w.writeFooter(TraceFooter.passed(step, d, time));
            }
        }
    }

    private static List<Field> fields(int node, int[] term, int[] counter, String role) {
        return List.of(new Field("role", role), new Field("term", Integer.toString(term[node])),
                new Field("counter", Integer.toString(counter[node])), new Field("parity", counter[node] % 2 == 0 ? "even" : "odd"),
                new Field("log", "[" + (counter[node] / 10) + " entries]"));
    }
}

package dev.seedloop.trace;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** Hand-built traces for tests: a small three-node run that uses every event kind. */
public final class SampleTraces {
    private SampleTraces() {}

    public static RunIdentity identity(TraceLevel level, long seed) {
        return new RunIdentity("seedloop-engine test", "sample-election", seed,
                List.of(new KeyValue("loss", "1/100"), new KeyValue("latency", "1ms..20ms")),
                List.of(new NodeInfo(0, "n0"), new NodeInfo(1, "n1"), new NodeInfo(2, "n2")), level);
    }

    public static TraceHeader header(TraceLevel level, long seed) {
        return new TraceHeader(identity(level, seed), Provenance.none());
    }

    /** A run of roughly {@code rounds * 6} events with every kind, its footer computed from the events. */
    public static Trace sample(TraceLevel level, long seed, int rounds) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<TraceEvent> ev = new ArrayList<>();
        long t = 0;
        long step = 0;
        long msg = 0;
        long timer = 0;
        ev.add(TraceEvent.NetworkChanged.partition(0, 0, List.of(List.of(0, 1), List.of(2))));
        for (int n = 0; n < 3; n++) {
            ev.add(new TraceEvent.NodeStarted(0, 0, n, 0));
            ev.add(new TraceEvent.TimerSet(0, 0, n, ++timer, 150_000_000L + rng.nextLong(150_000_000L), "election"));
        }
        for (int r = 0; r < rounds; r++) {
            step++;
            t += 1_000_000L + rng.nextLong(20_000_000L);
            int src = rng.nextInt(3);
            int dst = (src + 1 + rng.nextInt(2)) % 3;
            String type = rng.nextBoolean() ? "RequestVote" : "AppendEntries";
            long latency = 1_000_000L + rng.nextLong(19_000_000L);
            long id = ++msg;
            ev.add(new TraceEvent.TimerFired(step, t, src, timer, "election"));
            ev.add(new TraceEvent.MessageSent(step, t, id, src, dst, type, latency,
                    "{term=" + r + ", from=n" + src + "}"));
            ev.add(new TraceEvent.TimerSet(step, t, src, ++timer, t + 150_000_000L, "election"));
            ev.add(new TraceEvent.StateSnapshot(step, t, src,
                    List.of(new TraceEvent.StateSnapshot.Field("term", Integer.toString(r)),
                            new TraceEvent.StateSnapshot.Field("role", r % 2 == 0 ? "candidate" : "follower"))));
            ev.add(new TraceEvent.InvariantChecked(step, t, "single-leader", true));
            step++;
            t += latency;
            switch (rng.nextInt(5)) {
                case 0 -> ev.add(new TraceEvent.MessageDropped(step, t, id, src, dst, type, DropReason.PARTITION));
                case 1 -> {
                    ev.add(new TraceEvent.MessageDuplicated(step, t, id, src, dst, type, 3_000_000L));
                    ev.add(new TraceEvent.MessageDelivered(step, t, id, src, dst, type));
                }
                default -> ev.add(new TraceEvent.MessageDelivered(step, t, id, src, dst, type));
            }
            if (r % 7 == 3) {
                ev.add(new TraceEvent.Log(step, t, dst, "became follower in term " + r));
                ev.add(new TraceEvent.TimerCancelled(step, t, dst, timer - 1, "election"));
            }
            if (r == rounds / 2) {
                ev.add(new TraceEvent.Note(step, t, "heal", "scenario heals the partition"));
                ev.add(TraceEvent.NetworkChanged.heal(step, t));
                ev.add(new TraceEvent.NodeCrashed(step, t, 2));
                ev.add(new TraceEvent.NodeStarted(step, t, 2, 1));
                ev.add(TraceEvent.NetworkChanged.isolate(step, t, 1));
            }
        }
        ev.add(new TraceEvent.InvariantViolated(step, t, "single-leader", "n0 and n1 both leader in term 4"));
        RunDigest d = new RunDigest();
        ev.forEach(e -> e.digestInto(d));
        TraceFooter footer = TraceFooter.failed(
                new RunFailure("InvariantViolation", "single-leader violated", step, t, -1, ""), step, d, t);
        return Trace.of(header(level, seed), ev, footer);
    }

    /** The events of {@code trace} as a reader of a file written at {@code level} returns them. */
    public static List<TraceEvent> asWrittenAt(TraceLevel level, List<TraceEvent> events) {
        if (level == TraceLevel.FULL) {
            return events;
        }
        return events.stream()
                .filter(e -> !(e instanceof TraceEvent.StateSnapshot) && !(e instanceof TraceEvent.InvariantChecked)
                        && !(e instanceof TraceEvent.LivenessHeld))
                .map(e -> e instanceof TraceEvent.MessageSent m ? m.withoutPayload() : e)
                .toList();
    }

    public static byte[] bytes(Trace trace, boolean gzip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceWriter w = TraceWriter.create(out, trace.header(), TraceWriter.Options.defaults().withGzip(gzip))) {
            trace.events().forEach(w::write);
            trace.footer().ifPresent(w::writeFooter);
        }
        return out.toByteArray();
    }

    public static Trace read(byte[] bytes) throws TraceFileException {
        return Trace.read(new java.io.ByteArrayInputStream(bytes), "test bytes");
    }

    public static Optional<Damage> noDamage() {
        return Optional.empty();
    }
}

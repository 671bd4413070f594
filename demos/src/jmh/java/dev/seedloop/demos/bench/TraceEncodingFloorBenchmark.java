package dev.seedloop.demos.bench;

import com.google.protobuf.CodedOutputStream;
import dev.seedloop.demos.raft.RaftElection;
import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.TraceOutput;
import dev.seedloop.engine.internal.trace.TraceRecording;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceFileException;
import dev.seedloop.trace.TraceFooter;
import dev.seedloop.trace.TraceHeader;
import dev.seedloop.trace.TraceLevel;
import dev.seedloop.trace.TraceReader;
import dev.seedloop.trace.TraceWriter;
import dev.seedloop.trace.v1.Event;
import dev.seedloop.trace.v1.Record;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * How much of a seed's time at trace level EVENTS is the encoding alone: the floor under the EVENTS/OFF
 * ratio that {@link TraceLevelBenchmark} measures. Every operation is one seed of the correct 3-node,
 * 3-second Raft election (the same 16 seeds in turn for every benchmark here):
 *
 * <ul>
 *   <li>{@code engineOff}: the seed run at OFF, the baseline;
 *   <li>{@code engineEvents}: the seed run and recorded at EVENTS into memory (as {@code TraceLevelBenchmark}
 *       with {@code sink=MEMORY});
 *   <li>{@code writerOnly}: the seed's events, captured once at setup as primitives, written by a new
 *       {@link TraceWriter} into memory: preamble, header, events, checkpoints, footer; no engine;
 *   <li>{@code protobufCodedStream}: the same events' framed records written by protobuf-java's
 *       {@link CodedOutputStream} into an array (no header, strings or checkpoints: less work than the
 *       writer's); setup checks that its bytes equal the event records of the writer's file;
 *   <li>{@code protobufMessages}: the same records already built as protobuf-java messages, serialised with
 *       {@code writeDelimitedTo} (building them is not counted);
 *   <li>{@code copyOnly}: the event records' bytes copied into an array, the least any writer can do;
 *   <li>{@code writerFixedCost}: a writer's header, string table and footer without events;
 *   <li>{@code fixedWidthOnly}: the events as fixed-width words, with no varints, checks or framing: the
 *       floor of any encoding, not only of this format's.
 * </ul>
 *
 * <p>{@code (engineOff + writerOnly) / engineOff} is the ratio EVENTS could reach if recording cost the
 * engine nothing but the encoding; the protobuf-java rows say what the field's standard encoder costs for
 * the same bytes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class TraceEncodingFloorBenchmark {
    private static final int SEEDS = 16;

    /** A byte stream that survives being closed, so one buffer serves every seed. */
    private static final class ReusableStream extends ByteArrayOutputStream {
        ReusableStream() {
            super(64 * 1024);
        }

        @Override
        public void close() {
            // Writers close their stream at the end of every trace; the buffer stays for the next.
        }
    }

    /** One seed's trace: its header, footer and events as primitive columns. */
    private static final class CapturedTrace {
        TraceHeader header;
        TraceFooter footer;
        String[] strings;
        int[] kinds;
        /** Every event's step and time, then up to five fields in the order the writer's methods take them. */
        long[] step;
        long[] time;
        long[] a;
        long[] b;
        long[] c;
        long[] d;
        long[] e;
        /** The events the primitive columns do not cover (none in a Raft election at EVENTS), by position. */
        TraceEvent[] others;
        /** The trace's event records, framed, as protobuf-java messages and as bytes. */
        Record[] records;
        byte[] eventFrames;
    }

    private static final int NODE_STARTED = 1;
    private static final int SENT = 2;
    private static final int DELIVERED = 3;
    private static final int TIMER_SET = 4;
    private static final int TIMER_FIRED = 5;
    private static final int TIMER_CANCELLED = 6;
    private static final int OTHER = 0;

    private final RaftElection scenario = RaftElection.correct();
    private final ReusableStream memory = new ReusableStream();
    private final CapturedTrace[] traces = new CapturedTrace[SEEDS];
    private TraceOutput output;
    private byte[] target;
    private int next;

    /** Records the 16 seeds at EVENTS and captures their events; checks the protobuf-java bytes against them. */
    @Setup(Level.Trial)
    public void setUp() throws IOException, TraceFileException {
        output = new TraceOutput(java.nio.file.Path.of("unused.trace"), TraceLevel.EVENTS, false,
                scenario.describe(), true);
        int largest = 0;
        for (int s = 0; s < SEEDS; s++) {
            memory.reset();
            TraceRecording.run(scenario, s, RunOptions.DEFAULTS, output, memory);
            traces[s] = capture(memory.toByteArray());
            largest = Math.max(largest, memory.size());
        }
        target = new byte[2 * largest];
        for (CapturedTrace t : traces) {
            int n = encodeWithCodedStream(t, target);
            if (!Arrays.equals(target, 0, n, t.eventFrames, 0, t.eventFrames.length)) {
                throw new IllegalStateException("protobuf-java's bytes differ from the writer's event records");
            }
        }
        long events = 0;
        long v1Bytes = 0;
        long fixedBytes = 0;
        for (CapturedTrace t : traces) {
            events += t.kinds.length;
            v1Bytes += t.eventFrames.length;
            fixedBytes += encodeFixedWidth(t, target);
        }
        System.out.printf("event records: %.2f bytes per event in v1, %.2f in fixed-width words%n",
                (double) v1Bytes / events, (double) fixedBytes / events);
    }

    private static CapturedTrace capture(byte[] file) throws IOException, TraceFileException {
        CapturedTrace t = new CapturedTrace();
        List<TraceEvent> events = new ArrayList<>();
        try (TraceReader reader = TraceReader.open(new ByteArrayInputStream(file), "seed")) {
            t.header = reader.header();
            reader.forEachRemaining(events::add);
            t.footer = reader.footer().orElseThrow();
        }
        Map<String, Integer> strings = new LinkedHashMap<>();
        strings.put("", 0);
        int n = events.size();
        t.kinds = new int[n];
        t.step = new long[n];
        t.time = new long[n];
        t.a = new long[n];
        t.b = new long[n];
        t.c = new long[n];
        t.d = new long[n];
        t.e = new long[n];
        t.others = new TraceEvent[n];
        for (int i = 0; i < n; i++) {
            TraceEvent e = events.get(i);
            t.step[i] = e.step();
            t.time[i] = e.timeNanos();
            switch (e) {
                case TraceEvent.NodeStarted x -> {
                    t.kinds[i] = NODE_STARTED;
                    t.a[i] = x.node();
                    t.b[i] = x.incarnation();
                }
                case TraceEvent.MessageSent x -> {
                    t.kinds[i] = SENT;
                    t.a[i] = x.messageId();
                    t.b[i] = x.src();
                    t.c[i] = x.dst();
                    t.d[i] = strings.computeIfAbsent(x.type(), k -> strings.size());
                    t.e[i] = x.latencyNanos();
                }
                case TraceEvent.MessageDelivered x -> {
                    t.kinds[i] = DELIVERED;
                    t.a[i] = x.messageId();
                    t.b[i] = x.src();
                    t.c[i] = x.dst();
                    t.d[i] = strings.computeIfAbsent(x.type(), k -> strings.size());
                }
                case TraceEvent.TimerSet x -> {
                    t.kinds[i] = TIMER_SET;
                    t.a[i] = x.node();
                    t.b[i] = x.timerId();
                    t.c[i] = x.fireAtNanos();
                    t.d[i] = strings.computeIfAbsent(x.tag(), k -> strings.size());
                }
                case TraceEvent.TimerFired x -> {
                    t.kinds[i] = TIMER_FIRED;
                    t.a[i] = x.node();
                    t.b[i] = x.timerId();
                    t.d[i] = strings.computeIfAbsent(x.tag(), k -> strings.size());
                }
                case TraceEvent.TimerCancelled x -> {
                    t.kinds[i] = TIMER_CANCELLED;
                    t.a[i] = x.node();
                    t.b[i] = x.timerId();
                    t.d[i] = strings.computeIfAbsent(x.tag(), k -> strings.size());
                }
                default -> {
                    t.kinds[i] = OTHER;
                    t.others[i] = e;
                }
            }
        }
        t.strings = strings.keySet().toArray(String[]::new);
        List<Record> records = new ArrayList<>();
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(file, 10, file.length - 10); // after the preamble
        for (Record r; (r = Record.parseDelimitedFrom(in)) != null; ) {
            if (r.hasEvent()) {
                records.add(r);
                r.writeDelimitedTo(frames);
            }
        }
        t.records = records.toArray(Record[]::new);
        t.eventFrames = frames.toByteArray();
        return t;
    }

    /** Baseline: the seed at OFF. */
    @Benchmark
    @Threads(1)
    public RunResult engineOff() {
        return Simulation.replay(scenario, nextSeed());
    }

    /** The seed recorded at EVENTS into memory. */
    @Benchmark
    @Threads(1)
    public RunResult engineEvents() {
        memory.reset();
        return TraceRecording.run(scenario, nextSeed(), RunOptions.DEFAULTS, output, memory);
    }

    /** The seed's events through a new writer: the whole file's encoding, without the engine. */
    @Benchmark
    @Threads(1)
    public int writerOnly() {
        CapturedTrace t = traces[nextSeed()];
        memory.reset();
        try (TraceWriter w = TraceWriter.create(memory, t.header, TraceWriter.Options.defaults())) {
            int[] ids = new int[t.strings.length];
            for (int s = 1; s < ids.length; s++) {
                ids[s] = w.stringId(t.strings[s]);
            }
            int[] kinds = t.kinds;
            for (int i = 0; i < kinds.length; i++) {
                switch (kinds[i]) {
                    case NODE_STARTED -> w.nodeStarted(t.step[i], t.time[i], (int) t.a[i], t.b[i]);
                    case SENT -> w.messageSent(t.step[i], t.time[i], t.a[i], (int) t.b[i], (int) t.c[i],
                            ids[(int) t.d[i]], t.e[i], null);
                    case DELIVERED -> w.messageDelivered(t.step[i], t.time[i], t.a[i], (int) t.b[i], (int) t.c[i],
                            ids[(int) t.d[i]]);
                    case TIMER_SET -> w.timerSet(t.step[i], t.time[i], (int) t.a[i], t.b[i], t.c[i], ids[(int) t.d[i]]);
                    case TIMER_FIRED -> w.timerFired(t.step[i], t.time[i], (int) t.a[i], t.b[i], ids[(int) t.d[i]]);
                    case TIMER_CANCELLED -> w.timerCancelled(t.step[i], t.time[i], (int) t.a[i], t.b[i],
                            ids[(int) t.d[i]]);
                    default -> w.write(t.others[i]);
                }
            }
            w.writeFooter(t.footer);
        }
        return memory.size();
    }

    /**
     * A new writer with the seed's header, string table and footer but no events: the part of
     * {@code writerOnly} that every trace pays whatever its length.
     */
    @Benchmark
    @Threads(1)
    public int writerFixedCost() {
        CapturedTrace t = traces[nextSeed()];
        memory.reset();
        try (TraceWriter w = TraceWriter.create(memory, t.header, TraceWriter.Options.defaults())) {
            for (int s = 1; s < t.strings.length; s++) {
                w.stringId(t.strings[s]);
            }
            w.writeFooter(t.footer);
        }
        return memory.size();
    }

    /**
     * The seed's events stored as fixed-width little-endian words, the cheapest encoding we could think of
     * for the same information: a first word with the kind, step delta and time delta, then one word (timer
     * fired and cancelled) or two (sent, delivered, timer set) for the kind's fields, with no varints, no
     * lengths, no checks and no framing. It is not a format anything reads; it measures what any encoding
     * that writes every event's fields as they happen must at least spend.
     */
    @Benchmark
    @Threads(1)
    public int fixedWidthOnly() {
        return encodeFixedWidth(traces[nextSeed()], target);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** {@link #fixedWidthOnly}'s encoding into {@code out}; returns the bytes written. */
    private static int encodeFixedWidth(CapturedTrace t, byte[] out) {
        int[] kinds = t.kinds;
        long prevStep = 0;
        long prevTime = 0;
        int pos = 0;
        for (int i = 0; i < kinds.length; i++) {
            int kind = kinds[i];
            long first = kind | (t.step[i] - prevStep) << 6 | (t.time[i] - prevTime) << 24;
            prevStep = t.step[i];
            prevTime = t.time[i];
            if (pos + 24 > out.length) {
                throw new IllegalStateException("the target array is too small for " + kinds.length + " events");
            }
            switch (kind) {
                case SENT, DELIVERED -> {
                    LONGS.set(out, pos, first);
                    LONGS.set(out, pos + 8, t.a[i] | t.b[i] << 40 | t.c[i] << 52);
                    LONGS.set(out, pos + 16, t.d[i] | t.e[i] << 20);
                    pos += 24;
                }
                case TIMER_SET -> {
                    LONGS.set(out, pos, first | t.a[i] << 58);
                    LONGS.set(out, pos + 8, t.b[i] | t.d[i] << 40);
                    LONGS.set(out, pos + 16, t.c[i] - t.time[i]);
                    pos += 24;
                }
                default -> {
                    LONGS.set(out, pos, first | t.a[i] << 58);
                    LONGS.set(out, pos + 8, t.b[i] | t.d[i] << 40);
                    pos += 16;
                }
            }
        }
        return pos;
    }

    /** The same event records written field by field with protobuf-java's encoder. */
    @Benchmark
    @Threads(1)
    public int protobufCodedStream() throws IOException {
        return encodeWithCodedStream(traces[nextSeed()], target);
    }

    /** The same event records, already built as messages, serialised by protobuf-java. */
    @Benchmark
    @Threads(1)
    public int protobufMessages() throws IOException {
        CodedOutputStream out = CodedOutputStream.newInstance(target);
        for (Record r : traces[nextSeed()].records) {
            out.writeUInt32NoTag(r.getSerializedSize());
            r.writeTo(out);
        }
        return out.getTotalBytesWritten();
    }

    /** The event records' bytes copied: no encoding at all. */
    @Benchmark
    @Threads(1)
    public int copyOnly() {
        byte[] frames = traces[nextSeed()].eventFrames;
        System.arraycopy(frames, 0, target, 0, frames.length);
        return frames.length;
    }

    private int nextSeed() {
        int s = next;
        next = (s + 1) & (SEEDS - 1);
        return s;
    }

    /**
     * Writes t's event records as {@code <length><Record{event}>} frames, computing every size first the way
     * protobuf-java's generated code does, and returns the number of bytes written.
     */
    private static int encodeWithCodedStream(CapturedTrace t, byte[] target) {
        CodedOutputStream out = CodedOutputStream.newInstance(target);
        long prevStep = 0;
        long prevTime = 0;
        try {
            for (int i = 0; i < t.kinds.length; i++) {
                int kind = t.kinds[i];
                if (kind == OTHER) {
                    prevStep = t.step[i];
                    prevTime = t.time[i];
                    Record r = t.records[i];
                    out.writeUInt32NoTag(r.getSerializedSize());
                    r.writeTo(out);
                    continue;
                }
                long stepDelta = t.step[i] - prevStep;
                long timeDelta = t.time[i] - prevTime;
                prevStep = t.step[i];
                prevTime = t.time[i];
                // Stored ids are the trace's own: in every capture here the table is defined in order of
                // first use, which is also the order the writer assigns them.
                long f1;
                long f2;
                long f3;
                long f4;
                long f5;
                int field;
                switch (kind) {
                    case NODE_STARTED -> {
                        field = Event.NODE_STARTED_FIELD_NUMBER;
                        f1 = t.a[i];
                        f2 = t.b[i];
                        f3 = 0;
                        f4 = 0;
                        f5 = 0;
                    }
                    case SENT -> {
                        field = Event.MESSAGE_SENT_FIELD_NUMBER;
                        f1 = t.a[i];
                        f2 = t.b[i];
                        f3 = t.c[i];
                        f4 = t.d[i];
                        f5 = t.e[i];
                    }
                    case DELIVERED -> {
                        field = Event.MESSAGE_DELIVERED_FIELD_NUMBER;
                        f1 = t.a[i];
                        f2 = t.b[i];
                        f3 = t.c[i];
                        f4 = t.d[i];
                        f5 = 0;
                    }
                    case TIMER_SET -> {
                        field = Event.TIMER_SET_FIELD_NUMBER;
                        f1 = t.a[i];
                        f2 = t.b[i];
                        f3 = t.c[i] - t.time[i];
                        f4 = t.d[i];
                        f5 = 0;
                    }
                    case TIMER_FIRED -> {
                        field = Event.TIMER_FIRED_FIELD_NUMBER;
                        f1 = t.a[i];
                        f2 = t.b[i];
                        f3 = t.d[i];
                        f4 = 0;
                        f5 = 0;
                    }
                    default -> {
                        field = Event.TIMER_CANCELLED_FIELD_NUMBER;
                        f1 = t.a[i];
                        f2 = t.b[i];
                        f3 = t.d[i];
                        f4 = 0;
                        f5 = 0;
                    }
                }
                int body = size(1, f1) + size(2, f2) + size(3, f3) + size(4, f4) + size(5, f5);
                int eventSize = CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(body)
                        + body + size(Event.STEP_DELTA_FIELD_NUMBER, stepDelta)
                        + size(Event.TIME_DELTA_FIELD_NUMBER, timeDelta);
                int recordSize = CodedOutputStream.computeTagSize(Record.EVENT_FIELD_NUMBER)
                        + CodedOutputStream.computeUInt32SizeNoTag(eventSize) + eventSize;
                out.writeUInt32NoTag(recordSize);
                out.writeTag(Record.EVENT_FIELD_NUMBER, 2);
                out.writeUInt32NoTag(eventSize);
                out.writeTag(field, 2);
                out.writeUInt32NoTag(body);
                put(out, 1, f1);
                put(out, 2, f2);
                put(out, 3, f3);
                put(out, 4, f4);
                put(out, 5, f5);
                put(out, Event.STEP_DELTA_FIELD_NUMBER, stepDelta);
                put(out, Event.TIME_DELTA_FIELD_NUMBER, timeDelta);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.getTotalBytesWritten();
    }

    private static int size(int field, long value) {
        return value == 0 ? 0 : CodedOutputStream.computeUInt64Size(field, value);
    }

    private static void put(CodedOutputStream out, int field, long value) throws IOException {
        if (value != 0) {
            out.writeUInt64(field, value);
        }
    }
}

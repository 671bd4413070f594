package dev.seedloop.trace;

import dev.seedloop.trace.internal.Checks;
import dev.seedloop.trace.internal.HeaderCodec;
import dev.seedloop.trace.internal.Limits;
import dev.seedloop.trace.internal.Magic;
import dev.seedloop.trace.internal.SnapshotBody;
import dev.seedloop.trace.internal.StringInterner;
import dev.seedloop.trace.internal.Wire;
import dev.seedloop.trace.v1.Record;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.GZIPOutputStream;

/**
 * Streams a trace to a file or stream: the preamble and header at construction, then events, then the
 * footer.
 *
 * <p>Events are written in one of two ways, which produce the same bytes: {@link #write(TraceEvent)}
 * takes any event object; the primitive methods ({@link #nodeStarted}, {@link #messageSent},
 * {@link #messageDelivered}, {@link #messageDropped}, {@link #messageDuplicated}, {@link #timerSet},
 * {@link #timerFired}, {@link #timerCancelled}, {@link #stateSnapshot}) take the fields of the frequent
 * kinds as they are, with interned strings passed as ids from {@link #stringId}, and allocate nothing:
 * they are for a recorder that writes millions of events. Either way each event is encoded straight into
 * the buffer as protobuf wire bytes, byte for byte what protobuf-java writes for the same {@code Record}.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Bounded memory: records go into a buffer of at most {@link Options#bufferBytes()} that is written
 *       out whole (a record larger than that is handed to the stream on its own, its checkpoint following
 *       with the next buffer); only the string table grows, and it is bounded by the vocabulary of type names and
 *       labels. (The buffer starts at 8 KiB and grows as needed; a closed writer leaves it to the next
 *       writer created on the same thread, one per thread, so a trace per seed does not allocate one.)
 *   <li>Integrity: every block of records (one buffer's worth, at most 64 KiB) ends with a checkpoint
 *       record carrying its CRC-32C, so readers detect flipped bits anywhere, not only in digested fields.
 *   <li>Whole records: the buffer is only ever written at record boundaries, so a process killed between
 *       {@link #flush()} calls leaves a file whose every record but possibly the last is whole, which
 *       {@link TraceReader} reads up to the damage. {@link #flush()} pushes everything written so far to
 *       the operating system (through the gzip stream's sync flush when compressing).
 *   <li>The trace level of the header is applied: at {@link TraceLevel#EVENTS} payload renderings are
 *       removed and state snapshots and invariant checks are skipped, so the engine may hand over the same
 *       events at every level.
 *   <li>Misuse fails at the call with {@link IllegalArgumentException} or {@link IllegalStateException}:
 *       events out of step or time order, nodes not in the header, string ids this writer did not hand
 *       out, a second footer, writes after close. A refused event is not written.
 * </ul>
 *
 * <p>I/O errors are thrown as {@link UncheckedIOException}. Not thread-safe: one run owns one writer.
 *
 * <pre>{@code
 * try (TraceWriter w = TraceWriter.create(path, header, TraceWriter.Options.defaults())) {
 *     w.write(new TraceEvent.NodeStarted(0, 0, 0, 0));
 *     int ping = w.stringId("Ping");                      // once; then only the id
 *     w.messageSent(1, 1_000, 7, 0, 1, ping, 5_000_000, null);
 *     ...
 *     w.writeFooter(TraceFooter.passed(steps, digest, now));
 * }
 * }</pre>
 */
public final class TraceWriter implements Closeable, Flushable {

    /**
     * How a writer writes.
     *
     * @param gzip compress the whole file with gzip (readers detect it)
     * @param bufferBytes the checkpoint block size, which is also the most the record buffer grows to
     *     (256..65536); a larger record is written on its own
     */
    public record Options(boolean gzip, int bufferBytes) {
        public Options {
            if (bufferBytes < 256 || bufferBytes > Limits.MAX_BLOCK_BYTES) {
                throw new IllegalArgumentException("bufferBytes must be in 256.." + Limits.MAX_BLOCK_BYTES
                        + ", was " + bufferBytes);
            }
        }

        /** Uncompressed, 64 KiB buffer. */
        public static Options defaults() {
            return new Options(false, 64 * 1024);
        }

        /** These options with compression switched on or off. */
        public Options withGzip(boolean on) {
            return new Options(on, bufferBytes);
        }
    }

    /** Room always kept free in the buffer for the checkpoint that closes a block (one needs at most 19). */
    private static final int CHECKPOINT_RESERVE = 32;
    /** The buffer starts this small and doubles as needed: blocks end where the options say, whatever its size. */
    private static final int INITIAL_BUFFER_BYTES = 8 * 1024;
    /**
     * The buffer of the last writer this thread closed, for the next writer it creates: a run that records
     * a trace per seed then neither allocates nor zeroes a buffer per trace. At most one buffer (at most a
     * block, 64 KiB) per thread is kept; it never holds anything that has not been written out.
     */
    private static final ThreadLocal<byte[]> SPARE_BUFFER = new ThreadLocal<>();
    /** The longest framed event without text: 1 + 1 + 1 + 2 + 1 + 5 * 11 + 2 * 11 bytes, under 128. */
    private static final int MAX_SHORT_RECORD = 83;

    /** The tag of {@code Record.event} (field 2), {@code Record.string} (4), {@code Record.checkpoint} (5). */
    private static final byte RECORD_EVENT = 2 << 3 | Wire.LEN;
    private static final byte RECORD_STRING = 4 << 3 | Wire.LEN;
    private static final byte RECORD_CHECKPOINT = 5 << 3 | Wire.LEN;
    /** {@code Event.step_delta} and {@code Event.time_delta}: fields 14 and 15, after kinds 1..13. */
    private static final int STEP_DELTA = 14;
    private static final int TIME_DELTA = 15;

    private final OutputStream sink;
    private final GZIPOutputStream gzip;
    /** The records not yet handed to the sink; grows up to {@link #blockBytes}, so a short trace stays small. */
    private byte[] buffer;
    private final int blockBytes;
    private final boolean full;
    private final int nodeCount;
    private final StringInterner strings = new StringInterner();
    /** The number of strings defined (ids 1..this are valid), kept beside the table for the event methods. */
    private int stringCount;
    private final CRC32C blockCrc = new CRC32C();
    /** Where the records of the open block begin in the buffer: a block is always contiguous there. */
    private int blockStart;
    private long blockRecords;
    private int buffered;
    private long recordsWritten;
    private long bytesWritten;
    private long prevStep;
    private long prevTime;
    /** The end the record being written must reach: encoded sizes are checked against what is written. */
    private int recordEnd;
    /** Where the record being written goes: the buffer, or an array of its own for a record larger than a block. */
    private byte[] out;
    /** The event {@link #write(TraceEvent)} is writing, to name it in error messages; else null. */
    private TraceEvent describing;
    /** Per node, its last snapshot's fields, encoded: the next snapshot re-encodes only what changed. */
    private SnapshotBody[] snapshotBodies = new SnapshotBody[0];
    private boolean footerWritten;
    private boolean closed;
    /** Neither closed nor past the footer: the one flag the event methods test. */
    private boolean acceptsEvents = true;

    private TraceWriter(OutputStream out, TraceHeader header, Options options) throws IOException {
        if (header.identity().level() == TraceLevel.OFF) {
            throw new IllegalArgumentException("trace level OFF writes no file; do not create a TraceWriter for it");
        }
        this.gzip = options.gzip() ? new GZIPOutputStream(out, 8192, true) : null;
        this.sink = gzip != null ? gzip : out;
        this.blockBytes = options.bufferBytes();
        byte[] spare = SPARE_BUFFER.get();
        SPARE_BUFFER.remove();
        this.buffer = spare != null ? spare : new byte[Math.min(blockBytes, INITIAL_BUFFER_BYTES)];
        this.full = header.identity().level() == TraceLevel.FULL;
        this.nodeCount = header.identity().nodes().size();
        FormatVersion v = FormatVersion.CURRENT;
        System.arraycopy(Magic.BYTES, 0, buffer, 0, Magic.BYTES.length);
        buffer[Magic.BYTES.length] = (byte) v.major();
        buffer[Magic.BYTES.length + 1] = (byte) v.minor();
        buffered = Magic.PREAMBLE_LENGTH;
        blockStart = buffered;
        HeaderCodec.HeaderRecord record = HeaderCodec.header(header, v);
        int headerAt = beginRecord(record.size());
        endRecord(record.put(this.out, headerAt));
        // The header is its own block, so a reader can check it before trusting anything in it.
        appendCheckpoint();
    }

    /**
     * Starts a trace on a stream, writing the preamble and header. The writer owns the stream and closes it.
     */
    public static TraceWriter create(OutputStream out, TraceHeader header, Options options) {
        try {
            return new TraceWriter(out, header, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the trace: " + e.getMessage(), e);
        }
    }

    /** Starts a trace file at {@code path} (replacing any file there), writing the preamble and header. */
    public static TraceWriter create(Path path, TraceHeader header, Options options) {
        OutputStream out;
        try {
            out = Files.newOutputStream(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create trace file " + path + ": " + e.getMessage()
                    + "; check that its directory exists and is writable", e);
        }
        return create(out, header, options);
    }

    /** Appends one event (applying the header's trace level: see the class comment). */
    public void write(TraceEvent event) {
        checkWritable();
        describing = event;
        try {
            switch (event) {
                case TraceEvent.NodeStarted x -> nodeStarted(x.step(), x.timeNanos(), x.node(), x.incarnation());
                case TraceEvent.NodeCrashed x -> event(EventKindCode.NODE_CRASHED, x.step(), x.timeNanos(),
                        node(x.node()), 0, 0, 0, 0, 0, null);
                case TraceEvent.MessageSent x -> messageSent(x.step(), x.timeNanos(), x.messageId(), x.src(), x.dst(),
                        stringId(x.type()), x.latencyNanos(), x.payload());
                case TraceEvent.MessageDelivered x -> messageDelivered(x.step(), x.timeNanos(), x.messageId(), x.src(),
                        x.dst(), stringId(x.type()));
                case TraceEvent.MessageDropped x -> messageDropped(x.step(), x.timeNanos(), x.messageId(), x.src(),
                        x.dst(), stringId(x.type()), x.reason());
                case TraceEvent.MessageDuplicated x -> messageDuplicated(x.step(), x.timeNanos(), x.messageId(),
                        x.src(), x.dst(), stringId(x.type()), x.latencyNanos());
                case TraceEvent.TimerSet x -> timerSet(x.step(), x.timeNanos(), x.node(), x.timerId(), x.fireAtNanos(),
                        stringId(x.tag()));
                case TraceEvent.TimerFired x -> timerFired(x.step(), x.timeNanos(), x.node(), x.timerId(),
                        stringId(x.tag()));
                case TraceEvent.TimerCancelled x -> timerCancelled(x.step(), x.timeNanos(), x.node(), x.timerId(),
                        stringId(x.tag()));
                case TraceEvent.NetworkChanged x -> networkChanged(x);
                case TraceEvent.Note x -> event(EventKindCode.NOTE, x.step(), x.timeNanos(), stringId(x.label()),
                        0, 0, 0, 0, 2, nonEmpty(x.detail()));
                case TraceEvent.Log x -> event(EventKindCode.LOG, x.step(), x.timeNanos(), node(x.node()),
                        0, 0, 0, 0, 2, nonEmpty(x.text()));
                case TraceEvent.InvariantViolated x -> event(EventKindCode.INVARIANT_VIOLATED, x.step(), x.timeNanos(),
                        stringId(x.name()), 0, 0, 0, 0, 2, nonEmpty(cut(x.evidence())));
                case TraceEvent.StateSnapshot x -> stateSnapshot(x);
                case TraceEvent.NodePaused x -> event(EventKindCode.NODE_PAUSED, x.step(), x.timeNanos(),
                        node(x.node()), x.untilNanos() - x.timeNanos(), 0, 0, 0, 0, null);
                case TraceEvent.NodeResumed x -> event(EventKindCode.NODE_RESUMED, x.step(), x.timeNanos(),
                        node(x.node()), 0, 0, 0, 0, 0, null);
                case TraceEvent.FaultBegin x -> event(EventKindCode.FAULT_BEGIN, x.step(), x.timeNanos(), x.faultId(),
                        stringId(x.fault()), optionalNode(x.nodeA()), optionalNode(x.nodeB()), 0,
                        5, nonEmpty(x.description()));
                case TraceEvent.FaultEnd x -> event(EventKindCode.FAULT_END, x.step(), x.timeNanos(), x.faultId(),
                        stringId(x.fault()), optionalNode(x.nodeA()), optionalNode(x.nodeB()), 0, 0, null);
                case TraceEvent.ScheduleDecision x -> event(EventKindCode.SCHEDULE_DECISION, x.step(), x.timeNanos(),
                        Integer.toUnsignedLong(x.decision()), optionalNode(x.node()), x.value(), 0, 0, 0, null);
                case TraceEvent.BuggifyFired x -> event(EventKindCode.BUGGIFY_FIRED, x.step(), x.timeNanos(),
                        node(x.node()), stringId(x.point()), 0, 0, 0, 0, null);
                case TraceEvent.StorageSync x -> event(EventKindCode.STORAGE_SYNC, x.step(), x.timeNanos(),
                        node(x.node()), x.writes(), 0, 0, 0, 0, null);
                case TraceEvent.StorageLost x -> event(EventKindCode.STORAGE_LOST, x.step(), x.timeNanos(),
                        node(x.node()), x.lost(), x.torn() ? 1 : 0, 0, 0, 0, null);
                case TraceEvent.InvariantChecked x -> {
                    if (full) {
                        invariantChecked(x.step(), x.timeNanos(), stringId(x.name()), x.holds());
                    }
                }
                case TraceEvent.LivenessHeld x -> {
                    if (full) {
                        livenessHeld(x.step(), x.timeNanos(), stringId(x.name()), x.waitedNanos(), x.withinNanos());
                    }
                }
                case TraceEvent.Unknown x -> throw new IllegalArgumentException(
                        "an event of unknown kind " + x.code() + " cannot be written: its content was not read");
            }
        } finally {
            describing = null;
        }
    }

    /**
     * The id of {@code text} in this trace's string table, defining it first if it is new: its
     * {@code StringEntry} record is written now, so it precedes every event that uses the id. The empty
     * string is id 0 and is never defined. Ids belong to this writer; an event method given an id this
     * writer has not returned refuses it.
     *
     * @throws IllegalArgumentException if {@code text} is longer than an interned string may be (4,096 chars)
     * @throws IllegalStateException if the table is full (1,048,576 strings)
     */
    public int stringId(String text) {
        checkWritable();
        int id = strings.idOf(Checks.notNull(text, "an interned string"));
        return id >= 0 ? id : defineString(text);
    }

    /** Appends a {@code node_started} event: as {@link #write} with a {@link TraceEvent.NodeStarted}. */
    public void nodeStarted(long step, long timeNanos, int node, long incarnation) {
        event(EventKindCode.NODE_STARTED, step, timeNanos, node(node), nonNegative(incarnation, "incarnation"),
                0, 0, 0, 0, null);
    }

    /**
     * Appends a {@code message_sent} event: as {@link #write} with a {@link TraceEvent.MessageSent} whose type
     * is the string {@code typeId} stands for ({@link #stringId}). {@code payload} may be null; at
     * {@link TraceLevel#EVENTS} it is not written.
     */
    public void messageSent(long step, long timeNanos, long messageId, int src, int dst, int typeId,
            long latencyNanos, String payload) {
        event(EventKindCode.MESSAGE_SENT, step, timeNanos, messageId, node(src), node(dst), string(typeId),
                nonNegative(latencyNanos, "latencyNanos"), 6, full && payload != null ? cut(payload) : null);
    }

    /** Appends a {@code message_delivered} event; {@code typeId} as for {@link #messageSent}. */
    public void messageDelivered(long step, long timeNanos, long messageId, int src, int dst, int typeId) {
        event(EventKindCode.MESSAGE_DELIVERED, step, timeNanos, messageId, node(src), node(dst), string(typeId),
                0, 0, null);
    }

    /** Appends a {@code message_dropped} event; {@code typeId} as for {@link #messageSent}. */
    public void messageDropped(long step, long timeNanos, long messageId, int src, int dst, int typeId,
            DropReason reason) {
        event(EventKindCode.MESSAGE_DROPPED, step, timeNanos, messageId, node(src), node(dst), string(typeId),
                Checks.notNull(reason, "reason").code(), 0, null);
    }

    /** Appends a {@code message_duplicated} event; {@code typeId} as for {@link #messageSent}. */
    public void messageDuplicated(long step, long timeNanos, long messageId, int src, int dst, int typeId,
            long latencyNanos) {
        event(EventKindCode.MESSAGE_DUPLICATED, step, timeNanos, messageId, node(src), node(dst), string(typeId),
                nonNegative(latencyNanos, "latencyNanos"), 0, null);
    }

    /**
     * Appends a {@code timer_set} event for a timer due at absolute virtual time {@code fireAtNanos};
     * {@code tagId} is a {@link #stringId} (0 for no tag).
     */
    public void timerSet(long step, long timeNanos, int node, long timerId, long fireAtNanos, int tagId) {
        if (fireAtNanos < timeNanos) {
            throw new IllegalArgumentException("fireAtNanos " + fireAtNanos + " is before the event's time " + timeNanos);
        }
        event(EventKindCode.TIMER_SET, step, timeNanos, node(node), timerId, fireAtNanos - timeNanos,
                string(tagId), 0, 0, null);
    }

    /** Appends a {@code timer_fired} event; {@code tagId} as for {@link #timerSet}. */
    public void timerFired(long step, long timeNanos, int node, long timerId, int tagId) {
        event(EventKindCode.TIMER_FIRED, step, timeNanos, node(node), timerId, string(tagId), 0, 0, 0, null);
    }

    /** Appends a {@code timer_cancelled} event; {@code tagId} as for {@link #timerSet}. */
    public void timerCancelled(long step, long timeNanos, int node, long timerId, int tagId) {
        event(EventKindCode.TIMER_CANCELLED, step, timeNanos, node(node), timerId, string(tagId), 0, 0, 0, null);
    }

    /**
     * Appends an {@code invariant_checked} event for the invariant whose name {@code nameId} stands for
     * ({@link #stringId}): as {@link #write} with a {@link TraceEvent.InvariantChecked}. Written at
     * {@link TraceLevel#FULL} only; at EVENTS this does nothing (and {@code nameId} is not looked at, so a
     * caller need not intern the name).
     */
    public void invariantChecked(long step, long timeNanos, int nameId, boolean holds) {
        checkWritable();
        if (full) {
            event(TraceEventKind.INVARIANT_CHECKED.code(), step, timeNanos, string(nameId), holds ? 1 : 0,
                    0, 0, 0, 0, null);
        }
    }

    /**
     * Appends a {@code liveness_held} event for the property whose name {@code nameId} stands for
     * ({@link #stringId}): as {@link #write} with a {@link TraceEvent.LivenessHeld}. Written at
     * {@link TraceLevel#FULL} only, as {@link #invariantChecked} is.
     */
    public void livenessHeld(long step, long timeNanos, int nameId, long waitedNanos, long withinNanos) {
        checkWritable();
        if (full) {
            Checks.nonNegative(waitedNanos, "waitedNanos");
            Checks.nonNegative(withinNanos, "withinNanos");
            if (waitedNanos > timeNanos) {
                // A reader would take such an event for corruption: the property stated before time 0.
                throw new IllegalArgumentException("waitedNanos " + waitedNanos + " exceeds timeNanos " + timeNanos);
            }
            event(TraceEventKind.LIVENESS_HELD.code(), step, timeNanos, string(nameId), waitedNanos, withinNanos,
                    0, 0, 0, null);
        }
    }

    /**
     * Appends a {@code state_snapshot} of {@code node} with the first {@code count} fields of the two arrays
     * (names as {@link #stringId}s, values as renderings, cut like every rendering). Written at
     * {@link TraceLevel#FULL} only; at EVENTS this does nothing. The arrays are only read, and may be reused
     * by the caller.
     */
    public void stateSnapshot(long step, long timeNanos, int node, int count, int[] nameIds, String[] values) {
        checkWritable();
        if (!full) {
            return;
        }
        if (count < 0 || count > nameIds.length || count > values.length) {
            throw new IllegalArgumentException("count " + count + " does not fit arrays of " + nameIds.length
                    + " names and " + values.length + " values");
        }
        checkOrder(TraceEventKind.STATE_SNAPSHOT.code(), step, timeNanos);
        long nodeIndex = node(node);
        SnapshotBody fields = snapshotBody(node, count, nameIds, values);
        int body = Wire.fieldSize(nodeIndex) + fields.length();
        long stepDelta = step - prevStep;
        long timeDelta = timeNanos - prevTime;
        int pos = openEvent(TraceEventKind.STATE_SNAPSHOT.code(), body, stepDelta, timeDelta);
        byte[] out = this.out;
        pos = Wire.put(out, pos, 1, nodeIndex);
        System.arraycopy(fields.bytes(), 0, out, pos, fields.length());
        pos += fields.length();
        closeEvent(TraceEventKind.STATE_SNAPSHOT.code(), pos, step, timeNanos, stepDelta, timeDelta);
    }

    /**
     * The node's snapshot body with these fields: an entry is re-encoded only where the name id differs
     * from the node's previous snapshot or the value is not the very same string object as then, so a
     * caller that keeps the rendering of an unchanged field (as the engine does) has it encoded once.
     */
    private SnapshotBody snapshotBody(int node, int count, int[] nameIds, String[] values) {
        if (node >= snapshotBodies.length) {
            snapshotBodies = Arrays.copyOf(snapshotBodies, nodeCount);
        }
        SnapshotBody fields = snapshotBodies[node];
        if (fields == null) {
            snapshotBodies[node] = fields = new SnapshotBody();
        }
        fields.begin(count);
        for (int i = 0; i < count; i++) {
            String value = Checks.notNull(values[i], "a snapshot value");
            int name = (int) string(nameIds[i]);
            if (!fields.holds(i, name, value)) {
                fields.set(i, name, value, cut(value));
            }
        }
        return fields;
    }

    /** Appends the footer. After it only {@link #flush()} and {@link #close()} are allowed. */
    public void writeFooter(TraceFooter footer) {
        checkOpen();
        if (footerWritten) {
            throw new IllegalStateException("the footer is already written");
        }
        int footerAt = beginRecord(HeaderCodec.footerRecordSize(footer));
        endRecord(HeaderCodec.putFooterRecord(out, footerAt, footer));
        appendCheckpoint();
        footerWritten = true;
        acceptsEvents = false;
    }

    /** Pushes every record written so far to the operating system, so that a crash cannot lose them. */
    @Override
    public void flush() {
        checkOpen();
        try {
            drain();
            sink.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush the trace: " + e.getMessage(), e);
        }
    }

    /**
     * Flushes and closes. A trace closed without a footer reads as truncated, which is what it is.
     * Closing twice does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            drain();
            if (gzip != null) {
                gzip.finish();
            }
            sink.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the trace: " + e.getMessage(), e);
        } finally {
            closed = true;
            acceptsEvents = false;
            SPARE_BUFFER.set(buffer);
            buffer = null;
            out = null;
        }
    }

    /** The number of records (header, strings, events, footer) written so far. */
    public long recordsWritten() {
        return recordsWritten;
    }

    /** The number of uncompressed bytes written so far, preamble included. */
    public long bytesWritten() {
        return bytesWritten + buffered;
    }

    // ---------------------------------------------------------------------------------------------
    // Encoding. Every event is written straight into the buffer: its sizes are computed first (proto3
    // omits zero fields, so sizes depend on values), then the framed record is written front to back.

    /**
     * Appends an event whose kind message is up to five varint fields numbered 1..5 (zero values are
     * omitted, as proto3 does) followed by an optional string field {@code textField} ({@code text} null:
     * absent). Every kind but {@code network_changed} and {@code state_snapshot} has this shape.
     */
    private void event(int kind, long step, long timeNanos, long f1, long f2, long f3, long f4, long f5,
            int textField, String text) {
        checkWritable();
        checkOrder(kind, step, timeNanos);
        if (text == null && buffered + MAX_SHORT_RECORD + CHECKPOINT_RESERVE <= blockBytes) {
            shortEvent(kind, step, timeNanos, f1, f2, f3, f4, f5);
            return;
        }
        int body = Wire.fieldSize(f1) + Wire.fieldSize(f2) + Wire.fieldSize(f3) + Wire.fieldSize(f4)
                + Wire.fieldSize(f5);
        byte[] utf8 = null;
        if (text != null) {
            utf8 = Wire.utf8UnlessAscii(text);
            body += Wire.lenFieldSize(Wire.utf8Length(text, utf8));
        }
        long stepDelta = step - prevStep;
        long timeDelta = timeNanos - prevTime;
        int pos = openEvent(kind, body, stepDelta, timeDelta);
        byte[] out = this.out;
        pos = Wire.put(out, pos, 1, f1);
        pos = Wire.put(out, pos, 2, f2);
        pos = Wire.put(out, pos, 3, f3);
        pos = Wire.put(out, pos, 4, f4);
        pos = Wire.put(out, pos, 5, f5);
        if (text != null) {
            pos = Wire.putString(out, pos, textField, text, utf8);
        }
        closeEvent(kind, pos, step, timeNanos, stepDelta, timeDelta);
    }

    /**
     * {@link #event} for an event without text, when the block has room for the longest one: such an event
     * is at most {@link #MAX_SHORT_RECORD} bytes framed (five varint fields of at most 11 bytes, two deltas,
     * a two-byte kind tag), so each of its three length prefixes takes exactly one byte. They are written
     * as placeholders and filled in once the body is written, so no size is computed beforehand; the bytes
     * and the block boundaries are the same as the size-first path would give.
     */
    private void shortEvent(int kind, long step, long timeNanos, long f1, long f2, long f3, long f4, long f5) {
        int at = buffered;
        if (at + MAX_SHORT_RECORD + CHECKPOINT_RESERVE > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(blockBytes, 2 * buffer.length));
        }
        byte[] b = buffer;
        long stepDelta = step - prevStep;
        long timeDelta = timeNanos - prevTime;
        // [record length] [Record.event tag] [event length], then the event's fields in field-number order:
        // [kind tag] [kind length] [kind body] [deltas] for kinds 1..13, [deltas] [kind tag] ... for 16 and up.
        b[at + 1] = RECORD_EVENT;
        int pos;
        if (kind < STEP_DELTA) {
            b[at + 3] = (byte) (kind << 3 | Wire.LEN);
            pos = putFields(b, at + 5, f1, f2, f3, f4, f5);
            b[at + 4] = (byte) (pos - (at + 5));
            pos = putDeltas(b, pos, stepDelta, timeDelta);
        } else {
            pos = putDeltas(b, at + 3, stepDelta, timeDelta);
            b[pos] = (byte) (kind << 3 | Wire.LEN | 0x80); // a field number of 16..2047 makes a two-byte tag
            b[pos + 1] = (byte) (kind >>> 4);
            int bodyStart = pos + 3;
            pos = putFields(b, bodyStart, f1, f2, f3, f4, f5);
            b[bodyStart - 1] = (byte) (pos - bodyStart);
        }
        b[at + 2] = (byte) (pos - (at + 3));
        b[at] = (byte) (pos - (at + 1));
        buffered = pos;
        blockRecords++;
        recordsWritten++;
        prevStep = step;
        prevTime = timeNanos;
    }

    private static int putFields(byte[] b, int pos, long f1, long f2, long f3, long f4, long f5) {
        pos = Wire.put(b, pos, 1, f1);
        pos = Wire.put(b, pos, 2, f2);
        pos = Wire.put(b, pos, 3, f3);
        pos = Wire.put(b, pos, 4, f4);
        return Wire.put(b, pos, 5, f5);
    }

    private static int putDeltas(byte[] b, int pos, long stepDelta, long timeDelta) {
        return Wire.put(b, Wire.put(b, pos, STEP_DELTA, stepDelta), TIME_DELTA, timeDelta);
    }

    private void networkChanged(TraceEvent.NetworkChanged x) {
        checkWritable();
        int kind = EventKindCode.NETWORK_CHANGED;
        checkOrder(kind, x.step(), x.timeNanos());
        long change = x.change().code();
        long isolated = x.change() == NetworkChangeKind.ISOLATE ? node(x.node()) : 0;
        List<List<Integer>> groups = x.groups();
        int[] packed = new int[groups.size()];
        int body = Wire.fieldSize(change) + Wire.fieldSize(isolated);
        for (int g = 0; g < packed.length; g++) {
            for (int member : groups.get(g)) {
                packed[g] += Wire.varintSize(node(member));
            }
            body += Wire.lenFieldSize(packed[g] == 0 ? 0 : Wire.lenFieldSize(packed[g]));
        }
        long stepDelta = x.step() - prevStep;
        long timeDelta = x.timeNanos() - prevTime;
        int pos = openEvent(kind, body, stepDelta, timeDelta);
        byte[] out = this.out;
        pos = Wire.put(out, pos, 1, change);
        for (int g = 0; g < packed.length; g++) {
            pos = Wire.putTag(out, pos, 2, Wire.LEN);
            if (packed[g] == 0) {
                pos = Wire.putVarint(out, pos, 0);
                continue;
            }
            pos = Wire.putVarint(out, pos, Wire.lenFieldSize(packed[g]));
            pos = Wire.putTag(out, pos, 1, Wire.LEN);
            pos = Wire.putVarint(out, pos, packed[g]);
            for (int member : groups.get(g)) {
                pos = Wire.putVarint(out, pos, member);
            }
        }
        pos = Wire.put(out, pos, 3, isolated);
        closeEvent(kind, pos, x.step(), x.timeNanos(), stepDelta, timeDelta);
    }

    private void stateSnapshot(TraceEvent.StateSnapshot x) {
        if (!full) {
            return;
        }
        int count = x.fields().size();
        int[] names = new int[count];
        String[] values = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = stringId(x.fields().get(i).name());
            values[i] = x.fields().get(i).value();
        }
        stateSnapshot(x.step(), x.timeNanos(), x.node(), count, names, values);
    }

    private int defineString(String text) {
        int id = strings.define(text);
        stringCount = id;
        byte[] utf8 = Wire.utf8UnlessAscii(text);
        int body = Wire.fieldSize(id) + Wire.lenFieldSize(Wire.utf8Length(text, utf8));
        int pos = beginRecord(1 + Wire.varintSize(body) + body);
        byte[] out = this.out;
        out[pos++] = RECORD_STRING;
        pos = Wire.putVarint(out, pos, body);
        pos = Wire.put(out, pos, 1, id);
        pos = Wire.putString(out, pos, 2, text, utf8);
        endRecord(pos);
        return id;
    }

    /**
     * Starts the record of an event whose kind message has {@code body} bytes: writes the framing, the
     * {@code Event} tag and length, and the kind's tag and length, with the deltas in front of the kind
     * when its field number is above theirs (protobuf writes fields in field-number order). Returns where
     * the kind's body goes in {@link #out}.
     */
    private int openEvent(int kind, int body, long stepDelta, long timeDelta) {
        int event = (kind < 16 ? 1 : 2) + Wire.varintSize(body) + body
                + Wire.fieldSize(stepDelta) + Wire.fieldSize(timeDelta);
        int pos = beginRecord(1 + Wire.varintSize(event) + event);
        byte[] out = this.out;
        out[pos++] = RECORD_EVENT;
        pos = Wire.putVarint(out, pos, event);
        if (kind < STEP_DELTA) {
            out[pos++] = (byte) (kind << 3 | Wire.LEN);
        } else {
            pos = Wire.put(out, pos, STEP_DELTA, stepDelta);
            pos = Wire.put(out, pos, TIME_DELTA, timeDelta);
            // A field number of 16..2047 makes a two-byte tag.
            out[pos++] = (byte) (kind << 3 | Wire.LEN | 0x80);
            out[pos++] = (byte) (kind >>> 4);
        }
        return Wire.putVarint(out, pos, body);
    }

    /** Ends the record {@link #openEvent} began, its kind's body written up to {@code pos}. */
    private void closeEvent(int kind, int pos, long step, long timeNanos, long stepDelta, long timeDelta) {
        if (kind < STEP_DELTA) {
            pos = Wire.put(out, pos, STEP_DELTA, stepDelta);
            pos = Wire.put(out, pos, TIME_DELTA, timeDelta);
        }
        endRecord(pos);
        prevStep = step;
        prevTime = timeNanos;
    }

    /**
     * Makes room for a record of {@code size} bytes and writes its length prefix. The record goes into
     * the buffer, or, when it is larger than a block, into an array of its own; {@link #out} is where.
     * Returns the position of the record's first byte.
     */
    private int beginRecord(int size) {
        if (size > Limits.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("a record of " + size + " bytes exceeds the limit of "
                    + Limits.MAX_RECORD_BYTES + " bytes; a state snapshot or text this large cannot be traced,"
                    + " render it shorter");
        }
        int framed = Wire.varintSize(size) + size;
        if (buffered + framed + CHECKPOINT_RESERVE > blockBytes) {
            try {
                drain();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to the trace: " + e.getMessage(), e);
            }
        }
        int at;
        if (framed + CHECKPOINT_RESERVE > blockBytes) {
            // A record larger than a block is a block of its own: written directly, checkpoint after it.
            out = new byte[framed];
            at = 0;
        } else {
            if (buffered + framed + CHECKPOINT_RESERVE > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(blockBytes, Math.max(2 * buffer.length,
                        buffered + framed + CHECKPOINT_RESERVE)));
            }
            out = buffer;
            at = buffered;
        }
        recordEnd = at + framed;
        return Wire.putVarint(out, at, size);
    }

    /** Ends the record {@link #beginRecord} began; {@code pos} is where its encoding ended. */
    private void endRecord(int pos) {
        if (pos != recordEnd) {
            throw new IllegalStateException("internal error: a record was encoded to " + (pos - recordEnd)
                    + " bytes more than its computed size; the trace writer is broken");
        }
        if (out == buffer) {
            buffered = pos;
            blockRecords++;
        } else {
            byte[] alone = out;
            out = buffer;
            try {
                sink.write(alone);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to the trace: " + e.getMessage(), e);
            }
            bytesWritten += alone.length;
            blockCrc.reset();
            blockCrc.update(alone, 0, alone.length);
            putCheckpoint((int) blockCrc.getValue(), 1);
        }
        recordsWritten++;
    }

    /** Closes the open block with a checkpoint record (into the buffer, which always has room for it). */
    private void appendCheckpoint() {
        if (blockRecords == 0) {
            return;
        }
        blockCrc.reset();
        blockCrc.update(buffer, blockStart, buffered - blockStart);
        putCheckpoint((int) blockCrc.getValue(), blockRecords);
    }

    private void putCheckpoint(int crc, long records) {
        int body = (crc == 0 ? 0 : 5) + Wire.fieldSize(records);
        int pos = Wire.putVarint(buffer, buffered, 1 + Wire.varintSize(body) + body);
        buffer[pos++] = RECORD_CHECKPOINT;
        pos = Wire.putVarint(buffer, pos, body);
        pos = Wire.putFixed32(buffer, pos, 1, crc);
        pos = Wire.put(buffer, pos, 2, records);
        buffered = pos;
        blockStart = pos;
        blockRecords = 0;
        recordsWritten++;
    }

    private void drain() throws IOException {
        appendCheckpoint();
        if (buffered > 0) {
            sink.write(buffer, 0, buffered);
            bytesWritten += buffered;
            buffered = 0;
            blockStart = 0;
        }
    }

    private void checkOrder(int kind, long step, long timeNanos) {
        if (step < prevStep) {
            throw new IllegalArgumentException(describe(kind) + " has step " + step
                    + ", before the previous event's step " + prevStep + "; events must be written in step order");
        }
        if (timeNanos < prevTime) {
            throw new IllegalArgumentException(describe(kind) + " has time " + timeNanos
                    + " ns, before the previous event's " + prevTime + " ns; virtual time never goes back");
        }
    }

    private String describe(int kind) {
        if (describing != null) {
            return "event " + describing;
        }
        for (TraceEventKind k : TraceEventKind.values()) {
            if (k.code() == kind) {
                return "a " + k + " event";
            }
        }
        return "an event of kind " + kind;
    }

    private long node(int index) {
        if (index < 0 || index >= nodeCount) {
            throw new IllegalArgumentException("an event names node " + index + " but the header lists "
                    + nodeCount + " nodes (0.." + (nodeCount - 1) + "); list every node in the RunIdentity");
        }
        return index;
    }

    private long optionalNode(int index) {
        return index < 0 ? 0 : node(index) + 1;
    }

    private long string(int id) {
        if (id < 0 || id > stringCount) { // HashMap.size(): a field read
            throw new IllegalArgumentException("string id " + id + " is not defined in this trace (it has "
                    + strings.size() + " strings); get ids from stringId(String) of the same writer");
        }
        return id;
    }

    private static long nonNegative(long value, String what) {
        return Checks.nonNegative(value, what);
    }

    private static String nonEmpty(String text) {
        return text.isEmpty() ? null : text;
    }

    /** Renderings are for people; an unbounded one would break the record limit, so it is cut, visibly. */
    private static String cut(String s) {
        if (s.length() <= Limits.MAX_RENDERING_CHARS) {
            return s;
        }
        String marker = "...[cut " + (s.length() - Limits.MAX_RENDERING_CHARS) + " chars]";
        return s.substring(0, Limits.MAX_RENDERING_CHARS) + marker;
    }

    private void checkWritable() {
        if (!acceptsEvents) {
            checkOpen();
            throw new IllegalStateException("the footer is written; no event may follow it");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the trace writer is closed");
        }
    }
}

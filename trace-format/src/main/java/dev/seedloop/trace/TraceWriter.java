package dev.seedloop.trace;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import dev.seedloop.trace.internal.EventEncoder;
import dev.seedloop.trace.internal.HeaderCodec;
import dev.seedloop.trace.internal.Limits;
import dev.seedloop.trace.internal.Magic;
import dev.seedloop.trace.v1.Checkpoint;
import dev.seedloop.trace.v1.Record;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import java.util.zip.GZIPOutputStream;

/**
 * Streams a trace to a file or stream: the preamble and header at construction, then events, then the
 * footer.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Bounded memory: records go into a fixed buffer ({@link Options#bufferBytes()}) that is written out
 *       whole; only the string table grows, and it is bounded by the vocabulary of type names and labels.
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
 *       events out of step or time order, nodes not in the header, a second footer, writes after close.
 * </ul>
 *
 * <p>I/O errors are thrown as {@link UncheckedIOException}. Not thread-safe: one run owns one writer.
 *
 * <pre>{@code
 * try (TraceWriter w = TraceWriter.create(path, header, TraceWriter.Options.defaults())) {
 *     w.write(new TraceEvent.NodeStarted(0, 0, 0, 0));
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
     * @param bufferBytes the size of the record buffer, which is also the checkpoint block size
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

    private final OutputStream sink;
    private final GZIPOutputStream gzip;
    private final byte[] buffer;
    private final TraceLevel level;
    private final EventEncoder encoder;
    private final CRC32C blockCrc = new CRC32C();
    private long blockRecords;
    private int buffered;
    private long recordsWritten;
    private long bytesWritten;
    private boolean footerWritten;
    private boolean closed;

    private TraceWriter(OutputStream out, TraceHeader header, Options options) throws IOException {
        if (header.identity().level() == TraceLevel.OFF) {
            throw new IllegalArgumentException("trace level OFF writes no file; do not create a TraceWriter for it");
        }
        this.gzip = options.gzip() ? new GZIPOutputStream(out, 8192, true) : null;
        this.sink = gzip != null ? gzip : out;
        this.buffer = new byte[options.bufferBytes()];
        this.level = header.identity().level();
        this.encoder = new EventEncoder(header.identity().nodes().size(),
                entry -> append(Record.newBuilder().setString(entry).build()));
        FormatVersion v = FormatVersion.CURRENT;
        byte[] preamble = new byte[Magic.PREAMBLE_LENGTH];
        System.arraycopy(Magic.BYTES, 0, preamble, 0, Magic.BYTES.length);
        preamble[Magic.BYTES.length] = (byte) v.major();
        preamble[Magic.BYTES.length + 1] = (byte) v.minor();
        System.arraycopy(preamble, 0, buffer, 0, preamble.length);
        buffered = preamble.length;
        append(Record.newBuilder().setHeader(HeaderCodec.encode(header, v)).build());
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
        checkOpen();
        if (footerWritten) {
            throw new IllegalStateException("the footer is written; no event may follow it");
        }
        TraceEvent e = event;
        if (level != TraceLevel.FULL) {
            if (e instanceof TraceEvent.StateSnapshot || e instanceof TraceEvent.InvariantChecked) {
                return;
            }
            if (e instanceof TraceEvent.MessageSent m) {
                e = m.withoutPayload();
            }
        }
        append(Record.newBuilder().setEvent(encoder.encode(e)).build());
    }

    /** Appends the footer. After it only {@link #flush()} and {@link #close()} are allowed. */
    public void writeFooter(TraceFooter footer) {
        checkOpen();
        if (footerWritten) {
            throw new IllegalStateException("the footer is already written");
        }
        append(Record.newBuilder().setFooter(HeaderCodec.encode(footer)).build());
        appendCheckpoint();
        footerWritten = true;
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

    private void append(MessageLite record) {
        int size = record.getSerializedSize();
        if (size > Limits.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("a record of " + size + " bytes exceeds the limit of "
                    + Limits.MAX_RECORD_BYTES + " bytes; a state snapshot or text this large cannot be traced,"
                    + " render it shorter");
        }
        int framed = CodedOutputStream.computeUInt32SizeNoTag(size) + size;
        try {
            if (buffered + framed + CHECKPOINT_RESERVE > buffer.length) {
                drain();
            }
            if (framed + CHECKPOINT_RESERVE > buffer.length) {
                // A record larger than a block is a block of its own: written directly, checkpoint after it.
                byte[] big = new byte[framed];
                writeFramed(record, size, big, 0);
                sink.write(big);
                bytesWritten += framed;
                blockCrc.update(big, 0, framed);
                blockRecords++;
                appendCheckpoint();
            } else {
                writeFramed(record, size, buffer, buffered);
                blockCrc.update(buffer, buffered, framed);
                blockRecords++;
                buffered += framed;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the trace: " + e.getMessage(), e);
        }
        recordsWritten++;
    }

    /** Closes the current block with a checkpoint record (into the buffer, which always has room for it). */
    private void appendCheckpoint() {
        if (blockRecords == 0) {
            return;
        }
        Record cp = Record.newBuilder().setCheckpoint(Checkpoint.newBuilder()
                .setCrc32C((int) blockCrc.getValue()).setRecords(blockRecords)).build();
        int size = cp.getSerializedSize();
        try {
            writeFramed(cp, size, buffer, buffered);
        } catch (IOException e) {
            throw new IllegalStateException("the checkpoint reserve is too small", e);
        }
        buffered += CodedOutputStream.computeUInt32SizeNoTag(size) + size;
        blockCrc.reset();
        blockRecords = 0;
        recordsWritten++;
    }

    private static void writeFramed(MessageLite record, int size, byte[] into, int at) throws IOException {
        CodedOutputStream out = CodedOutputStream.newInstance(into, at, into.length - at);
        out.writeUInt32NoTag(size);
        record.writeTo(out);
        out.flush();
    }

    private void drain() throws IOException {
        appendCheckpoint();
        if (buffered > 0) {
            sink.write(buffer, 0, buffered);
            bytesWritten += buffered;
            buffered = 0;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the trace writer is closed");
        }
    }
}

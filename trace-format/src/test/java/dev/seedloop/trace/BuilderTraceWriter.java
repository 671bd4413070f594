package dev.seedloop.trace;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import dev.seedloop.trace.internal.EventEncoder;
import dev.seedloop.trace.internal.Limits;
import dev.seedloop.trace.internal.Magic;
import dev.seedloop.trace.v1.Checkpoint;
import dev.seedloop.trace.v1.Failure;
import dev.seedloop.trace.v1.Footer;
import dev.seedloop.trace.v1.Header;
import dev.seedloop.trace.v1.Node;
import dev.seedloop.trace.v1.Option;
import dev.seedloop.trace.v1.Record;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.CRC32C;
import java.util.zip.GZIPOutputStream;

/**
 * The test oracle for {@link TraceWriter}: the writer as it was before events were encoded directly,
 * building each record with protobuf-java ({@link EventEncoder} and the header/footer encoding below: a
 * builder per message) and serializing it
 * with protobuf-java's own {@code writeTo}. {@link DirectEncodingTests} requires both to write the same bytes.
 */
final class BuilderTraceWriter implements Closeable {

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

    BuilderTraceWriter(OutputStream out, TraceHeader header, TraceWriter.Options options) throws IOException {
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
        append(Record.newBuilder().setHeader(encode(header, v)).build());
        // The header is its own block, so a reader can check it before trusting anything in it.
        appendCheckpoint();
    }

    /** Appends one event (applying the header's trace level: see the class comment). */
    public void write(TraceEvent event) {
        checkOpen();
        if (footerWritten) {
            throw new IllegalStateException("the footer is written; no event may follow it");
        }
        TraceEvent e = event;
        if (level != TraceLevel.FULL) {
            if (e instanceof TraceEvent.StateSnapshot || e instanceof TraceEvent.InvariantChecked
                    || e instanceof TraceEvent.LivenessHeld) {
                return;
            }
            if (e instanceof TraceEvent.MessageSent m) {
                e = m.withoutPayload();
            }
        }
        append(Record.newBuilder().setEvent(encoder.encode(e)).build());
    }

    /** Appends the footer. After it only {@link #close()} is allowed. */
    public void writeFooter(TraceFooter footer) {
        checkOpen();
        if (footerWritten) {
            throw new IllegalStateException("the footer is already written");
        }
        append(Record.newBuilder().setFooter(encode(footer)).build());
        appendCheckpoint();
        footerWritten = true;
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

    // The builder-based header and footer encoding the writer used before it wrote them directly.

    /** The wire form of a header, stamped with the format version written. */
    static Header encode(TraceHeader h, FormatVersion version) {
        RunIdentity id = h.identity();
        var identity = dev.seedloop.trace.v1.RunIdentity.newBuilder()
                .setFormatMajor(version.major()).setFormatMinor(version.minor())
                .setEngineVersion(id.engineVersion()).setScenario(id.scenario()).setSeed(id.seed())
                .setLevelValue(id.level().ordinal() + 1);
        id.options().forEach(o -> identity.addOptions(option(o)));
        id.nodes().forEach(n -> identity.addNodes(Node.newBuilder().setIndex(n.index()).setName(n.name())));
        Provenance p = h.provenance();
        var provenance = dev.seedloop.trace.v1.Provenance.newBuilder().setCreatedAt(p.createdAt())
                .setHost(p.host()).setJvm(p.jvm()).setOs(p.os());
        p.extra().forEach(o -> provenance.addExtra(option(o)));
        return Header.newBuilder().setIdentity(identity).setProvenance(provenance).build();
    }

    /** The wire form of a footer. */
    static Footer encode(TraceFooter f) {
        Footer.Builder b = Footer.newBuilder().setOutcomeValue(f.outcome().ordinal() + 1).setSteps(f.steps())
                .setEventCount(f.eventCount()).setDigest(f.digest()).setFinalTimeNanos(f.finalTimeNanos());
        f.failure().ifPresent(x -> {
            Failure.Builder fb = Failure.newBuilder().setKind(x.kind()).setMessage(x.message()).setStep(x.step())
                    .setTimeNanos(x.timeNanos()).setStack(x.stack());
            if (x.node() >= 0) {
                fb.setNode(x.node());
            }
            b.setFailure(fb);
        });
        return b.build();
    }

    private static Option option(KeyValue kv) {
        return Option.newBuilder().setKey(kv.key()).setValue(kv.value()).build();
    }
}

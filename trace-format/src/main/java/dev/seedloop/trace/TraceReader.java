package dev.seedloop.trace;

import dev.seedloop.trace.internal.CorruptTraceException;
import dev.seedloop.trace.internal.EventDecoder;
import dev.seedloop.trace.internal.HeaderCodec;
import dev.seedloop.trace.internal.IoReasons;
import dev.seedloop.trace.internal.Limits;
import dev.seedloop.trace.internal.Magic;
import dev.seedloop.trace.internal.RecordInput;
import dev.seedloop.trace.internal.StringTable;
import dev.seedloop.trace.internal.TruncatedTraceException;
import dev.seedloop.trace.v1.Checkpoint;
import dev.seedloop.trace.v1.Record;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;

/**
 * Streams a trace: the header on open, then events one at a time, then the footer.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Bounded memory: one checkpoint block of records (at most 64 KiB of them, or one record of at most
 *       16 MiB), the string table, and a sparse index of one entry per {@value #INDEX_INTERVAL} events.
 *   <li>Any bytes at all end in one of three ways: {@link #open} throws {@link TraceFileException} (not a
 *       trace, newer major version, damaged before the header is whole and verified, unreadable); or every
 *       event is returned and the footer is present; or every event before the damage is returned and
 *       {@link #damage()} says where and what. No other exception, no hang, no unbounded allocation.
 *   <li>Events are returned only from blocks whose checkpoint (CRC-32C) matches; a damaged block is dropped
 *       whole and the damage is reported at its start. The exception is the tail of a truncated file:
 *       its whole records are returned although the checkpoint that would cover them is missing.
 *   <li>A gzip-compressed file is detected by its first two bytes and read transparently.
 *   <li>Files opened from a {@link Path} support {@link #seekToStep(long)}: random access through the
 *       index built while reading (on gzip files seeking re-decompresses from the start).
 * </ul>
 *
 * <p>Not thread-safe.
 */
public final class TraceReader implements Closeable {
    /** Events between two index entries. */
    public static final int INDEX_INTERVAL = 1024;

    /** An event read but not yet returned, with what the index needs to resume at it. */
    private record Pending(TraceEvent event, long offset, long prevStep, long prevTime) {}

    private final String source;
    private final Path path;
    private final FormatVersion version;
    private final TraceHeader header;
    private final StringTable strings = new StringTable();
    private final EventDecoder decoder;
    private final long headerEnd;
    private final SparseIndex index = new SparseIndex();
    private InputStream stream;
    private RecordInput input;

    // The current checkpoint block: its records are checked, its events held back, until its checkpoint.
    private final CRC32C blockCrc = new CRC32C();
    private final ArrayDeque<Pending> block = new ArrayDeque<>();
    private TraceFooter blockFooter;
    private long blockFooterAt;
    private long blockStart;
    private long blockRecords;
    private long blockBytes;
    /** False after a seek into the middle of a block, whose checksum cannot be recomputed, until its end. */
    private boolean verifying = true;

    private final ArrayDeque<Pending> ready = new ArrayDeque<>();
    private long released;
    private long returned;
    private long lastReturnedStep = -1;
    private boolean ended;
    private boolean passedFooter;
    private TraceFooter footer;
    private long footerAt;
    private Damage damage;

    private TraceReader(String source, Path path, InputStream raw) throws TraceFileException {
        this.source = source;
        this.path = path;
        this.stream = raw;
        long at = 0;
        try {
            this.input = new RecordInput(openContent(raw), 0);
            byte[] preamble = input.readExactly(Magic.PREAMBLE_LENGTH, "the preamble");
            if (!Arrays.equals(preamble, 0, Magic.BYTES.length, Magic.BYTES, 0, Magic.BYTES.length)) {
                throw new TraceFileException(TraceFileException.Reason.NOT_A_TRACE, 0, source
                        + " is not a seedloop trace: it starts with \""
                        + printable(Arrays.copyOf(preamble, Magic.BYTES.length))
                        + "\" instead of \"SEEDLOOP\"; give the path of a .trace file", null);
            }
            this.version = new FormatVersion(preamble[8] & 0xFF, preamble[9] & 0xFF);
            if (version.major() != FormatVersion.CURRENT.major()) {
                throw new TraceFileException(TraceFileException.Reason.UNSUPPORTED_VERSION, 8, source
                        + " uses trace format " + version + "; this reader reads format "
                        + FormatVersion.CURRENT.major() + ".x only"
                        + (version.major() > FormatVersion.CURRENT.major()
                                ? "; upgrade seedloop-trace-format (or the seedloop tools) to read it"
                                : "; it was written by an unsupported pre-release"), null);
            }
            at = input.offset();
            Record first = input.next();
            if (first == null) {
                throw new TruncatedTraceException("the file ends after the preamble, before the header");
            }
            if (!first.hasHeader()) {
                throw new CorruptTraceException("the first record is a " + first.getBodyCase() + ", not the header");
            }
            CRC32C crc = new CRC32C();
            input.feedLastFrame(crc);
            long checkpointAt = input.offset();
            Record cp = input.next();
            if (cp == null) {
                at = checkpointAt;
                throw new TruncatedTraceException("the file ends after the header, before its checkpoint");
            }
            if (!cp.hasCheckpoint() || cp.getCheckpoint().getCrc32C() != (int) crc.getValue()
                    || cp.getCheckpoint().getRecords() != 1) {
                throw new CorruptTraceException("the header fails its checksum");
            }
            this.header = HeaderCodec.decode(first.getHeader());
            this.headerEnd = input.offset();
            this.blockStart = headerEnd;
            this.decoder = new EventDecoder(strings, header.identity().nodes().size());
        } catch (TruncatedTraceException e) {
            closeQuietly(raw);
            throw new TraceFileException(TraceFileException.Reason.TRUNCATED, at, source + " is truncated at offset "
                    + at + " before its header is whole (" + e.getMessage() + "); nothing of the run can be read", e);
        } catch (CorruptTraceException e) {
            closeQuietly(raw);
            throw new TraceFileException(TraceFileException.Reason.CORRUPT, at, source + " is corrupt at offset " + at
                    + ", before its header is whole (" + e.getMessage() + "); nothing of the run can be read", e);
        } catch (IOException e) {
            closeQuietly(raw);
            throw new TraceFileException(TraceFileException.Reason.IO_ERROR, -1,
                    "cannot read " + source + ": " + IoReasons.of(e), e);
        } catch (TraceFileException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    /** Opens the trace file at {@code path} and reads its header. */
    public static TraceReader open(Path path) throws TraceFileException {
        return new TraceReader(path.toString(), path, openFile(path));
    }

    /**
     * Reads a trace from a stream (which the reader closes). {@code sourceName} names it in messages.
     * Such a reader cannot {@link #seekToStep seek}.
     */
    public static TraceReader open(InputStream in, String sourceName) throws TraceFileException {
        return new TraceReader(sourceName, null, in);
    }

    /** What the reader reads, as given to {@code open}. */
    public String source() {
        return source;
    }

    /** The format version of the file. */
    public FormatVersion formatVersion() {
        return version;
    }

    /** The header. */
    public TraceHeader header() {
        return header;
    }

    /**
     * The next event, or empty at the end of the events (the footer, the end of the input, or damage:
     * see {@link #footer()} and {@link #damage()}).
     */
    public Optional<TraceEvent> next() {
        if (!fill()) {
            return Optional.empty();
        }
        Pending p = ready.poll();
        returned++;
        lastReturnedStep = p.event().step();
        return Optional.of(p.event());
    }

    /** Hands every remaining event to {@code action}, in order. */
    public void forEachRemaining(Consumer<? super TraceEvent> action) {
        for (Optional<TraceEvent> e = next(); e.isPresent(); e = next()) {
            action.accept(e.get());
        }
    }

    /** The number of events returned so far (after a seek: the position of the next event in the file). */
    public long position() {
        return returned;
    }

    /**
     * The step of the last event {@link #next()} returned or {@link #seekToStep} passed over: once the
     * reader is at its end, the last step of the trace (or of its readable part). -1 before any event.
     */
    public long lastStep() {
        return lastReturnedStep;
    }

    /** The footer, once the reader has reached it; empty before that and if it is lost. */
    public Optional<TraceFooter> footer() {
        return Optional.ofNullable(footer);
    }

    /** The damage that ended reading early, once reached; empty if none (yet). */
    public Optional<Damage> damage() {
        return Optional.ofNullable(damage);
    }

    /** Whether the reader has reached the end of the events (footer, end of input or damage). */
    public boolean atEnd() {
        return !fill();
    }

    /**
     * Positions the reader so that {@link #next()} returns the first event whose step is at least
     * {@code step} (or nothing, if no such event exists before the end or the damage).
     *
     * @throws IllegalStateException if the reader was opened from a stream rather than a file
     */
    public void seekToStep(long step) {
        if (path == null) {
            throw new IllegalStateException("seeking needs a trace opened from a file; " + source + " is a stream");
        }
        SparseIndex.Entry from = index.lastBefore(step);
        // Every event not yet returned has a step at least the last returned one's, so if that is below the
        // target the target is still ahead and reading on is enough (unless the index jumps further).
        boolean targetAhead = lastReturnedStep < step;
        if (!(targetAhead && (from == null || from.ordinal() <= returned))) {
            reopenAt(from);
        }
        while (fill() && ready.peek().event().step() < step) {
            Pending skipped = ready.poll();
            returned++;
            lastReturnedStep = skipped.event().step();
        }
    }

    @Override
    public void close() {
        closeQuietly(stream);
    }

    /** Reads records until an event is ready or reading has ended; returns whether one is ready. */
    private boolean fill() {
        while (ready.isEmpty() && !ended) {
            readRecord();
        }
        return !ready.isEmpty();
    }

    private void readRecord() {
        long at = input.offset();
        try {
            if (passedFooter) {
                // A complete trace ends with the footer's checkpoint: whatever follows is corruption (§9) and
                // is not decoded as records, whose framing would misreport it as truncation.
                long extra = input.skipToEnd();
                if (extra == 0) {
                    ended = true;
                } else {
                    fail(Damage.Kind.CORRUPT, at, extra + " bytes of unexpected data after the end of a complete"
                            + " trace (footer at offset " + footerAt + ")");
                }
                return;
            }
            Record r = input.next();
            if (r == null) {
                endOfInput(at);
                return;
            }
            if (r.hasCheckpoint()) {
                checkpoint(r.getCheckpoint());
                return;
            }
            if (passedFooter || blockFooter != null) {
                throw new CorruptTraceException("a " + r.getBodyCase() + " record after the footer");
            }
            input.feedLastFrame(blockCrc);
            blockRecords++;
            blockBytes += input.lastFrameLength();
            if (blockBytes > Limits.MAX_BLOCK_BYTES && blockRecords > 1) {
                throw new CorruptTraceException("more than " + Limits.MAX_BLOCK_BYTES
                        + " bytes of records without a checkpoint");
            }
            switch (r.getBodyCase()) {
                case EVENT -> {
                    long prevStep = decoder.step();
                    long prevTime = decoder.time();
                    block.add(new Pending(decoder.decode(r.getEvent()), at, prevStep, prevTime));
                }
                case STRING -> strings.define(Integer.toUnsignedLong(r.getString().getId()), r.getString().getValue());
                case FOOTER -> {
                    blockFooter = HeaderCodec.decode(r.getFooter());
                    blockFooterAt = at;
                }
                case HEADER -> throw new CorruptTraceException("a second header");
                case CHECKPOINT -> throw new IllegalStateException("checkpoints are handled above");
                case BODY_NOT_SET -> {
                    // A record kind added by a newer minor version: framed, so it can be skipped.
                    if (r.getUnknownFields().asMap().isEmpty()) {
                        throw new CorruptTraceException("a record with no content");
                    }
                }
            }
        } catch (TruncatedTraceException e) {
            // What is left of the block is whole records; only the checkpoint that would vouch for them is gone.
            releaseBlock();
            fail(Damage.Kind.TRUNCATED, at, e.getMessage());
        } catch (CorruptTraceException e) {
            discardBlock();
            fail(Damage.Kind.CORRUPT, blockStart, e.getMessage() + (at == blockStart ? "" : " (found at offset "
                    + at + "; the whole block from offset " + blockStart + " is dropped)"));
        } catch (IOException e) {
            discardBlock();
            fail(Damage.Kind.IO_ERROR, blockStart, "reading failed (" + IoReasons.of(e) + ")");
        }
    }

    private void checkpoint(Checkpoint cp) throws CorruptTraceException {
        if (blockRecords == 0) {
            throw new CorruptTraceException("a checkpoint that covers no records");
        }
        if (verifying && (cp.getCrc32C() != (int) blockCrc.getValue() || cp.getRecords() != blockRecords)) {
            throw new CorruptTraceException("the block of " + blockRecords + " records fails its checksum");
        }
        releaseBlock();
        verifying = true;
        blockStart = input.offset();
    }

    private void endOfInput(long at) {
        if (blockRecords == 0) {
            ended = true;
            if (!passedFooter) {
                damage = new Damage(Damage.Kind.TRUNCATED, at, "the file ends without a footer", released, true);
            }
            return;
        }
        boolean footerPending = blockFooter != null;
        releaseBlock();
        fail(Damage.Kind.TRUNCATED, at, footerPending ? "the file ends without the checkpoint after the footer"
                : "the file ends without a footer");
    }

    /** Hands the block's events to the ready queue (indexing them) and starts a new block. */
    private void releaseBlock() {
        for (Pending p : block) {
            if (released % INDEX_INTERVAL == 0) {
                index.add(released, p.offset(), p.prevStep(), p.prevTime());
            }
            ready.add(p);
            released++;
        }
        if (blockFooter != null) {
            footer = blockFooter;
            footerAt = blockFooterAt;
            passedFooter = true;
        }
        resetBlock();
    }

    private void discardBlock() {
        resetBlock();
    }

    private void resetBlock() {
        block.clear();
        blockFooter = null;
        blockCrc.reset();
        blockRecords = 0;
        blockBytes = 0;
    }

    private void fail(Damage.Kind kind, long at, String detail) {
        ended = true;
        damage = new Damage(kind, at, detail, released, !passedFooter);
    }

    private void reopenAt(SparseIndex.Entry entry) {
        long offset = entry == null ? headerEnd : entry.offset();
        closeQuietly(stream);
        try {
            stream = openFile(path);
            InputStream in = decompressIfNeeded(stream);
            in.skipNBytes(offset);
            input = new RecordInput(in, offset);
        } catch (IOException | TraceFileException e) {
            throw new UncheckedIOException("cannot reopen " + source + " to seek: "
                    + (e instanceof IOException io ? IoReasons.of(io) : e.getMessage()),
                    e instanceof IOException io ? io : new IOException(e));
        }
        released = entry == null ? 0 : entry.ordinal();
        returned = released;
        lastReturnedStep = entry == null ? -1 : entry.prevStep();
        decoder.resetTo(entry == null ? 0 : entry.prevStep(), entry == null ? 0 : entry.prevTime());
        ready.clear();
        resetBlock();
        blockStart = offset;
        verifying = entry == null; // the header's end is a block boundary; an index entry usually is not
        ended = false;
        passedFooter = false;
    }

    private static InputStream openFile(Path path) throws TraceFileException {
        if (Files.isDirectory(path)) {
            throw new TraceFileException(TraceFileException.Reason.IO_ERROR, -1,
                    path + " is a directory; give the path of a .trace file in it", null);
        }
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new TraceFileException(TraceFileException.Reason.IO_ERROR, -1,
                    "no trace file at " + path + "; check the path", e);
        } catch (IOException e) {
            throw new TraceFileException(TraceFileException.Reason.IO_ERROR, -1,
                    "cannot open " + path + ": " + IoReasons.of(e), e);
        }
    }

    /** Like {@link #decompressIfNeeded}, but a damaged gzip header is damage, not an I/O error. */
    private static InputStream openContent(InputStream raw)
            throws IOException, TruncatedTraceException, CorruptTraceException {
        try {
            return decompressIfNeeded(raw);
        } catch (java.io.EOFException e) {
            throw new TruncatedTraceException("the file ends inside the gzip header");
        } catch (java.util.zip.ZipException e) {
            // zlib's text ("Unsupported compression method") says no more than this.
            throw new CorruptTraceException("the gzip header is corrupt");
        }
    }

    private static InputStream decompressIfNeeded(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1F && b1 == 0x8B) {
            return new BufferedInputStream(new GZIPInputStream(in, 64 * 1024), 64 * 1024);
        }
        return in;
    }

    private static String printable(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (char c : new String(bytes, StandardCharsets.ISO_8859_1).toCharArray()) {
            b.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return b.toString();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Closing a read-only stream loses nothing; the read result already stands.
        }
    }
}

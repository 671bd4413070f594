package dev.seedloop.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedloop.trace.v1.Record;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's blocks and buffer as docs/trace-format.md §4.1 states them (a block is at most
 * {@code bufferBytes} of records, or one larger record; the sink only ever gets whole records), the limits of
 * §4 and §6.2 at their exact edges, the misuse the writer refuses, and the reader's I/O failures and streams.
 */
class WriterBlockTests {
    @TempDir
    Path dir;

    /** A sink that keeps each {@code write} call's bytes separately. */
    private static final class ChunkSink extends OutputStream {
        final List<byte[]> chunks = new ArrayList<>();
        final ByteArrayOutputStream all = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (len > 0) {
                byte[] chunk = java.util.Arrays.copyOfRange(b, off, off + len);
                chunks.add(chunk);
                all.write(chunk, 0, len);
            }
        }
    }

    /** A run of short events and events with text of every length up to {@code maxText}, in a random order. */
    private static List<TraceEvent> mixedEvents(long seed, int count, int maxText) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<TraceEvent> events = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < count; i++) {
            t += rng.nextInt(3) == 0 ? rng.nextLong(1L << 40) : 0;
            long step = t;
            events.add(switch (rng.nextInt(4)) {
                case 0 -> new TraceEvent.Log(step, t, rng.nextInt(3), "x".repeat(rng.nextInt(maxText + 1)));
                case 1 -> new TraceEvent.MessageSent(step, t, rng.nextLong() >>> 1, rng.nextInt(3), rng.nextInt(3),
                        "T" + rng.nextInt(4), rng.nextLong() >>> 1, null);
                case 2 -> new TraceEvent.TimerSet(step, t, rng.nextInt(3), rng.nextLong() >>> 1,
                        t + (rng.nextLong() >>> 2), "tag");
                default -> new TraceEvent.FaultBegin(step, t, rng.nextLong() >>> 1, "crash", rng.nextInt(3),
                        rng.nextInt(3), "");
            });
        }
        return events;
    }

    /** The framed length of each record after the preamble, with whether it is a checkpoint. */
    private static List<long[]> framedRecords(byte[] file) throws IOException {
        List<long[]> framed = new ArrayList<>();
        InputStream in = new ByteArrayInputStream(file, 10, file.length - 10);
        int before = in.available();
        for (Record r; (r = Record.parseDelimitedFrom(in)) != null; ) {
            framed.add(new long[] {before - in.available(), r.hasCheckpoint() ? 1 : 0});
            before = in.available();
        }
        return framed;
    }

    /**
     * Writes {@code events} on a thread of its own (so the writer's buffer starts at its initial size and has
     * to grow) and checks the file: every event reads back, every block is within the block size or a single
     * record, and each chunk handed to the sink ends with a whole record.
     */
    private static void writeAndCheck(List<TraceEvent> events, int bufferBytes) throws Exception {
        ChunkSink sink = new ChunkSink();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (TraceWriter w = TraceWriter.create(sink, SampleTraces.header(TraceLevel.EVENTS, 1),
                    new TraceWriter.Options(false, bufferBytes))) {
                events.forEach(w::write);
                w.writeFooter(TraceFooter.passed(0, new RunDigest(), 0));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        writer.start();
        writer.join();
        assertThat(failure.get()).as("writing with %d-byte blocks", bufferBytes).isNull();

        byte[] file = sink.all.toByteArray();
        Trace read = SampleTraces.read(file);
        assertThat(read.damage()).isEmpty();
        assertThat(read.events()).isEqualTo(events);

        long blockBytes = 0;
        int blockRecords = 0;
        for (long[] r : framedRecords(file)) {
            if (r[1] == 1) {
                assertThat(blockBytes <= bufferBytes || blockRecords == 1)
                        .as("a block of %d records, %d bytes, with %d-byte blocks", blockRecords, blockBytes, bufferBytes)
                        .isTrue();
                blockBytes = 0;
                blockRecords = 0;
            } else {
                blockBytes += r[0];
                blockRecords++;
            }
        }
        java.util.Set<Long> recordEnds = new java.util.HashSet<>();
        long end = 10;
        for (long[] r : framedRecords(file)) {
            end += r[0];
            recordEnds.add(end);
        }
        assertThat(end).isEqualTo(file.length);
        long at = 0;
        for (byte[] chunk : sink.chunks) {
            at += chunk.length;
            assertThat(recordEnds).as("the chunk ending at %d ends with a whole record", at).contains(at);
        }
    }

    @Test
    void blocksStayWithinTheBlockSizeWhateverTheRecordSizes() throws Exception {
        // Small blocks: text records on both sides of the block size, alone in their block or not.
        writeAndCheck(mixedEvents(1, 400, 400), 256);
        writeAndCheck(mixedEvents(2, 400, 300), 300);
        // The default 64 KiB blocks: the buffer grows from 8 KiB through every size to the block size.
        for (long seed = 3; seed < 9; seed++) {
            writeAndCheck(mixedEvents(seed, 3_000, 2_000), 64 * 1024);
        }
        writeAndCheck(mixedEvents(9, 30_000, 20), 64 * 1024);
    }

    @Test
    void theByteCountIncludesRecordsLargerThanABlock() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceWriter w = TraceWriter.create(out, SampleTraces.header(TraceLevel.EVENTS, 1),
                new TraceWriter.Options(false, 256))) {
            w.write(new TraceEvent.Log(1, 1, 0, "y".repeat(1_000)));
            w.write(new TraceEvent.NodeStarted(1, 1, 1, 0));
            w.write(new TraceEvent.Log(1, 1, 0, "z".repeat(5_000)));
            w.flush();
            assertThat(w.bytesWritten()).isEqualTo(out.size());
        }
    }

    @Test
    void twoWritersOnOneThreadDoNotShareABuffer() throws Exception {
        // A closed writer leaves its buffer for the next one created on the thread: only for one of them.
        TraceWriter.create(new ByteArrayOutputStream(), SampleTraces.header(TraceLevel.EVENTS, 1),
                TraceWriter.Options.defaults()).close();
        ByteArrayOutputStream outA = new ByteArrayOutputStream();
        ByteArrayOutputStream outB = new ByteArrayOutputStream();
        TraceWriter a = TraceWriter.create(outA, SampleTraces.header(TraceLevel.EVENTS, 1), TraceWriter.Options.defaults());
        TraceWriter b = TraceWriter.create(outB, SampleTraces.header(TraceLevel.EVENTS, 2), TraceWriter.Options.defaults());
        List<TraceEvent> eventsA = new ArrayList<>();
        List<TraceEvent> eventsB = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            eventsA.add(new TraceEvent.NodeStarted(i, i, 0, i));
            eventsB.add(new TraceEvent.NodeCrashed(i, 2L * i, 1));
            a.write(eventsA.getLast());
            b.write(eventsB.getLast());
        }
        a.close();
        b.close();
        assertThat(SampleTraces.read(outA.toByteArray()).events()).isEqualTo(eventsA);
        assertThat(SampleTraces.read(outB.toByteArray()).events()).isEqualTo(eventsB);
        assertThat(SampleTraces.read(outB.toByteArray()).header().identity().seed()).isEqualTo(2);
    }

    @Test
    void eventsTheLevelDropsAreStillRefusedAfterTheFooterAndAfterClose() {
        TraceWriter w = TraceWriter.create(new ByteArrayOutputStream(), SampleTraces.header(TraceLevel.EVENTS, 1),
                TraceWriter.Options.defaults());
        w.writeFooter(TraceFooter.passed(0, new RunDigest(), 0));
        TraceEvent snapshot = new TraceEvent.StateSnapshot(0, 0, 0, List.of());
        TraceEvent check = new TraceEvent.InvariantChecked(0, 0, "inv", true);
        assertThatThrownBy(() -> w.write(snapshot)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the footer is written; no event may follow it");
        assertThatThrownBy(() -> w.write(check)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the footer is written; no event may follow it");
        w.close();
        assertThatThrownBy(() -> w.write(snapshot)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the trace writer is closed");
        assertThatThrownBy(() -> w.write(new TraceEvent.Unknown(0, 0, 30))).isInstanceOf(IllegalStateException.class)
                .hasMessage("the trace writer is closed");
    }

    @Test
    void aFooterAfterCloseIsRefused() {
        TraceWriter w = TraceWriter.create(new ByteArrayOutputStream(), SampleTraces.header(TraceLevel.EVENTS, 1),
                TraceWriter.Options.defaults());
        w.close();
        assertThatThrownBy(() -> w.writeFooter(TraceFooter.passed(0, new RunDigest(), 0)))
                .isInstanceOf(IllegalStateException.class).hasMessage("the trace writer is closed");
    }

    @Test
    void renderingsAreCutOnlyWhenLongerThan65536Chars() throws Exception {
        String exact = "p".repeat(65_536);
        String longer = "q".repeat(65_537);
        Trace trace = Trace.of(SampleTraces.header(TraceLevel.FULL, 1), List.of(
                new TraceEvent.MessageSent(1, 1, 1, 0, 1, "T", 5, exact),
                new TraceEvent.MessageSent(1, 1, 2, 0, 1, "T", 5, longer)),
                TraceFooter.passed(1, new RunDigest(), 1));
        List<TraceEvent> read = SampleTraces.read(SampleTraces.bytes(trace, false)).events();
        assertThat(((TraceEvent.MessageSent) read.get(0)).payload()).isEqualTo(exact);
        assertThat(((TraceEvent.MessageSent) read.get(1)).payload()).isEqualTo("q".repeat(65_536) + "...[cut 1 chars]");
    }

    @Test
    void aRecordOfExactly16MiBIsWrittenAndReadAndOneByteMoreIsRefused() throws Exception {
        // Record{event (field 2): Event{log (field 12): Log{text (field 2)}}} of node 0 at step 0 and time 0 (no
        // deltas, no node field): each of the three levels adds a one-byte tag and a length prefix, four bytes
        // for lengths of 2^21 and more, so a text of L bytes makes a record of L + 15 bytes.
        int text = 16 * 1024 * 1024 - 15;
        ByteArrayOutputStream out = new ByteArrayOutputStream(17 * 1024 * 1024);
        TraceEvent log = new TraceEvent.Log(0, 0, 0, "a".repeat(text));
        try (TraceWriter w = TraceWriter.create(out, SampleTraces.header(TraceLevel.EVENTS, 1),
                TraceWriter.Options.defaults())) {
            w.write(log);
            assertThatThrownBy(() -> w.write(new TraceEvent.Log(0, 0, 0, "a".repeat(text + 1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("a record of 16777217 bytes exceeds the limit of 16777216 bytes");
            w.writeFooter(TraceFooter.passed(0, new RunDigest(), 0));
        }
        Trace read = SampleTraces.read(out.toByteArray());
        assertThat(read.damage()).isEmpty();
        assertThat(read.events()).containsExactly(log);
    }

    /** A stream that delivers its first {@code limit} bytes, then fails; it remembers being closed. */
    private static final class FailingStream extends InputStream {
        private final byte[] bytes;
        private final int limit;
        private int pos;
        boolean closed;

        FailingStream(byte[] bytes, int limit) {
            this.bytes = bytes;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos >= limit) {
                if (limit >= bytes.length) {
                    return -1;
                }
                throw new IOException("disk on fire");
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void anIoErrorAfterTheHeaderIsReportedAtTheBlockItHitAndKeepsTheBlocksBefore() throws Exception {
        Trace sample = SampleTraces.sample(TraceLevel.EVENTS, 4, 20);
        List<TraceEvent> events = sample.events();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int boundary;
        try (TraceWriter w = TraceWriter.create(out, sample.header(), TraceWriter.Options.defaults())) {
            events.subList(0, 30).forEach(w::write);
            w.flush(); // the first event block ends here
            boundary = out.size();
            events.subList(30, events.size()).forEach(w::write);
            w.writeFooter(sample.footer().orElseThrow());
        }
        byte[] file = out.toByteArray();

        FailingStream in = new FailingStream(file, boundary + 3);
        Trace read;
        try (TraceReader r = TraceReader.open(in, "failing")) {
            assertThat(r.source()).isEqualTo("failing");
            assertThat(r.atEnd()).as("events are ahead").isFalse();
            read = Trace.collect(r);
            assertThat(r.atEnd()).isTrue();
        }
        assertThat(read.events()).isEqualTo(SampleTraces.asWrittenAt(TraceLevel.EVENTS, events.subList(0, 30)));
        assertThat(read.damage()).contains(new Damage(Damage.Kind.IO_ERROR, boundary,
                "reading failed (disk on fire)", read.events().size(), true));
        assertThat(in.closed).as("closed by the reader").isTrue();
    }

    @Test
    void aReaderClosesItsStreamWhenTheFileCannotBeOpenedAsATrace() throws Exception {
        byte[] file = SampleTraces.bytes(SampleTraces.sample(TraceLevel.EVENTS, 4, 5), false);
        byte[] notATrace = "not a trace at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] corruptHeader = file.clone();
        corruptHeader[12] ^= 0x01; // inside the header record: its checkpoint no longer matches
        byte[] cut = java.util.Arrays.copyOf(file, 14); // ends inside the header
        Object[][] cases = {
            {new FailingStream(notATrace, notATrace.length), TraceFileException.Reason.NOT_A_TRACE},
            {new FailingStream(cut, cut.length), TraceFileException.Reason.TRUNCATED},
            {new FailingStream(corruptHeader, corruptHeader.length), TraceFileException.Reason.CORRUPT},
            {new FailingStream(file, 3), TraceFileException.Reason.IO_ERROR}, // fails inside the preamble
        };
        for (Object[] c : cases) {
            FailingStream stream = (FailingStream) c[0];
            assertThatThrownBy(() -> TraceReader.open(stream, "s")).isInstanceOf(TraceFileException.class)
                    .extracting(e -> ((TraceFileException) e).reason()).isEqualTo(c[1]);
            assertThat(stream.closed).as("%s", c[1]).isTrue();
        }
        FailingStream whole = new FailingStream(file, file.length);
        TraceReader.open(whole, "s").close();
        assertThat(whole.closed).isTrue();
    }

    @Test
    void aSeekThatCannotReopenTheFileSaysSo() throws Exception {
        Path file = dir.resolve("gone.trace");
        SampleTraces.sample(TraceLevel.EVENTS, 4, 20).write(file, TraceWriter.Options.defaults());
        try (TraceReader r = TraceReader.open(file)) {
            r.forEachRemaining(e -> { });
            Files.delete(file);
            assertThatThrownBy(() -> r.seekToStep(0)).isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("cannot reopen " + file + " to seek: no trace file at " + file)
                    .cause().isInstanceOf(IOException.class).cause().isInstanceOf(TraceFileException.class);
        }
    }
}

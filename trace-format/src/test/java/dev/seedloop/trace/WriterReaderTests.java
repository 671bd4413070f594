package dev.seedloop.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's size, flush and misuse guarantees, and the reader's random access. */
class WriterReaderTests {
    @TempDir
    Path dir;

    @Test
    void typicalMessageEventsTakeAtMost24BytesAtEventsLevel() {
        List<TraceEvent> events = new ArrayList<>();
        long t = 0;
        long step = 0;
        for (int i = 1; i <= 1000; i++) {
            step++;
            t += 1_234_567;
            events.add(new TraceEvent.MessageSent(step, t, i, i % 3, (i + 1) % 3,
                    i % 2 == 0 ? "AppendEntries" : "RequestVote", 1_000_000 + (i * 7919L) % 19_000_000, "p"));
            events.add(new TraceEvent.MessageSent(step, t, 10_000 + i, i % 3, (i + 2) % 3, "AppendEntries",
                    1_000_000 + (i * 104_729L) % 19_000_000, "p"));
            step++;
            t += 5_432_100;
            events.add(new TraceEvent.MessageDelivered(step, t, i, i % 3, (i + 1) % 3,
                    i % 2 == 0 ? "AppendEntries" : "RequestVote"));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long before;
        try (TraceWriter w = TraceWriter.create(out, SampleTraces.header(TraceLevel.EVENTS, 1),
                TraceWriter.Options.defaults())) {
            before = w.bytesWritten();
            events.forEach(w::write);
            double perEvent = (double) (w.bytesWritten() - before) / events.size();
            assertThat(perEvent).as("bytes per message event").isLessThanOrEqualTo(24.0);
        }
    }

    @Test
    void flushedRecordsSurviveAWriterThatIsNeverClosed() throws Exception {
        Path file = dir.resolve("killed.trace");
        Trace sample = SampleTraces.sample(TraceLevel.FULL, 5, 10);
        TraceWriter w = TraceWriter.create(file, sample.header(), TraceWriter.Options.defaults().withGzip(true));
        sample.events().subList(0, 20).forEach(w::write);
        w.flush();
        sample.events().subList(20, 25).forEach(w::write); // buffered, never flushed: "the JVM dies here"

        Trace read = Trace.read(file);

        assertThat(read.events()).isEqualTo(sample.events().subList(0, 20));
        assertThat(read.damage().orElseThrow().kind()).isEqualTo(Damage.Kind.TRUNCATED);
        w.close();
    }

    @Test
    void gzipIsDetectedAndReadTransparently() throws Exception {
        Trace sample = SampleTraces.sample(TraceLevel.FULL, 5, 40);
        Path plain = dir.resolve("a.trace");
        Path gz = dir.resolve("a.trace.gz");
        sample.write(plain, TraceWriter.Options.defaults());
        sample.write(gz, TraceWriter.Options.defaults().withGzip(true));

        assertThat(Files.readAllBytes(gz)[0]).isEqualTo((byte) 0x1F);
        assertThat(Files.size(gz)).isLessThan(Files.size(plain));
        assertThat(Trace.read(gz).events()).isEqualTo(Trace.read(plain).events()).isEqualTo(sample.events());
        assertThat(Trace.read(gz).footer()).isEqualTo(sample.footer());
    }

    @Test
    void theSameRunWritesTheSameBytes() {
        Trace sample = SampleTraces.sample(TraceLevel.FULL, 11, 30);
        assertThat(SampleTraces.bytes(sample, false)).isEqualTo(SampleTraces.bytes(sample, false));
    }

    @Test
    void seekToStepFindsTheFirstEventOfThatStepForwardAndBackward() throws Exception {
        Trace sample = SampleTraces.sample(TraceLevel.EVENTS, 9, 3000);
        Path file = dir.resolve("big.trace");
        sample.write(file, TraceWriter.Options.defaults());
        List<TraceEvent> events = SampleTraces.asWrittenAt(TraceLevel.EVENTS, sample.events());
        try (TraceReader r = TraceReader.open(file)) {
            r.forEachRemaining(e -> { });
            for (long step : new long[] {4000, 17, 5999, 0, 2500, 2501, 1, 6000, 6001, 99999}) {
                r.seekToStep(step);
                Optional<TraceEvent> got = r.next();
                Optional<TraceEvent> expected = events.stream().filter(e -> e.step() >= step).findFirst();
                assertThat(got).as("step %d", step).isEqualTo(expected);
                expected.ifPresent(e -> assertThat(r.position()).isEqualTo(events.indexOf(e) + 1));
            }
        }
        Path gz = dir.resolve("big.trace.gz");
        sample.write(gz, TraceWriter.Options.defaults().withGzip(true));
        try (TraceReader r = TraceReader.open(gz)) {
            r.forEachRemaining(e -> { });
            r.seekToStep(1234);
            assertThat(r.next()).isEqualTo(events.stream().filter(e -> e.step() >= 1234).findFirst());
            assertThat(r.footer()).isEqualTo(sample.footer());
        }
        try (TraceReader fresh = TraceReader.open(file)) {
            fresh.seekToStep(3333);
            assertThat(fresh.next().orElseThrow().step()).isEqualTo(3333);
            fresh.seekToStep(3335);
            assertThat(fresh.next().orElseThrow().step()).isEqualTo(3335);
        }
    }

    @Test
    void theWritersCountsOfRecordsAndBytesAreTheFilesOwn() throws Exception {
        Trace sample = SampleTraces.sample(TraceLevel.FULL, 21, 2_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceWriter w = TraceWriter.create(out, sample.header(), TraceWriter.Options.defaults());
        sample.events().forEach(w::write);
        w.writeFooter(sample.footer().orElseThrow());
        long bytes = w.bytesWritten();
        long records = w.recordsWritten();
        w.close();

        byte[] file = out.toByteArray();
        assertThat(bytes).isEqualTo(file.length);
        long parsed = 0;
        java.io.InputStream in = new java.io.ByteArrayInputStream(file, 10, file.length - 10);
        while (dev.seedloop.trace.v1.Record.parseDelimitedFrom(in) != null) {
            parsed++;
        }
        assertThat(records).as("header, strings, events, checkpoints and footer").isEqualTo(parsed)
                .isGreaterThan(sample.events().size());
    }

    @Test
    void misuseFailsAtTheCallWithAMessage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceWriter w = TraceWriter.create(out, SampleTraces.header(TraceLevel.EVENTS, 1), TraceWriter.Options.defaults());
        w.write(new TraceEvent.NodeStarted(3, 100, 0, 0));
        assertThatThrownBy(() -> w.write(new TraceEvent.NodeStarted(2, 100, 1, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step order");
        assertThatThrownBy(() -> w.write(new TraceEvent.NodeStarted(3, 99, 1, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never goes back");
        assertThatThrownBy(() -> w.write(new TraceEvent.NodeStarted(3, 100, 3, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header lists 3 nodes");
        w.writeFooter(TraceFooter.passed(3, new RunDigest(), 100));
        assertThatThrownBy(() -> w.write(new TraceEvent.NodeCrashed(3, 100, 0)))
                .isInstanceOf(IllegalStateException.class);
        w.close();
        assertThatThrownBy(w::flush).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new TraceEvent.MessageSent(0, 0, 1, -1, 0, "T", 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("src");
        assertThatThrownBy(() -> TraceWriter.create(new ByteArrayOutputStream(), SampleTraces.header(TraceLevel.OFF, 1),
                TraceWriter.Options.defaults())).isInstanceOf(IllegalArgumentException.class);
    }

    /** The sample written with a block boundary before the footer, and a hand-made block inserted there. */
    private static byte[] withBlockBeforeFooter(Trace sample, byte[] record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int boundary;
        try (TraceWriter w = TraceWriter.create(out, sample.header(), TraceWriter.Options.defaults())) {
            sample.events().forEach(w::write);
            w.flush(); // ends a checkpoint block here
            boundary = out.size();
            w.writeFooter(sample.footer().orElseThrow());
        }
        byte[] bytes = out.toByteArray();
        byte[] framed = new byte[1 + record.length];
        framed[0] = (byte) record.length;
        System.arraycopy(record, 0, framed, 1, record.length);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(framed);
        byte[] checkpoint = dev.seedloop.trace.v1.Record.newBuilder().setCheckpoint(
                dev.seedloop.trace.v1.Checkpoint.newBuilder().setCrc32C((int) crc.getValue()).setRecords(1)).build()
                .toByteArray();
        ByteArrayOutputStream patched = new ByteArrayOutputStream();
        patched.write(bytes, 0, boundary);
        patched.write(framed);
        patched.write(checkpoint.length);
        patched.write(checkpoint);
        patched.write(bytes, boundary, bytes.length - boundary);
        return patched.toByteArray();
    }

    @Test
    void anEventOfANewerMinorVersionIsReadAsUnknownAndMakesVerificationImpossible() throws Exception {
        Trace sample = SampleTraces.sample(TraceLevel.EVENTS, 2, 5);
        // Record{event(2): Event{field 30 = empty message}}: a kind this reader does not know.
        byte[] patched = withBlockBeforeFooter(sample, new byte[] {0x12, 0x03, (byte) 0xF2, 0x01, 0x00});

        Trace read = SampleTraces.read(patched);
        assertThat(read.damage()).isEmpty();
        assertThat(read.events().getLast()).isInstanceOf(TraceEvent.Unknown.class);
        assertThat(((TraceEvent.Unknown) read.events().getLast()).code()).isEqualTo(30);
        Verification v = TraceVerifier.verify(TraceReader.open(new java.io.ByteArrayInputStream(patched), "x"));
        assertThat(v.status()).isEqualTo(Verification.Status.UNVERIFIABLE);
    }

    @Test
    void anAnnotationOfANewerMinorVersionIsReadAsUnknownAndStillVerifies() throws Exception {
        Trace sample = SampleTraces.sample(TraceLevel.EVENTS, 2, 5);
        // Record{event(2): Event{field 90 = empty message}}: codes 64 and up are annotations, never digested.
        byte[] patched = withBlockBeforeFooter(sample, new byte[] {0x12, 0x03, (byte) 0xD2, 0x05, 0x00});

        Trace read = SampleTraces.read(patched);
        assertThat(read.damage()).isEmpty();
        assertThat(((TraceEvent.Unknown) read.events().getLast()).code()).isEqualTo(90);
        Verification v = TraceVerifier.verify(TraceReader.open(new java.io.ByteArrayInputStream(patched), "x"));
        assertThat(v.ok()).as(v.message()).isTrue();
    }

    @Test
    void aRecordKindOfANewerMinorVersionIsSkipped() throws Exception {
        Trace sample = SampleTraces.sample(TraceLevel.EVENTS, 2, 5);
        // Record{field 9 = "x"}: a record body this reader does not know.
        byte[] patched = withBlockBeforeFooter(sample, new byte[] {0x4A, 0x01, 0x78});

        Trace read = SampleTraces.read(patched);

        assertThat(read.damage()).isEmpty();
        assertThat(read.events()).isEqualTo(SampleTraces.asWrittenAt(TraceLevel.EVENTS, sample.events()));
        assertThat(TraceVerifier.verify(TraceReader.open(new java.io.ByteArrayInputStream(patched), "x")).ok())
                .isTrue();
    }
}

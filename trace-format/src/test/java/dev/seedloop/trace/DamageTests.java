package dev.seedloop.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** Truncated and corrupted files: every whole record before the damage, a clean report, nothing else. */
class DamageTests {
    private static final Trace SAMPLE = SampleTraces.sample(TraceLevel.FULL, 7, 25);

    @Test
    void aTraceTruncatedAtEveryOffsetReadsAsTheWholeEventsBeforeTheCut() {
        byte[] full = SampleTraces.bytes(SAMPLE, false);
        long previousEvents = 0;
        for (int cut = 0; cut < full.length; cut++) {
            byte[] prefix = Arrays.copyOf(full, cut);
            Trace read;
            try {
                read = SampleTraces.read(prefix);
            } catch (TraceFileException e) {
                // Only a cut inside the preamble or header may make the whole file unreadable.
                assertThat(e.reason()).as("cut at %d", cut).isEqualTo(TraceFileException.Reason.TRUNCATED);
                assertThat(e.offset()).isLessThanOrEqualTo(cut);
                assertThat(e.getMessage()).contains("truncated at offset " + e.offset());
                assertThat(previousEvents).isZero();
                continue;
            }
            Damage d = read.damage().orElseThrow(() -> new AssertionError("no damage reported"));
            assertThat(d.kind()).isEqualTo(Damage.Kind.TRUNCATED);
            assertThat(d.offset()).as("cut at %d", cut).isLessThanOrEqualTo(cut);
            assertThat(d.footerLost()).isEqualTo(read.footer().isEmpty());
            assertThat(d.eventsBefore()).isEqualTo(read.events().size());
            assertThat(d.describe()).startsWith("truncated at offset " + d.offset() + ":");
            assertThat(read.events()).isEqualTo(SAMPLE.events().subList(0, read.events().size()));
            assertThat(read.events().size()).isGreaterThanOrEqualTo((int) previousEvents);
            previousEvents = read.events().size();
        }
        assertThat(previousEvents).isEqualTo(SAMPLE.events().size());
    }

    @Test
    void aCutBeforeTheFinalCheckpointKeepsEveryEventAndTheFooter() throws Exception {
        byte[] full = SampleTraces.bytes(SAMPLE, false);
        // The reader's own report says where the damaged record (the final checkpoint) starts.
        Trace cutInside = SampleTraces.read(Arrays.copyOf(full, full.length - 3));
        long boundary = cutInside.damage().orElseThrow().offset();
        Trace cutAtBoundary = SampleTraces.read(Arrays.copyOf(full, (int) boundary));

        assertThat(cutAtBoundary.events()).isEqualTo(cutInside.events()).isEqualTo(SAMPLE.events());
        assertThat(cutAtBoundary.footer()).isEqualTo(SAMPLE.footer());
        Damage d = cutAtBoundary.damage().orElseThrow();
        assertThat(d.detail()).isEqualTo("the file ends without the checkpoint after the footer");
        assertThat(d.offset()).isEqualTo(boundary);
        assertThat(d.footerLost()).isFalse();
    }

    @Test
    void aGzipTraceTruncatedAtEveryOffsetNeverFailsUncleanly() {
        byte[] full = SampleTraces.bytes(SAMPLE, true);
        for (int cut = 0; cut < full.length; cut++) {
            try {
                Trace read = SampleTraces.read(Arrays.copyOf(full, cut));
                assertThat(read.damage()).as("cut at %d", cut).isPresent();
                assertThat(read.events()).isEqualTo(SAMPLE.events().subList(0, read.events().size()));
            } catch (TraceFileException e) {
                assertThat(e.reason()).isIn(TraceFileException.Reason.TRUNCATED, TraceFileException.Reason.CORRUPT,
                        TraceFileException.Reason.NOT_A_TRACE);
            }
        }
    }

    @Test
    void thousandsOfRandomByteFlipsAreAllDetectedAndNeverEscapeAsAnythingButAReport() {
        byte[] plain = SampleTraces.bytes(SAMPLE, false);
        byte[] gzip = SampleTraces.bytes(SAMPLE, true);
        SplittableRandom rng = new SplittableRandom(20260101);
        int[] outcomes = new int[3];
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 6000; i++) {
                byte[] original = i % 3 == 2 ? gzip : plain;
                byte[] bytes = original.clone();
                int flips = 1 + rng.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    int at = rng.nextInt(bytes.length);
                    bytes[at] = (byte) (rng.nextBoolean() ? bytes[at] ^ (1 << rng.nextInt(8)) : rng.nextInt(256));
                }
                int outcome = classify(bytes);
                outcomes[outcome]++;
                if (outcome == 0) {
                    // Read whole without complaint: only if nothing changed but what no check covers and no
                    // reader uses: the minor version byte. A gzip file is compared by what it inflates to,
                    // since gzip leaves some of its own bytes unchecked (MTIME, XFL, OS, the unused bits
                    // that pad the last deflate byte) and a change there changes no content.
                    byte[] content = original == plain ? bytes : inflate(bytes);
                    assertThat(content.length).as("content length").isEqualTo(plain.length);
                    for (int at = 0; at < content.length; at++) {
                        if (at != 9) {
                            assertThat(content[at]).as("undetected change at offset %d", at).isEqualTo(plain[at]);
                        }
                    }
                }
            }
        });
        // Sanity of the fuzzer itself: it must reach both kinds of report, or it is not testing much.
        assertThat(outcomes[1]).isPositive();
        assertThat(outcomes[2]).isPositive();
    }

    @Test
    void randomGarbageAndHugeLengthsAreReportedNotAllocated() {
        SplittableRandom rng = new SplittableRandom(99);
        byte[] full = SampleTraces.bytes(SAMPLE, false);
        for (int i = 0; i < 500; i++) {
            byte[] garbage = new byte[rng.nextInt(200)];
            rng.nextBytes(garbage);
            classify(garbage);
            // A valid beginning followed by garbage exercises the record decoder rather than the magic check.
            byte[] mixed = Arrays.copyOf(full, 200 + garbage.length);
            System.arraycopy(garbage, 0, mixed, 200, garbage.length);
            classify(mixed);
        }
        int headerEnd = headerEnd(full);
        byte[] huge = Arrays.copyOf(full, headerEnd + 20);
        huge[headerEnd] = (byte) 0xFF;
        huge[headerEnd + 1] = (byte) 0xFF;
        huge[headerEnd + 2] = (byte) 0xFF;
        huge[headerEnd + 3] = (byte) 0x7F;
        assertThat(damageOf(huge).detail()).contains("over the limit");
    }

    @Test
    void zeroFilledSpaceAfterAKilledWriterIsTruncationKeepingEveryWholeEvent() throws Exception {
        byte[] full = SampleTraces.bytes(SAMPLE, false);
        Trace cut = SampleTraces.read(Arrays.copyOf(full, full.length - 5));
        int boundary = (int) cut.damage().orElseThrow().offset();
        byte[] zeros = Arrays.copyOf(Arrays.copyOf(full, boundary), boundary + 4096);

        Trace read = SampleTraces.read(zeros);

        Damage d = read.damage().orElseThrow();
        assertThat(d.kind()).isEqualTo(Damage.Kind.TRUNCATED);
        assertThat(d.detail()).contains("zero-filled");
        assertThat(d.offset()).isEqualTo(boundary);
        assertThat(read.events()).isEqualTo(SAMPLE.events());
    }

    @Test
    void aZeroLengthFollowedByDataIsCorruptionAndDropsItsBlock() throws Exception {
        Trace big = SampleTraces.sample(TraceLevel.EVENTS, 7, 3000);
        byte[] full = SampleTraces.bytes(big, false);
        Trace cut = SampleTraces.read(Arrays.copyOf(full, full.length / 2));
        int at = (int) cut.damage().orElseThrow().offset();
        byte[] broken = full.clone();
        broken[at] = 0;

        Trace read = SampleTraces.read(broken);

        Damage d = read.damage().orElseThrow();
        assertThat(d.kind()).isEqualTo(Damage.Kind.CORRUPT);
        assertThat(d.offset()).isLessThanOrEqualTo(at);
        assertThat(read.events()).isNotEmpty().hasSizeLessThan(cut.events().size())
                .isEqualTo(cut.events().subList(0, read.events().size()));
        assertThat(d.eventsBefore()).isEqualTo(read.events().size());
    }

    @Test
    void dataAfterTheFooterIsReportedWithTheFooterKept() throws Exception {
        byte[] full = SampleTraces.bytes(SAMPLE, false);
        byte[] extra = Arrays.copyOf(full, full.length + 2);
        extra[full.length] = 1;
        extra[full.length + 1] = 0x12;

        Trace read = SampleTraces.read(extra);

        assertThat(read.footer()).isEqualTo(SAMPLE.footer());
        assertThat(read.damage().orElseThrow().offset()).isEqualTo(full.length);
        assertThat(read.damage().orElseThrow().footerLost()).isFalse();
    }

    @Test
    void bytesAfterACompleteTraceAreCorruptionSayingHowManyAndWhereTheFooterIs() throws Exception {
        byte[] full = SampleTraces.bytes(SAMPLE, false);
        // A cut inside the final checkpoint is reported at the checkpoint's start, and a cut one byte before
        // that, inside the footer, at the footer's start.
        long checkpointAt = SampleTraces.read(Arrays.copyOf(full, full.length - 3)).damage().orElseThrow().offset();
        long footerAt = SampleTraces.read(Arrays.copyOf(full, (int) checkpointAt - 1)).damage().orElseThrow().offset();
        assertThat(footerAt).isLessThan(checkpointAt);
        // "abcde" reads as the length prefix 97 and then too few bytes: before, it was called truncation.
        byte[] letters = concat(full, "abcde".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] zeros = concat(full, new byte[4096]);

        for (byte[] bytes : List.of(letters, zeros, gzip(letters))) {
            Trace read = SampleTraces.read(bytes);

            Damage d = read.damage().orElseThrow();
            assertThat(d.kind()).isEqualTo(Damage.Kind.CORRUPT);
            assertThat(d.offset()).isEqualTo(full.length);
            assertThat(d.detail()).isEqualTo((bytes.length == zeros.length ? 4096 : 5) + " bytes of unexpected data"
                    + " after the end of a complete trace (footer at offset " + footerAt + ")");
            assertThat(d.footerLost()).isFalse();
            assertThat(d.eventsBefore()).isEqualTo(SAMPLE.events().size());
            assertThat(read.events()).isEqualTo(SAMPLE.events());
            assertThat(read.footer()).isEqualTo(SAMPLE.footer());
        }
        Verification v = TraceVerifier.verify(TraceReader.open(new java.io.ByteArrayInputStream(letters), "x"));
        assertThat(v.status()).isEqualTo(Verification.Status.DAMAGED);
        assertThat(v.message()).startsWith("corrupt at offset " + full.length + ": 5 bytes of unexpected data");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] gzip(byte[] bytes) throws java.io.IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (var z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void aRecordThatDoesNotDecodeIsDescribedInOurWordsNotProtobufs() throws Exception {
        byte[] full = SampleTraces.bytes(SAMPLE, false);
        byte[] entry = dev.seedloop.trace.v1.Record.newBuilder().setString(dev.seedloop.trace.v1.StringEntry
                .newBuilder().setId(1).setValue("x")).build().toByteArray();
        entry[entry.length - 1] = (byte) 0xFF; // the value's only byte: never valid UTF-8
        int headerEnd = headerEnd(full);
        byte[] bad = concat(Arrays.copyOf(full, headerEnd), concat(new byte[] {(byte) entry.length}, entry));

        Damage d = damageOf(bad);

        assertThat(d.kind()).isEqualTo(Damage.Kind.CORRUPT);
        assertThat(d.detail()).isEqualTo("a record of " + entry.length + " bytes that does not decode (a string field"
                + " is not valid UTF-8)");
    }

    @Test
    void aCutOrDamagedGzipStreamIsDescribedInOurWordsNotZlibs() throws Exception {
        byte[] gzip = SampleTraces.bytes(SAMPLE, true);
        byte[] wrongCrc = gzip.clone();
        wrongCrc[gzip.length - 8] ^= 1; // the trailer: CRC-32, then the length

        Damage cut = damageOf(Arrays.copyOf(gzip, gzip.length * 2 / 3));
        Damage trailer = damageOf(wrongCrc);

        assertThat(cut.kind()).isEqualTo(Damage.Kind.TRUNCATED);
        assertThat(cut.detail()).isEqualTo("the gzip stream ends early");
        assertThat(trailer.kind()).isEqualTo(Damage.Kind.CORRUPT);
        assertThat(trailer.detail()).isEqualTo("the gzip trailer does not match the data (its CRC-32 or length"
                + " differs)");
    }

    @Test
    void aFileThatIsNotATraceIsRefusedSayingSo() {
        assertThatThrownBy(() -> SampleTraces.read("hello, world, not a trace".getBytes()))
                .isInstanceOf(TraceFileException.class)
                .hasMessageContaining("is not a seedloop trace")
                .extracting(e -> ((TraceFileException) e).reason()).isEqualTo(TraceFileException.Reason.NOT_A_TRACE);
    }

    private static int headerEnd(byte[] full) {
        // Preamble (10 bytes), the header record, then its checkpoint record; both under 128 bytes here, so
        // each has a one-byte length prefix.
        int checkpoint = 10 + 1 + (full[10] & 0xFF);
        return checkpoint + 1 + (full[checkpoint] & 0xFF);
    }

    private static Damage damageOf(byte[] bytes) {
        try {
            return SampleTraces.read(bytes).damage().orElseThrow();
        } catch (TraceFileException e) {
            return fail("unexpected refusal: " + e.getMessage());
        }
    }

    /** 0: read whole, 1: read with damage, 2: refused. Any other exception fails the test. */
    private static byte[] inflate(byte[] gzip) {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new AssertionError("the reader accepted a gzip file that does not inflate", e);
        }
    }

    private static int classify(byte[] bytes) {
        try {
            Trace t = SampleTraces.read(bytes);
            if (t.damage().isPresent()) {
                assertThat(t.damage().get().describe()).isNotBlank();
                return 1;
            }
            assertThat(t.footer()).isPresent();
            TraceVerifier.verify(TraceReader.open(new java.io.ByteArrayInputStream(bytes), "x")).message();
            return 0;
        } catch (TraceFileException e) {
            assertThat(e.getMessage()).isNotBlank();
            return 2;
        }
    }

    @Test
    void aNewerMajorVersionIsRefusedWithWhatToDo() {
        byte[] bytes = SampleTraces.bytes(SAMPLE, false);
        bytes[8] = 2;
        bytes[9] = 0;
        assertThatThrownBy(() -> SampleTraces.read(bytes))
                .isInstanceOf(TraceFileException.class)
                .hasMessageContaining("format 2.0")
                .hasMessageContaining("upgrade")
                .extracting(e -> ((TraceFileException) e).reason())
                .isEqualTo(TraceFileException.Reason.UNSUPPORTED_VERSION);
    }

    @Test
    void aNewerMinorVersionIsReadAndReported() throws Exception {
        byte[] bytes = SampleTraces.bytes(SAMPLE, false);
        bytes[9] = 7;
        Trace read = SampleTraces.read(bytes);
        assertThat(read.version()).isEqualTo(new FormatVersion(1, 7));
        assertThat(read.events()).isEqualTo(SAMPLE.events());
    }

    @Test
    void aFlipInsideABlockDropsThatBlockAndReturnsEveryBlockBeforeIt() throws Exception {
        Trace big = SampleTraces.sample(TraceLevel.EVENTS, 7, 3000);
        byte[] full = SampleTraces.bytes(big, false);
        byte[] broken = full.clone();
        int at = full.length * 2 / 3;
        broken[at] ^= 0x40;

        Trace read = SampleTraces.read(broken);

        Damage d = read.damage().orElseThrow();
        assertThat(d.kind()).isEqualTo(Damage.Kind.CORRUPT);
        assertThat(d.offset()).isLessThanOrEqualTo(at).isGreaterThan(at - 64 * 1024);
        assertThat(read.events()).isNotEmpty()
                .isEqualTo(SampleTraces.asWrittenAt(TraceLevel.EVENTS, big.events()).subList(0, read.events().size()));
        assertThat(read.footer()).isEmpty();
    }
}

package dev.seedloop.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.UnknownFieldSet;
import dev.seedloop.trace.v1.Checkpoint;
import dev.seedloop.trace.v1.Record;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Files this writer never produces but a reader must handle as {@code docs/trace-format.md} says: a record
 * kind of a newer minor version (skipped), a block longer than 65,536 bytes (corrupt), an older major
 * version and a file that is not a trace (refused, saying what the file starts with). The files are
 * re-framed from a real trace with protobuf-java, with every checkpoint recomputed, so the only thing
 * wrong with them is the thing under test.
 */
class RecordFramingTests {
    private static final int PREAMBLE = 10;

    /** The records of a trace file after its preamble, parsed by protobuf-java. */
    private static List<Record> records(byte[] file) throws IOException {
        List<Record> records = new ArrayList<>();
        InputStream in = new ByteArrayInputStream(file, PREAMBLE, file.length - PREAMBLE);
        for (Record r; (r = Record.parseDelimitedFrom(in)) != null; ) {
            records.add(r);
        }
        return records;
    }

    /**
     * The file of {@code preamble} and {@code records}, with each checkpoint replaced by one that covers
     * the records since the previous checkpoint, as a writer would have computed it.
     */
    private static byte[] frame(byte[] preamble, List<Record> records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(preamble, 0, PREAMBLE);
        CRC32C crc = new CRC32C();
        long covered = 0;
        for (Record r : records) {
            if (r.hasCheckpoint()) {
                Record.newBuilder().setCheckpoint(Checkpoint.newBuilder().setCrc32C((int) crc.getValue())
                        .setRecords(covered)).build().writeDelimitedTo(out);
                crc.reset();
                covered = 0;
                continue;
            }
            ByteArrayOutputStream framed = new ByteArrayOutputStream();
            r.writeDelimitedTo(framed);
            crc.update(framed.toByteArray());
            out.write(framed.toByteArray());
            covered++;
        }
        return out.toByteArray();
    }

    private static int firstEvent(List<Record> records) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).hasEvent()) {
                return i;
            }
        }
        throw new AssertionError("no event");
    }

    @Test
    void reFramingAnUnchangedTraceGivesTheSameBytes() throws Exception {
        byte[] file = SampleTraces.bytes(SampleTraces.sample(TraceLevel.FULL, 3, 50), false);
        assertThat(frame(file, records(file))).as("the helper below frames as the writer does").isEqualTo(file);
    }

    @Test
    void aRecordKindOfANewerMinorVersionIsSkipped() throws Exception {
        Trace sample = SampleTraces.sample(TraceLevel.FULL, 4, 50);
        byte[] file = SampleTraces.bytes(sample, false);
        List<Record> records = new ArrayList<>(records(file));
        // A record whose body is none of v1's but field 30, as a later minor version might add.
        Record future = Record.newBuilder().setUnknownFields(UnknownFieldSet.newBuilder()
                .addField(30, UnknownFieldSet.Field.newBuilder().addVarint(42).build()).build()).build();
        records.add(firstEvent(records) + 1, future);
        records.add(records.size() - 2, future); // and one just before the footer

        Trace read = SampleTraces.read(frame(file, records));

        assertThat(read.damage()).isEmpty();
        assertThat(read.events()).isEqualTo(sample.events());
        assertThat(read.footer()).isEqualTo(sample.footer());
    }

    @Test
    void aBlockLongerThan65536BytesIsCorruptAndTheBlocksBeforeItStand() throws Exception {
        Trace big = SampleTraces.sample(TraceLevel.EVENTS, 7, 8_000);
        byte[] file = SampleTraces.bytes(big, false);
        List<Record> records = new ArrayList<>(records(file));
        // Drop the checkpoint between the second and third event blocks: one block of about 128 KiB.
        List<Integer> checkpoints = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).hasCheckpoint()) {
                checkpoints.add(i);
            }
        }
        assertThat(checkpoints).as("a header block and at least four event blocks").hasSizeGreaterThan(4);
        long eventsBefore = records.subList(0, checkpoints.get(2)).stream().filter(Record::hasEvent).count();
        records.remove((int) checkpoints.get(2));

        Trace read = SampleTraces.read(frame(file, records));

        Damage damage = read.damage().orElseThrow();
        assertThat(damage.kind()).isEqualTo(Damage.Kind.CORRUPT);
        assertThat(damage.detail()).contains("more than 65536 bytes of records without a checkpoint");
        long firstBlockEvents = records.subList(0, checkpoints.get(1)).stream().filter(Record::hasEvent).count();
        assertThat(read.events()).as("the event block before the merged one").hasSize((int) firstBlockEvents)
                .isEqualTo(SampleTraces.asWrittenAt(TraceLevel.EVENTS, big.events()).subList(0,
                        (int) firstBlockEvents));
        assertThat(firstBlockEvents).isLessThan(eventsBefore);
    }

    @Test
    void anOlderMajorVersionIsRefusedAsAPreRelease() {
        byte[] bytes = SampleTraces.bytes(SampleTraces.sample(TraceLevel.EVENTS, 1, 5), false);
        bytes[8] = 0;
        bytes[9] = 0;
        assertThatThrownBy(() -> SampleTraces.read(bytes)).isInstanceOf(TraceFileException.class)
                .hasMessageContaining("uses trace format 0.0")
                .hasMessageContaining("written by an unsupported pre-release")
                .extracting(e -> ((TraceFileException) e).reason())
                .isEqualTo(TraceFileException.Reason.UNSUPPORTED_VERSION);
    }

    @Test
    void aFileThatIsNotATraceIsRefusedShowingItsFirstBytesPrintably() {
        byte[] bytes = Arrays.copyOf(new byte[] {' ', '~', 0x7F, 0x1F, 'A', 'B', (byte) 0xFF, 'Z'}, 64);
        assertThatThrownBy(() -> SampleTraces.read(bytes)).isInstanceOf(TraceFileException.class)
                .hasMessageContaining("it starts with \" ~??AB?Z\" instead of \"SEEDLOOP\"")
                .hasMessageContaining("give the path of a .trace file");
    }
    /** A record of a newer minor version (unknown field 30 holding {@code n} bytes), framed. */
    private static Record filler(int n) {
        return Record.newBuilder().setUnknownFields(UnknownFieldSet.newBuilder().addField(30,
                UnknownFieldSet.Field.newBuilder().addLengthDelimited(com.google.protobuf.ByteString.copyFrom(
                        new byte[n])).build()).build()).build();
    }

    private static int framedSize(Record r) {
        return com.google.protobuf.CodedOutputStream.computeUInt32SizeNoTag(r.getSerializedSize())
                + r.getSerializedSize();
    }

    @Test
    void aBlockOfExactly65536BytesIsReadAndOneByteMoreIsCorruptAtTheBlocksStart() throws Exception {
        Trace sample = SampleTraces.sample(TraceLevel.EVENTS, 5, 5);
        byte[] file = SampleTraces.bytes(sample, false);
        List<Record> records = records(file);
        // After the header block (header, checkpoint): a block of two fillers, then the sample's own blocks.
        long blockStart = PREAMBLE + framedSize(records.get(0)) + framedSize(records.get(1));
        Record first = filler(30_000);
        for (int total : new int[] {65_536, 65_537}) {
            int n = 0;
            while (framedSize(first) + framedSize(filler(n)) < total) {
                n++;
            }
            assertThat(framedSize(first) + framedSize(filler(n))).isEqualTo(total);
            List<Record> patched = new ArrayList<>(records.subList(0, 2));
            patched.add(first);
            patched.add(filler(n));
            patched.add(records.get(1)); // a checkpoint: recomputed by frame()
            patched.addAll(records.subList(2, records.size()));

            Trace read = SampleTraces.read(frame(file, patched));

            if (total == 65_536) {
                assertThat(read.damage()).isEmpty();
                assertThat(read.events()).isEqualTo(SampleTraces.asWrittenAt(TraceLevel.EVENTS, sample.events()));
            } else {
                assertThat(read.events()).isEmpty();
                assertThat(read.damage()).contains(new Damage(Damage.Kind.CORRUPT, blockStart,
                        "more than 65536 bytes of records without a checkpoint (found at offset "
                                + (blockStart + framedSize(first)) + "; the whole block from offset " + blockStart
                                + " is dropped)", 0, true));
            }
        }
    }
}

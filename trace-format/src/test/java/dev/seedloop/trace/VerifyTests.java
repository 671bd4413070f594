package dev.seedloop.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify recomputes the digest from the events and compares it with the footer. */
class VerifyTests {
    @TempDir
    Path dir;

    @Test
    void anUntouchedTraceVerifies() throws Exception {
        Path file = write(SampleTraces.sample(TraceLevel.EVENTS, 3, 30), "ok.trace");

        Verification v = TraceVerifier.verify(file);

        assertThat(v.status()).isEqualTo(Verification.Status.OK);
        assertThat(v.message()).contains(RunDigest.format(v.recomputedDigest()));
    }

    @Test
    void aTamperedEventFailsVerification() throws Exception {
        Trace original = SampleTraces.sample(TraceLevel.EVENTS, 3, 30);
        List<TraceEvent> events = new ArrayList<>(original.events());
        int i = indexOfFirst(events, TraceEvent.MessageSent.class);
        TraceEvent.MessageSent m = (TraceEvent.MessageSent) events.get(i);
        events.set(i, new TraceEvent.MessageSent(m.step(), m.timeNanos(), m.messageId(), m.src(), m.dst(), m.type(),
                m.latencyNanos() + 1, m.payload()));
        Path file = write(new Trace("", original.version(), original.header(), events, original.footer(),
                original.damage()), "tampered.trace");

        Verification v = TraceVerifier.verify(file);

        assertThat(v.status()).isEqualTo(Verification.Status.DIGEST_MISMATCH);
        assertThat(v.message()).contains("altered");
    }

    @Test
    void aRemovedEventIsAnEventCountMismatch() throws Exception {
        Trace original = SampleTraces.sample(TraceLevel.EVENTS, 3, 30);
        List<TraceEvent> events = new ArrayList<>(original.events());
        events.remove(indexOfFirst(events, TraceEvent.Log.class));
        Path file = write(new Trace("", original.version(), original.header(), events, original.footer(),
                original.damage()), "shorter.trace");

        assertThat(TraceVerifier.verify(file).status()).isEqualTo(Verification.Status.EVENT_COUNT_MISMATCH);
    }

    @Test
    void aTruncatedTraceIsDamagedWithTheOffset() throws Exception {
        byte[] bytes = SampleTraces.bytes(SampleTraces.sample(TraceLevel.EVENTS, 3, 30), false);
        Path file = dir.resolve("cut.trace");
        java.nio.file.Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));

        Verification v = TraceVerifier.verify(file);

        assertThat(v.status()).isEqualTo(Verification.Status.DAMAGED);
        assertThat(v.message()).startsWith("truncated at offset " + v.damage().orElseThrow().offset());
        assertThat(v.footer()).as("only the final checkpoint is cut").isPresent();
        assertThat(v.message()).as("with the footer there is a digest to compare").isEqualTo(
                v.damage().orElseThrow().describe());
    }

    @Test
    void aTruncatedTraceWithoutItsFooterGivesTheDigestOfWhatWasRead() throws Exception {
        byte[] bytes = SampleTraces.bytes(SampleTraces.sample(TraceLevel.EVENTS, 3, 30), false);
        Path file = dir.resolve("half.trace");
        java.nio.file.Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

        Verification v = TraceVerifier.verify(file);

        assertThat(v.status()).isEqualTo(Verification.Status.DAMAGED);
        assertThat(v.footer()).isEmpty();
        assertThat(v.message()).isEqualTo(v.damage().orElseThrow().describe() + "; the digest of the events read is "
                + RunDigest.format(v.recomputedDigest()) + " (compare it with the engine's output)");
    }

    @Test
    void aFlippedBitNeverVerifiesUnlessTheDigestedContentIsIntact() throws Exception {
        Trace original = SampleTraces.sample(TraceLevel.EVENTS, 3, 30);
        byte[] bytes = SampleTraces.bytes(original, false);
        long originalDigest = original.recomputeDigest().value();
        int caught = 0;
        for (int at = 10; at < bytes.length; at++) {
            byte[] b = bytes.clone();
            b[at] ^= (byte) (1 << (at % 8));
            Path file = dir.resolve("flip.trace");
            java.nio.file.Files.write(file, b);
            Verification v;
            try {
                v = TraceVerifier.verify(file);
            } catch (TraceFileException refused) {
                caught++;
                continue;
            }
            if (v.ok()) {
                // Only fields outside the digest (type names, tags, steps, provenance) may change unnoticed.
                assertThat(v.recomputedDigest()).as("flip at %d", at).isEqualTo(originalDigest);
            } else {
                caught++;
            }
        }
        // Checkpoints cover every byte after the preamble: no flip goes unnoticed.
        assertThat(caught).as("flips caught").isEqualTo(bytes.length - 10);
    }

    @Test
    void theDigestMappingIsTheOneTheEngineUses() {
        // The mapping of docs/trace-format.md, spelled out call by call, against TraceEvent.digestInto.
        RunDigest expected = new RunDigest();
        expected.event(EventKindCode.NODE_STARTED, 5, 1, -1, 2, 0);
        expected.event(EventKindCode.NODE_CRASHED, 6, 1, -1, 0, 0);
        expected.event(EventKindCode.MESSAGE_SENT, 7, 0, 2, 11, 1500);
        expected.event(EventKindCode.MESSAGE_DELIVERED, 8, 0, 2, 11, 0);
        expected.event(EventKindCode.MESSAGE_DROPPED, 9, 0, 2, 11, EventKindCode.DROP_CRASHED);
        expected.event(EventKindCode.MESSAGE_DUPLICATED, 10, 0, 2, 11, 900);
        expected.event(EventKindCode.TIMER_SET, 11, 1, -1, 4, 500);
        expected.event(EventKindCode.TIMER_FIRED, 12, 1, -1, 4, 0);
        expected.event(EventKindCode.TIMER_CANCELLED, 13, 1, -1, 4, 0);
        expected.event(EventKindCode.NETWORK_CHANGED, 14, -1, -1, EventKindCode.NETWORK_PARTITION,
                RunDigest.hashGroups(new int[][] {{0, 1}, {2}}));
        expected.event(EventKindCode.NETWORK_CHANGED, 15, 2, -1, EventKindCode.NETWORK_ISOLATE, 0);
        expected.event(EventKindCode.NETWORK_CHANGED, 16, -1, -1, EventKindCode.NETWORK_HEAL, 0);
        expected.event(EventKindCode.NOTE, 17, -1, -1, RunDigest.hashText("label"), RunDigest.hashText("detail"));
        expected.event(EventKindCode.LOG, 18, 2, -1, RunDigest.hashText("log line"), 0);
        expected.event(EventKindCode.INVARIANT_VIOLATED, 19, -1, -1, RunDigest.hashText("single-leader"), 0);

        List<TraceEvent> events = List.of(
                new TraceEvent.NodeStarted(1, 5, 1, 2),
                new TraceEvent.NodeCrashed(1, 6, 1),
                new TraceEvent.MessageSent(1, 7, 11, 0, 2, "T", 1500, "payload is not digested"),
                new TraceEvent.MessageDelivered(2, 8, 11, 0, 2, "T"),
                new TraceEvent.MessageDropped(2, 9, 11, 0, 2, "T", DropReason.CRASHED),
                new TraceEvent.MessageDuplicated(2, 10, 11, 0, 2, "T", 900),
                new TraceEvent.TimerSet(3, 11, 1, 4, 500, "tag"),
                new TraceEvent.StateSnapshot(3, 11, 1, List.of(new TraceEvent.StateSnapshot.Field("not", "digested"))),
                new TraceEvent.TimerFired(3, 12, 1, 4, "tag"),
                new TraceEvent.TimerCancelled(3, 13, 1, 4, "tag"),
                TraceEvent.NetworkChanged.partition(4, 14, List.of(List.of(0, 1), List.of(2))),
                TraceEvent.NetworkChanged.isolate(4, 15, 2),
                TraceEvent.NetworkChanged.heal(4, 16),
                new TraceEvent.Note(4, 17, "label", "detail"),
                new TraceEvent.InvariantChecked(4, 17, "single-leader", false),
                new TraceEvent.Log(4, 18, 2, "log line"),
                new TraceEvent.InvariantViolated(4, 19, "single-leader", "evidence is not digested"));
        RunDigest actual = new RunDigest();
        events.forEach(e -> e.digestInto(actual));

        assertThat(actual.eventCount()).isEqualTo(15);
        assertThat(RunDigest.format(actual.value())).isEqualTo(RunDigest.format(expected.value()));
    }

    private Path write(Trace t, String name) {
        Path file = dir.resolve(name);
        t.write(file, TraceWriter.Options.defaults());
        return file;
    }

    private static int indexOfFirst(List<TraceEvent> events, Class<? extends TraceEvent> kind) {
        for (int i = 0; i < events.size(); i++) {
            if (kind.isInstance(events.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no " + kind.getSimpleName() + " in the sample");
    }
}

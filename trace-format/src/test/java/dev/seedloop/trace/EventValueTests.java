package dev.seedloop.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The value types of the package against docs/trace-format.md: the lane column of the kinds table (§6.2),
 * the digest words of the kinds added after v1.0 (§8.2), the checks of the constructors, and the wording
 * of the one-line reports.
 */
class EventValueTests {

    @Test
    void everyKindIsOnTheLaneTheKindsTableGivesIt() {
        // Node 2 everywhere a node is named, so that a lane of 0 (or of the wrong node) shows.
        assertThat(new TraceEvent.MessageDuplicated(1, 1, 7, 2, 1, "T", 5).lane()).as("src").isEqualTo(2);
        assertThat(new TraceEvent.TimerSet(1, 1, 2, 4, 10, "t").lane()).isEqualTo(2);
        assertThat(new TraceEvent.TimerFired(1, 1, 2, 4, "t").lane()).isEqualTo(2);
        assertThat(new TraceEvent.TimerCancelled(1, 1, 2, 4, "t").lane()).isEqualTo(2);
        assertThat(new TraceEvent.Log(1, 1, 2, "x").lane()).isEqualTo(2);
        assertThat(new TraceEvent.NodePaused(1, 1, 2, 9).lane()).isEqualTo(2);
        assertThat(new TraceEvent.NodeResumed(1, 1, 2).lane()).isEqualTo(2);
        assertThat(new TraceEvent.BuggifyFired(1, 1, 2, "p").lane()).isEqualTo(2);
        assertThat(new TraceEvent.StorageSync(1, 1, 2, 3).lane()).isEqualTo(2);
        assertThat(new TraceEvent.StorageLost(1, 1, 2, 3, true).lane()).isEqualTo(2);
        assertThat(new TraceEvent.StateSnapshot(1, 1, 2, List.of()).lane()).isEqualTo(2);
        assertThat(new TraceEvent.FaultBegin(1, 1, 5, "slow-link", 2, 1, "d").lane()).as("node A").isEqualTo(2);
        assertThat(new TraceEvent.FaultEnd(1, 1, 5, "slow-link", 2, 1).lane()).isEqualTo(2);
        assertThat(new TraceEvent.ScheduleDecision(1, 1, 2, 2, 100).lane()).isEqualTo(2);
        // "node A, else run", "the node, else run", and the run-wide kinds.
        assertThat(new TraceEvent.FaultBegin(1, 1, 5, "partition", -1, -1, "d").lane()).isEqualTo(-1);
        assertThat(new TraceEvent.FaultEnd(1, 1, 5, "partition", -1, -1).lane()).isEqualTo(-1);
        assertThat(new TraceEvent.ScheduleDecision(1, 1, 1, -1, 100).lane()).isEqualTo(-1);
        assertThat(new TraceEvent.InvariantViolated(1, 1, "inv", "e").lane()).isEqualTo(-1);
        assertThat(new TraceEvent.InvariantChecked(1, 1, "inv", true).lane()).isEqualTo(-1);
        assertThat(new TraceEvent.Unknown(1, 1, 30).lane()).isEqualTo(-1);
    }

    private static Optional<DigestWords> words(int kind, long t, int a, int b, long id, long value) {
        return Optional.of(new DigestWords(kind, t, a, b, id, value));
    }

    @Test
    void theKindsAddedAfterV10DigestAsTheMappingTableSays() {
        // §8.2, row by row: nodeA, nodeB, id, value.
        assertThat(new TraceEvent.NodePaused(1, 100, 2, 350).digestWords()).as("the absolute end of the pause")
                .isEqualTo(words(16, 100, 2, -1, 0, 350));
        assertThat(new TraceEvent.NodeResumed(1, 350, 2).digestWords()).isEqualTo(words(17, 350, 2, -1, 0, 0));
        assertThat(new TraceEvent.FaultBegin(1, 10, 5, "slow-link", 2, 0, "2ms..5ms").digestWords())
                .isEqualTo(words(19, 10, 2, 0, 5, RunDigest.hashText("2ms..5ms")));
        assertThat(new TraceEvent.FaultBegin(1, 10, 6, "partition", -1, -1, "").digestWords())
                .isEqualTo(words(19, 10, -1, -1, 6, 0xCBF29CE484222325L));
        assertThat(new TraceEvent.FaultEnd(1, 20, 5, "slow-link", 2, 0).digestWords())
                .isEqualTo(words(20, 20, 2, 0, 5, 0));
        assertThat(new TraceEvent.ScheduleDecision(1, 30, 2, 1, 4_000).digestWords())
                .isEqualTo(words(21, 30, 1, -1, 2, 4_000));
        assertThat(new TraceEvent.BuggifyFired(1, 40, 2, "drop-ack").digestWords())
                .isEqualTo(words(22, 40, 2, -1, RunDigest.hashText("drop-ack"), 0));
        assertThat(new TraceEvent.StorageSync(1, 50, 2, 7).digestWords()).isEqualTo(words(24, 50, 2, -1, 7, 0));
        assertThat(new TraceEvent.StorageLost(1, 60, 2, 3, true).digestWords()).as("torn")
                .isEqualTo(words(25, 60, 2, -1, 3, 1));
        assertThat(new TraceEvent.StorageLost(1, 60, 2, 3, false).digestWords()).as("whole")
                .isEqualTo(words(25, 60, 2, -1, 3, 0));
        assertThat(new TraceEvent.InvariantChecked(1, 60, "inv", true).digestWords()).isEmpty();
    }

    @Test
    void optionalNodesAreMinusOneOrANodeIndexAndGroupMembersAreNodeIndexes() {
        assertThatThrownBy(() -> new TraceEvent.FaultBegin(1, 1, 5, "crash", -2, -1, "d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodeA");
        assertThatThrownBy(() -> new TraceEvent.FaultBegin(1, 1, 5, "crash", -1, -2, "d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodeB");
        assertThatThrownBy(() -> new TraceEvent.FaultEnd(1, 1, 5, "crash", -2, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodeA");
        assertThatThrownBy(() -> new TraceEvent.FaultEnd(1, 1, 5, "crash", -1, -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodeB");
        assertThatThrownBy(() -> new TraceEvent.ScheduleDecision(1, 1, 1, -2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node");
        assertThatThrownBy(() -> TraceEvent.NetworkChanged.partition(1, 1, List.of(List.of(0), List.of(1, -1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group member");
    }

    @Test
    void networkChangeAndDropReasonCodesAreTheSchemasEnumValues() {
        assertThat(NetworkChangeKind.fromCode(1)).isEqualTo(NetworkChangeKind.PARTITION);
        assertThat(NetworkChangeKind.fromCode(2)).isEqualTo(NetworkChangeKind.ISOLATE);
        assertThat(NetworkChangeKind.fromCode(3)).isEqualTo(NetworkChangeKind.HEAL);
        assertThatThrownBy(() -> NetworkChangeKind.fromCode(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown network change code 4");
        assertThatThrownBy(() -> NetworkChangeKind.fromCode(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatVersionPartsAreSingleBytes() {
        assertThatCode(() -> new FormatVersion(0, 0)).doesNotThrowAnyException();
        assertThatCode(() -> new FormatVersion(255, 255)).doesNotThrowAnyException();
        for (int[] bad : new int[][] {{-1, 0}, {256, 0}, {0, -1}, {0, 256}}) {
            assertThatThrownBy(() -> new FormatVersion(bad[0], bad[1])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("format version parts must be 0..255, was " + bad[0] + "." + bad[1]);
        }
    }

    @Test
    void aValidKindWithABadNodeIsReportedAsABadNode() {
        // Kind 65535 is the last valid one: the message must blame the node, not the kind.
        assertThatThrownBy(() -> new RunDigest().event(0xFFFF, 0, -2, 0, 0, 0))
                .hasMessage("node index outside -1..16777214: -2, 0");
    }

    @Test
    void nodeNamesComeFromTheHeaderAndOtherIndexesAreNamedByNumber() {
        RunIdentity id = SampleTraces.identity(TraceLevel.EVENTS, 1);
        assertThat(id.nodeName(0)).isEqualTo("n0");
        assertThat(id.nodeName(2)).isEqualTo("n2");
        assertThat(id.nodeName(3)).isEqualTo("node3");
        assertThat(id.nodeName(-1)).isEqualTo("node-1");
    }

    @Test
    void aFooterHasAFailureExactlyWhenTheRunFailed() {
        RunFailure failure = new RunFailure("invariant", "broken", 1, 2, -1, "");
        assertThatThrownBy(() -> new TraceFooter(Outcome.PASSED, Optional.of(failure), 1, 0, 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a failure must be given exactly when the outcome is FAILED (PASSED, failure given)");
        assertThatThrownBy(() -> new TraceFooter(Outcome.FAILED, Optional.empty(), 1, 0, 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a failure must be given exactly when the outcome is FAILED (FAILED, failure absent)");
    }

    @Test
    void aDamageReportSaysWhetherTheFooterIsLost() {
        assertThat(new Damage(Damage.Kind.TRUNCATED, 1234, "the file ends without a footer", 57, true).describe())
                .isEqualTo("truncated at offset 1234: the file ends without a footer; 57 whole events before it"
                        + " were read, the footer (outcome, digest) is lost");
        assertThat(new Damage(Damage.Kind.CORRUPT, 99, "x", 0, false).describe())
                .isEqualTo("corrupt at offset 99: x; 0 whole events before it were read");
        assertThat(new Damage(Damage.Kind.IO_ERROR, 10, "y", 3, false).describe())
                .isEqualTo("I/O error at offset 10: y; 3 whole events before it were read");
    }

    @Test
    void currentProvenanceNamesThisProcess() {
        Provenance p = Provenance.current(Instant.parse("2026-12-07T10:11:12.345678Z"));
        assertThat(p.createdAt()).isEqualTo("2026-12-07T10:11:12.345Z");
        String host = System.getenv("HOSTNAME") != null ? System.getenv("HOSTNAME")
                : System.getenv("COMPUTERNAME") != null ? System.getenv("COMPUTERNAME") : "";
        assertThat(p.host()).isEqualTo(host);
        assertThat(p.jvm()).isEqualTo(System.getProperty("java.vendor", "") + " "
                + System.getProperty("java.runtime.version", ""));
        assertThat(p.os()).isEqualTo(System.getProperty("os.name", "") + " " + System.getProperty("os.arch", ""));
        assertThat(p.extra()).isEmpty();
    }

    @Test
    void aTraceRecomputesTheDigestOfItsEvents() {
        Trace sample = SampleTraces.sample(TraceLevel.FULL, 3, 20);
        RunDigest expected = new RunDigest();
        for (TraceEvent e : sample.events()) {
            e.digestWords().ifPresent(w -> expected.event(w.kind(), w.timeNanos(), w.nodeA(), w.nodeB(), w.id(),
                    w.value()));
        }
        RunDigest recomputed = sample.recomputeDigest();
        assertThat(recomputed.eventCount()).isEqualTo(expected.eventCount()).isGreaterThan(20);
        assertThat(recomputed.value()).isEqualTo(expected.value()).isEqualTo(sample.footer().orElseThrow().digest());
    }
}

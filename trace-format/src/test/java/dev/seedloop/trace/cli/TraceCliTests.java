package dev.seedloop.trace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import dev.seedloop.trace.DropReason;
import dev.seedloop.trace.RunDigest;
import dev.seedloop.trace.SampleTraces;
import dev.seedloop.trace.Trace;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.trace.TraceFooter;
import dev.seedloop.trace.TraceLevel;
import dev.seedloop.trace.TraceReader;
import dev.seedloop.trace.TraceWriter;
import dev.seedloop.trace.diff.TraceSummary;
import dev.seedloop.trace.export.ExportFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's exit codes and messages, which scripts rely on. */
class TraceCliTests {
    @TempDir
    Path dir;

    Path good;
    Path goodGz;
    Path truncated;
    Path other;

    record Run(int code, String out, String err) {}

    static Run run(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TraceCli.run(strings(args), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static String[] strings(Object... args) {
        return Arrays.stream(args).map(Object::toString).toArray(String[]::new);
    }

    /**
     * A small run of the sample's three nodes whose every event is here: a partition, a send dropped by it,
     * a heal, an isolation of n0, a crash and restart of n2, another partition, and a reply delivered.
     */
    static final List<TraceEvent> TINY = List.of(
            new TraceEvent.NodeStarted(0, 0, 0, 0),
            new TraceEvent.NodeStarted(0, 0, 1, 0),
            new TraceEvent.NodeStarted(0, 0, 2, 0),
            TraceEvent.NetworkChanged.partition(1, 1_000, List.of(List.of(0, 1), List.of(2))),
            new TraceEvent.MessageSent(2, 2_000, 1, 0, 2, "Ping", 500, null),
            new TraceEvent.MessageDropped(3, 2_500, 1, 0, 2, "Ping", DropReason.PARTITION),
            TraceEvent.NetworkChanged.heal(4, 3_000),
            TraceEvent.NetworkChanged.isolate(5, 4_000, 0),
            new TraceEvent.NodeCrashed(6, 5_000, 2),
            new TraceEvent.NodeStarted(7, 6_000, 2, 1),
            TraceEvent.NetworkChanged.partition(8, 7_000, List.of(List.of(0), List.of(1, 2))),
            new TraceEvent.MessageSent(9, 8_000, 2, 1, 0, "Pong", 500, null),
            new TraceEvent.MessageDelivered(10, 8_500, 2, 1, 0, "Pong"));

    /** {@code events} written to {@code name} in {@link #dir} as a passed run of the sample's identity. */
    Path write(String name, List<TraceEvent> events) {
        RunDigest d = new RunDigest();
        events.forEach(e -> e.digestInto(d));
        Path file = dir.resolve(name);
        Trace.of(SampleTraces.header(TraceLevel.FULL, 5), events,
                TraceFooter.passed(events.getLast().step(), d, events.getLast().timeNanos()))
                .write(file, TraceWriter.Options.defaults());
        return file;
    }

    /** The event lines of a dump, without its {@code #} header and footer lines. */
    static List<String> eventLines(Run dump) {
        return dump.out().lines().filter(l -> !l.startsWith("#")).toList();
    }

    @BeforeEach
    void writeTraces() throws Exception {
        Trace sample = SampleTraces.sample(TraceLevel.FULL, 8, 20);
        good = dir.resolve("good.trace");
        sample.write(good, TraceWriter.Options.defaults());
        goodGz = dir.resolve("good.trace.gz");
        sample.write(goodGz, TraceWriter.Options.defaults().withGzip(true));
        byte[] bytes = Files.readAllBytes(good);
        truncated = dir.resolve("cut.trace");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 7));
        List<TraceEvent> changed = new ArrayList<>(sample.events());
        changed.set(changed.size() - 1, new TraceEvent.Note(changed.getLast().step(), changed.getLast().timeNanos(),
                "changed", "the last event differs"));
        other = dir.resolve("other.trace");
        Trace.of(sample.header(), changed, sample.footer().orElseThrow()).write(other, TraceWriter.Options.defaults());
    }

    @Test
    void verifyExitsZeroOnAGoodTraceOneOnDamageOrMismatchThreeOnUnreadable() throws Exception {
        assertThat(run("verify", good, goodGz).code()).isZero();
        Run cut = run("verify", truncated);
        assertThat(cut.code()).isEqualTo(ExitCodes.FINDING);
        assertThat(cut.out()).contains("truncated at offset");
        assertThat(run("verify", other).code()).isEqualTo(ExitCodes.FINDING);
        Path junk = dir.resolve("junk.trace");
        Files.writeString(junk, "not a trace at all");
        Run unreadable = run("verify", junk);
        assertThat(unreadable.code()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(unreadable.err()).contains("is not a seedloop trace");
        assertThat(run("verify", dir.resolve("missing.trace")).err()).contains("no trace file at");
        Run directory = run("dump", dir);
        assertThat(directory.code()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(directory.err()).contains(dir + " is a directory; give the path of a .trace file in it");
    }

    @Test
    void anInputThatCannotBeOpenedSaysWhyInWordsWithoutExceptionNames() throws Exception {
        Path loop = dir.resolve("loop.trace");
        Files.createSymbolicLink(loop, loop);
        Path underAFile = good.resolve("x.trace");

        Run looped = run("dump", loop);
        Run notADirectory = run("stats", underAFile);

        assertThat(looped.code()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(looped.err()).startsWith("trace: cannot open " + loop + ": too many levels of symbolic links");
        assertThat(notADirectory.code()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(notADirectory.err()).isEqualTo("trace: cannot open " + underAFile + ": not a directory"
                + System.lineSeparator());

        // "permission denied" cannot be provoked when the tests run as root (CI does): IoReasonsTests maps it.
    }

    @Test
    void diffExitsZeroForEquivalentTracesAndOneWithTheDivergenceOtherwise() {
        assertThat(run("diff", good, goodGz).code()).isZero();
        Run d = run("diff", good, other);
        assertThat(d.code()).isEqualTo(ExitCodes.FINDING);
        assertThat(d.out()).contains("First divergence").contains("NOTE changed: the last event differs");
    }

    @Test
    void dumpFiltersByNodeKindAndStep() {
        Run all = run("dump", good);
        assertThat(all.code()).isZero();
        Run filtered = run("dump", good, "--node", "n1", "--kind", "message_delivered", "--from-step", 5,
                "--to-step", 30);
        assertThat(filtered.code()).isZero();
        List<String> lines = filtered.out().lines().filter(l -> !l.startsWith("#")).toList();
        assertThat(lines).isNotEmpty().allSatisfy(l -> {
            assertThat(l).contains("MESSAGE_DELIVERED").contains("n1");
            long step = Long.parseLong(l.split(" +")[1]);
            assertThat(step).isBetween(5L, 30L);
        });
        assertThat(lines.size()).isLessThan((int) all.out().lines().count());
    }

    @Test
    void dumpOfTheRunEventsLeavesOutExactlyTheSnapshotsAndChecks() {
        Trace sample = SampleTraces.sample(TraceLevel.FULL, 8, 20);
        List<String> all = run("dump", good).out().lines().filter(l -> !l.startsWith("#")).toList();
        Run runEvents = run("dump", good, "--run-events");
        assertThat(runEvents.code()).isZero();
        List<String> lines = runEvents.out().lines().filter(l -> !l.startsWith("#")).toList();

        long added = sample.events().stream().filter(e -> e instanceof TraceEvent.StateSnapshot
                || e instanceof TraceEvent.InvariantChecked).count();
        assertThat(added).isPositive();
        assertThat(lines).hasSize(all.size() - (int) added)
                .noneMatch(l -> l.contains("STATE_SNAPSHOT") || l.contains("INVARIANT_CHECKED"));
        assertThat(all).containsSubsequence(lines);
        // export takes the same filter
        assertThat(run("export", good, "-f", "jsonl", "--run-events").out())
                .doesNotContain("state_snapshot", "STATE_SNAPSHOT", "invariant_checked", "INVARIANT_CHECKED");
    }

    @Test
    void dumpSelectsANodeByIndexAsByNameAndAStepRangeIncludesBothEnds() throws Exception {
        Run byName = run("dump", good, "--node", "n1");
        Run byIndex = run("dump", good, "--node", "1");
        assertThat(byIndex.code()).isZero();
        assertThat(byIndex.out()).isEqualTo(byName.out()).isNotEqualTo(run("dump", good).out());
        Run pastTheEnd = run("dump", good, "--node", "8");
        assertThat(pastTheEnd.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(pastTheEnd.err()).contains("no node '8'");

        List<TraceEvent> events = Trace.read(good).events();
        long step = events.get(events.size() / 2).step();
        long atThatStep = events.stream().filter(e -> e.step() == step).count();
        Run oneStep = run("dump", good, "--from-step", step, "--to-step", step);
        assertThat(oneStep.code()).isZero();
        assertThat(oneStep.out().lines().filter(l -> !l.startsWith("#"))).hasSize((int) atThatStep)
                .allSatisfy(l -> assertThat(Long.parseLong(l.split(" +")[1])).isEqualTo(step));
    }

    @Test
    void statsCountsEachKindAndEachNodesEventsAndGivesTheOutcome() {
        Trace sample = SampleTraces.sample(TraceLevel.FULL, 8, 20);
        Run stats = run("stats", good);
        assertThat(stats.code()).isZero();
        List<String> lines = stats.out().lines().toList();

        Map<TraceEventKind, Long> byKind = sample.events().stream()
                .collect(Collectors.groupingBy(TraceEvent::kind, Collectors.counting()));
        int kindsAt = lines.indexOf("by kind");
        int nodesAt = lines.indexOf("by node");
        assertThat(kindsAt).isNotNegative().isLessThan(nodesAt);
        assertThat(lines.subList(kindsAt + 1, nodesAt)).hasSize(byKind.size());
        byKind.forEach((kind, count) -> assertThat(lines.subList(kindsAt + 1, nodesAt))
                .anyMatch(l -> l.matches("  " + kind + " +" + count)));
        for (int node = 0; node < 3; node++) {
            int index = node;
            long onItsLane = sample.events().stream().filter(e -> e.lane() == index).count();
            assertThat(lines).as("node n%d", node).contains(String.format("  %-20s %10d", "n" + node, onItsLane));
        }
        Map<String, Long> sentByType = new TreeMap<>();
        Map<DropReason, Long> droppedByReason = new EnumMap<>(DropReason.class);
        for (TraceEvent e : sample.events()) {
            if (e instanceof TraceEvent.MessageSent m) {
                sentByType.merge(m.type(), 1L, Long::sum);
            } else if (e instanceof TraceEvent.MessageDropped d) {
                droppedByReason.merge(d.reason(), 1L, Long::sum);
            }
        }
        assertThat(sentByType).isNotEmpty();
        assertThat(lines).contains("messages    sent by type " + sentByType + ", dropped " + droppedByReason);
        TraceFooter footer = sample.footer().orElseThrow();
        assertThat(lines).contains("outcome     " + footer.outcome() + ", " + footer.steps() + " steps, "
                + footer.eventCount() + " events, digest " + RunDigest.format(footer.digest())
                + footer.failure().map(f -> ", failure " + f.kind() + ": " + f.message()).orElse(""));
        assertThat(lines).anyMatch(l -> l.startsWith("violations  single-leader first at step "));
        long checks = sample.events().stream().filter(e -> e instanceof TraceEvent.InvariantChecked).count();
        assertThat(checks).isPositive();
        assertThat(lines).contains("checks      single-leader " + checks);
        assertThat(lines).noneMatch(l -> l.startsWith("DAMAGE"));
    }

    @Test
    void statsSaysWhenATraceDoesNotRecordChecksAndCountsFailedOnes() throws Exception {
        Path events = dir.resolve("events-level.trace");
        SampleTraces.sample(TraceLevel.EVENTS, 3, 5).write(events, TraceWriter.Options.defaults());
        assertThat(run("stats", events).out().lines())
                .contains("checks      not recorded (level EVENTS; FULL traces record every check)");

        Trace full = SampleTraces.sample(TraceLevel.FULL, 3, 5);
        List<TraceEvent> withFailures = new ArrayList<>(full.events());
        TraceEvent last = withFailures.getLast();
        withFailures.add(new TraceEvent.InvariantChecked(last.step(), last.timeNanos(), "single-leader", false));
        withFailures.add(new TraceEvent.InvariantChecked(last.step(), last.timeNanos(), "a-log-invariant", true));
        Path failing = dir.resolve("failing-checks.trace");
        // checks are not digested, so the sample's footer still verifies
        Trace.of(full.header(), withFailures, full.footer().orElseThrow()).write(failing, TraceWriter.Options.defaults());
        long total = withFailures.stream().filter(e -> e instanceof TraceEvent.InvariantChecked c
                && c.name().equals("single-leader")).count();
        assertThat(run("stats", failing).out().lines())
                .contains("checks      a-log-invariant 1; single-leader " + total + " (1 failed)");
    }

    @Test
    void statsListsTheLivenessPropertiesThatHeldInAFullTraceOnly() throws Exception {
        Path none = write("no-liveness.trace", List.of(new TraceEvent.NodeStarted(0, 0, 0, 0)));
        assertThat(run("stats", none).out().lines()).contains("liveness    none recorded as held");

        Path held = write("liveness-held.trace", List.of(new TraceEvent.NodeStarted(0, 0, 0, 0),
                new TraceEvent.LivenessHeld(3, 30_000_000L, "all logs agree", 0, 2_000_000_000L),
                new TraceEvent.LivenessHeld(3, 30_000_000L, "a leader is elected", 25_000_000L, 1_000_000_000L),
                new TraceEvent.LivenessHeld(7, 90_000_000L, "a leader is elected", 85_000_000L, 1_000_000_000L)));

        // Sorted by name; a property's first holding is the one reported.
        assertThat(run("stats", held).out().lines()).contains("liveness    a leader is elected held at step 3, 25ms"
                + " after it was stated (within 1s); all logs agree held at step 3, 0ns after it was stated"
                + " (within 2s)");
        Path events = dir.resolve("events-level-liveness.trace");
        SampleTraces.sample(TraceLevel.EVENTS, 3, 5).write(events, TraceWriter.Options.defaults());
        assertThat(run("stats", events).out().lines()).noneMatch(l -> l.startsWith("liveness"));
    }

    @Test
    void faultCountsInWordsNameOnlyWhatHappenedWithItsPlural() {
        assertThat(new TraceSummary.FaultCounts(0, 0, 0, 0, 0).describe()).isEqualTo("none");
        assertThat(new TraceSummary.FaultCounts(0, 2, 0, 1, 0).describe()).isEqualTo("2 isolations, 1 crash");
        assertThat(new TraceSummary.FaultCounts(1, 0, 3, 0, 2).describe()).isEqualTo("1 partition, 3 heals, 2 restarts");
    }

    @Test
    void dumpAndStatsOfADamagedTraceShowWhatIsReadableAndExitOne() {
        Run dump = run("dump", truncated);
        assertThat(dump.code()).isEqualTo(ExitCodes.FINDING);
        assertThat(dump.out()).contains("# DAMAGE truncated at offset");
        Run stats = run("stats", truncated);
        assertThat(stats.code()).isEqualTo(ExitCodes.FINDING);
        assertThat(stats.out()).contains("DAMAGE").contains("MESSAGE_SENT");
        assertThat(run("stats", good).out()).contains("outcome     FAILED");
    }

    @Test
    void exportWritesEachFormat() throws Exception {
        Path json = dir.resolve("out.json");
        assertThat(run("export", good, "--format", "chrome", "-o", json).code()).isZero();
        assertThat(JsonParser.parseString(Files.readString(json)).getAsJsonObject().has("traceEvents")).isTrue();
        Run jsonl = run("export", good, "-f", "jsonl", "--kind", "log");
        assertThat(jsonl.code()).isZero();
        assertThat(jsonl.out().lines().filter(l -> l.contains("\"record\":\"event\"")))
                .isNotEmpty().allMatch(l -> l.contains("\"kind\":\"LOG\""));
        assertThat(run("export", good, "-f", "MERMAID").out()).startsWith("sequenceDiagram");
        assertThat(run("export", good, "-f", "text").out()).startsWith("# seedloop trace");
    }

    @Test
    void usageErrorsExitTwoAndSayWhatIsWrong() {
        assertThat(run().code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("frobnicate").code()).isEqualTo(ExitCodes.USAGE);
        Run badFormat = run("export", good, "-f", "xml");
        assertThat(badFormat.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badFormat.err()).contains("expected one of");
        Run badNode = run("dump", good, "--node", "n7");
        assertThat(badNode.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badNode.err()).contains("no node 'n7'").contains("0=n0");
        Run badKind = run("dump", good, "--kind", "explosion");
        assertThat(badKind.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badKind.err()).contains("unknown event kind 'explosion'");
        Run negativeStep = run("dump", good, "--from-step", "-5");
        assertThat(negativeStep.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(negativeStep.err()).contains("cannot be negative (were -5 and unset)");
        assertThat(run("export", good, "-f", "text", "--to-step", "-1").err()).contains("were 0 and -1");
        assertThat(run("diff", good).code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("--help").code()).isZero();
    }

    @Test
    void anUnknownCommandIsNamedWithTheCommandsThereAre() {
        Run bogus = run("bogus", good);

        assertThat(bogus.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bogus.out()).isEmpty();
        assertThat(bogus.err()).isEqualTo("trace: unknown command 'bogus'; the commands are dump, stats, diff,"
                + " verify, export (trace --help)" + System.lineSeparator());
        // Other parse errors keep picocli's words and say where the usage is.
        assertThat(run("dump", good, "--frobnicate").err()).isEqualTo("trace: Unknown option: '--frobnicate'"
                + " (trace dump --help)" + System.lineSeparator());
    }

    @Test
    void aNumberOptionSaysWhichOptionAndWhetherTheValueIsNoNumberOrTooLarge() {
        Map<List<Object>, String> cases = Map.of(
                List.of("dump", good, "--from-step", "foo"), "--from-step: 'foo' is not a whole number",
                List.of("dump", good, "--to-step", "1.5"), "--to-step: '1.5' is not a whole number",
                List.of("dump", good, "--from-step", "99999999999999999999"),
                "--from-step: '99999999999999999999' is too large (the most is 9223372036854775807)",
                List.of("export", good, "-f", "mermaid", "--max-items", "2147483648"),
                "--max-items: '2147483648' is too large (the most is 2147483647)",
                List.of("export", good, "-f", "mermaid", "--max-items", "-2147483649"),
                "--max-items: '-2147483649' is too small (the least is -2147483648)");
        cases.forEach((args, message) -> {
            Run r = run(args.toArray());
            assertThat(r.code()).as("%s", args).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).as("%s", args).isEqualTo("trace: " + message + System.lineSeparator());
        });
        // Decimal only: picocli's own converter read a leading zero as octal (010 = 8).
        assertThat(run("dump", good, "--from-step", "010").out()).isEqualTo(run("dump", good, "--from-step", 10).out());
    }

    @Test
    void aStepRangePastTheLastEventIsNotedOnStandardErrorWithoutChangingTheExitCode() throws Exception {
        Path tiny = write("tiny.trace", TINY);

        Run dump = run("dump", tiny, "--from-step", 1000);
        Run export = run("export", tiny, "-f", "jsonl", "--from-step", 11, "--to-step", 20);
        Run inRange = run("dump", tiny, "--from-step", 10);

        assertThat(dump.code()).isZero();
        assertThat(eventLines(dump)).isEmpty();
        assertThat(dump.err()).isEqualTo("trace: no events in steps 1000..: the trace ends at step 10"
                + System.lineSeparator());
        assertThat(export.code()).isZero();
        assertThat(export.err()).isEqualTo("trace: no events in steps 11..20: the trace ends at step 10"
                + System.lineSeparator());
        assertThat(inRange.err()).isEmpty();
        assertThat(eventLines(inRange)).hasSize(1);
        // Nothing matching other filters is not past the end: no note.
        assertThat(run("dump", tiny, "--kind", "log").err()).isEmpty();
        // Of a damaged trace only part could be read, and the note says so, after the damage.
        Run damaged = run("dump", truncated, "--from-step", 1_000_000);
        long lastRead = Trace.read(truncated).events().getLast().step();
        assertThat(damaged.code()).isEqualTo(ExitCodes.FINDING);
        assertThat(damaged.err().lines()).hasSize(2).last().isEqualTo("trace: no events in steps 1000000..: the"
                + " readable part of the trace ends at step " + lastRead);
    }

    @Test
    void theKindsListedForATypoAreTheOnesAUserCanName() {
        String err = run("dump", good, "--kind", "explosion").err();

        assertThat(err).startsWith("trace: unknown event kind 'explosion'; the kinds are node_started, node_crashed,")
                .contains(", storage_lost, state_snapshot, invariant_checked, liveness_held" + System.lineSeparator())
                .doesNotContain("unknown" + System.lineSeparator(), ", unknown");
        for (TraceEventKind k : TraceEventKind.values()) {
            if (k != TraceEventKind.UNKNOWN) {
                assertThat(err).contains(" " + k.name().toLowerCase());
            }
        }
    }

    @Test
    void nodeZeroIsSelectedByIndexAndTheIndexJustPastTheLastNodeIsRefused() {
        Path tiny = write("tiny.trace", TINY);

        Run byIndex = run("dump", tiny, "--node", "0");
        assertThat(byIndex.code()).isZero();
        // n0's start, both partitions (n0 is in a group), the send and drop 0->2, its isolation, and the
        // reply 1->0 sent and delivered; not the heal, n1's and n2's starts, n2's crash and restart.
        assertThat(eventLines(byIndex)).containsExactly(
                "step 0  t=0.000000000  n0 NODE_STARTED",
                "step 1  t=0.000001000  NETWORK_CHANGED partition {n0,n1} | {n2}",
                "step 2  t=0.000002000  n0 -> n2 MESSAGE_SENT Ping id=1 latency=500ns",
                "step 3  t=0.000002500  n0 -> n2 MESSAGE_DROPPED Ping id=1 reason=PARTITION",
                "step 5  t=0.000004000  NETWORK_CHANGED isolate n0",
                "step 8  t=0.000007000  NETWORK_CHANGED partition {n0} | {n1,n2}",
                "step 9  t=0.000008000  n1 -> n0 MESSAGE_SENT Pong id=2 latency=500ns",
                "step 10  t=0.000008500  n1 -> n0 MESSAGE_DELIVERED Pong id=2");
        assertThat(run("dump", tiny, "--node", "n0").out()).isEqualTo(byIndex.out());

        Run pastTheEnd = run("dump", tiny, "--node", "3");
        assertThat(pastTheEnd.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(pastTheEnd.out()).isEmpty();
        assertThat(pastTheEnd.err()).isEqualTo("trace: no node '3' in this trace; its nodes are [0=n0, 1=n1, 2=n2]"
                + System.lineSeparator());
    }

    @Test
    void toStepZeroKeepsOnlyTheFirstStep() {
        Run first = run("dump", write("tiny.trace", TINY), "--to-step", 0);

        assertThat(first.code()).isZero();
        assertThat(first.err()).isEmpty();
        assertThat(eventLines(first)).containsExactly("step 0  t=0.000000000  n0 NODE_STARTED",
                "step 0  t=0.000000000  n1 NODE_STARTED", "step 0  t=0.000000000  n2 NODE_STARTED");
    }

    @Test
    void statsOfASmallRunGivesItsEventsNodesMessagesAndFaults() {
        Run stats = run("stats", write("tiny.trace", TINY));

        assertThat(stats.code()).isZero();
        List<String> lines = stats.out().lines().toList();
        // Every event of TINY is digested; the four network changes are on no node's lane.
        assertThat(lines).contains("events      13 (13 digested), last step 10, last time 0.000008500");
        int nodesAt = lines.indexOf("by node");
        assertThat(lines.subList(nodesAt + 1, nodesAt + 5)).containsExactly(
                String.format("  %-20s %10d", "n0", 3), // start, send 0->2, delivery 1->0
                String.format("  %-20s %10d", "n1", 2), // start, send 1->0
                String.format("  %-20s %10d", "n2", 4), // start, drop 0->2, crash, restart
                "messages    sent by type {Ping=1, Pong=1}, dropped {PARTITION=1}");
        assertThat(lines).contains("faults      2 partitions, 1 isolation, 1 heal, 1 crash, 1 restart",
                "violations  none");
    }

    @Test
    void mermaidExportDrawsOneItemWhenAskedForOneAndRefusesZero() {
        Path tiny = write("tiny.trace", TINY);

        Run one = run("export", tiny, "-f", "mermaid", "--max-items", 1);
        assertThat(one.code()).isZero();
        // Drawn items: 2 partitions, the drop, the heal, the isolation, the crash, the restart, the delivery.
        List<String> items = one.out().lines().filter(l -> l.startsWith("    ") && !l.startsWith("    participant"))
                .toList();
        assertThat(items).hasSize(2).last().isEqualTo("    %% 7 more items not drawn (limit 1)");
        assertThat(items.getFirst()).startsWith("    Note over N0,N2: NETWORK_CHANGED partition");

        Run zero = run("export", tiny, "-f", "mermaid", "--max-items", 0);
        assertThat(zero.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(zero.err()).contains("trace: --max-items must be at least 1, was 0");
    }

    @Test
    void anExportFileThatCannotBeCreatedExitsFiveAndNamesItsDirectory() {
        Path nowhere = dir.resolve("missing-directory").resolve("out.jsonl");

        Run export = run("export", good, "-f", "jsonl", "-o", nowhere);

        assertThat(export.code()).isEqualTo(ExitCodes.OUTPUT_FAILED);
        assertThat(export.out()).isEmpty();
        assertThat(export.err()).isEqualTo("trace: cannot create " + nowhere + ": its directory " + nowhere.getParent()
                + " does not exist; create it first" + System.lineSeparator());
        assertThat(nowhere.getParent()).doesNotExist();
    }

    /** The one line {@code export -o out} prints on standard error, checked to exit 5 and print nothing else. */
    String exportFailure(Object out) {
        Run export = run("export", good, "-f", "text", "-o", out);
        assertThat(export.code()).as("-o %s", out).isEqualTo(ExitCodes.OUTPUT_FAILED);
        assertThat(export.out()).isEmpty();
        assertThat(export.err().lines()).as("-o %s", out).hasSize(1);
        return export.err().strip();
    }

    @Test
    void anExportIntoADirectorySaysItIsADirectoryOnce() {
        assertThat(exportFailure(dir)).isEqualTo("trace: cannot create " + dir + ": it is a directory; give -o a"
                + " file name");
        assertThat(exportFailure("")).isEqualTo("trace: cannot create \"\" (an empty path, which names the current"
                + " directory): it is a directory; give -o a file name");
    }

    @Test
    void anExportUnderAFileOrIntoADirectoryThatTakesNoFilesSaysSo() {
        Path underAFile = good.resolve("out.txt");
        assertThat(exportFailure(underAFile)).isEqualTo("trace: cannot create " + underAFile + ": " + good
                + " is a file, not a directory");
        Path proc = Path.of("/proc"); // Linux: takes no new files, whoever runs the test
        assertThat(exportFailure(proc.resolve("x"))).isEqualTo("trace: cannot create /proc/x: /proc does not accept"
                + " new files; choose another directory");
    }

    @Test
    void anExportThatMayNotWriteSaysPermissionDeniedAndOtherFailuresGiveTheirReasonOnce() throws Exception {
        Path out = dir.resolve("out.txt");
        // Root may write anywhere, so the exceptions are built as the JDK builds them (path only, or path and reason).
        assertThat(ExportCommand.cannotCreate(out, new java.nio.file.AccessDeniedException(out.toString())))
                .isEqualTo("cannot create " + out + ": permission denied; check that you may write to " + dir);
        assertThat(ExportCommand.cannotCreate(out, new java.nio.file.FileSystemException(out.toString(), null,
                "Read-only file system"))).isEqualTo("cannot create " + out + ": read-only file system");
    }

    @Test
    void anExportIntoItsOwnInputIsRefusedAndLeavesTheTraceAsItWas() throws Exception {
        byte[] before = Files.readAllBytes(good);
        Path link = Files.createSymbolicLink(dir.resolve("link.trace"), good);
        Path hardLink = Files.createLink(dir.resolve("hard.trace"), good);

        for (Path same : List.of(good, dir.resolve(".").resolve(good.getFileName()), link, hardLink)) {
            Run export = run("export", good, "-f", "text", "-o", same);

            assertThat(export.code()).as("-o %s", same).isEqualTo(ExitCodes.USAGE);
            assertThat(export.out()).isEmpty();
            assertThat(export.err()).isEqualTo("trace: refusing to export " + good + " into " + same + ": that is the"
                    + " input trace, which would be overwritten and lost; give -o another file" + System.lineSeparator());
            assertThat(Files.readAllBytes(good)).isEqualTo(before);
        }
        assertThat(run("verify", good).code()).isZero();
        // Another file in the same directory is fine.
        assertThat(run("export", good, "-f", "text", "-o", dir.resolve("good.txt")).code()).isZero();
    }

    @Test
    void anExportWhoseWritesFailSaysTheFileIsIncomplete() throws Exception {
        Path out = dir.resolve("out.txt");
        Writer fullDisk = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };

        try (TraceReader reader = TraceReader.open(good)) {
            assertThatThrownBy(() -> ExportCommand.exportInto(fullDisk, out, ExportFormat.TEXT.exporter(), reader,
                    e -> true))
                    .isInstanceOf(OutputException.class)
                    .hasMessage("writing " + out + " failed (no space left on device); " + out + " is incomplete");
        }
    }

    @Test
    void exportOfADamagedTraceWritesWhatIsReadableAndNamesTheDamageOnStandardError() {
        Run export = run("export", truncated, "-f", "text");

        assertThat(export.code()).isEqualTo(ExitCodes.FINDING);
        assertThat(export.out()).startsWith("# seedloop trace").contains("MESSAGE_SENT");
        assertThat(export.err()).startsWith("trace: " + truncated + " is damaged: truncated at offset ");
    }

    @Test
    void everyCommandNamesTheDamageOnStandardErrorSoItIsSeenWhenTheOutputGoesToAFile() {
        String damage = "trace: " + truncated + " is damaged: truncated at offset ";
        for (Object[] args : List.of(new Object[] {"dump", truncated}, new Object[] {"stats", truncated},
                new Object[] {"verify", truncated}, new Object[] {"diff", good, truncated},
                new Object[] {"export", truncated, "-f", "jsonl", "-o", dir.resolve("out.jsonl")})) {
            Run r = run(args);

            assertThat(r.code()).as("%s", Arrays.toString(args)).isEqualTo(ExitCodes.FINDING);
            assertThat(r.err().lines()).as("%s", Arrays.toString(args)).singleElement(
                    org.assertj.core.api.InstanceOfAssertFactories.STRING).startsWith(damage);
        }
        // Standard output keeps its own damage line, which scripts that read it rely on.
        assertThat(run("dump", truncated).out()).contains("# DAMAGE truncated at offset ");
        assertThat(run("stats", truncated).out()).contains("DAMAGE      truncated at offset ");
        assertThat(run("dump", good).err()).isEmpty();
    }

    @Test
    void bytesAppendedToACompleteTraceAreCorruptionForEveryCommandAndDiffDoesNotCallItEquivalent() throws Exception {
        Path trailing = dir.resolve("trailing.trace");
        Files.write(trailing, Files.readAllBytes(good));
        Files.write(trailing, "abcde".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                java.nio.file.StandardOpenOption.APPEND);
        String corrupt = "corrupt at offset " + Files.size(good) + ": 5 bytes of unexpected data after the end of a"
                + " complete trace (footer at offset ";

        for (String command : List.of("dump", "stats", "verify")) {
            Run r = run(command, trailing);
            assertThat(r.code()).as(command).isEqualTo(ExitCodes.FINDING);
            assertThat(r.out()).as(command).contains(corrupt).doesNotContain("truncated");
        }
        Run diff = run("diff", good, trailing);
        assertThat(diff.code()).isEqualTo(ExitCodes.FINDING);
        assertThat(diff.out()).startsWith("A = " + good + "\nB = " + trailing + "\nNo differences in what could be"
                + " read, but B is damaged, so the traces are not known to be equivalent.\nB is damaged: " + corrupt)
                .doesNotContain("The traces are equivalent.");
        assertThat(diff.err()).startsWith("trace: " + trailing + " is damaged: " + corrupt);
    }

    @Test
    void anUnexpectedFailureIsReportedAsABugWithItsStackAndExitsFour() {
        Writer brokenTerminal = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                throw new IllegalStateException("the terminal went away");
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        StringWriter err = new StringWriter();

        int code = TraceCli.run(strings("dump", good), new PrintWriter(brokenTerminal), new PrintWriter(err));

        assertThat(code).isEqualTo(ExitCodes.INTERNAL_ERROR);
        List<String> lines = err.toString().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("trace: internal error: java.lang.IllegalStateException: the terminal"
                + " went away");
        assertThat(lines.get(1)).isEqualTo("java.lang.IllegalStateException: the terminal went away");
        assertThat(lines.get(2)).startsWith("\tat ");
        assertThat(lines.getLast()).isEqualTo("This is a bug in the trace tool; please report it with the command"
                + " line above.");
    }

    @Test
    void bufferedOutputAndErrorsAreFlushedBeforeRunReturns() throws Exception {
        Path junk = dir.resolve("junk.trace");
        Files.writeString(junk, "not a trace at all");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = TraceCli.run(strings("verify", good, junk), new PrintWriter(new BufferedWriter(out)),
                new PrintWriter(new BufferedWriter(err)));

        assertThat(code).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(out.toString()).startsWith(good + ": ");
        assertThat(err.toString()).startsWith("trace: ").contains("is not a seedloop trace");
    }

    /** A disk that is full: every write fails, as on {@code /dev/full}. */
    static final OutputStream FULL_DISK = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            throw new IOException("No space left on device");
        }
    };

    @Test
    void aStandardOutputThatCannotBeWrittenExitsFiveInsteadOfSucceedingSilently() {
        // Each command that prints to standard output, including a damaged trace's finding (1 becomes 5).
        for (Object[] args : List.of(new Object[] {"dump", good}, new Object[] {"stats", good},
                new Object[] {"export", good, "-f", "jsonl"}, new Object[] {"verify", good},
                new Object[] {"diff", good, goodGz}, new Object[] {"dump", truncated})) {
            StringWriter err = new StringWriter();

            // System.out is a PrintStream, which swallows the IOException; that is what main prints through.
            int code = TraceCli.run(strings(args), new PrintWriter(new PrintStream(FULL_DISK)), new PrintWriter(err));

            assertThat(code).as("%s", Arrays.toString(args)).isEqualTo(ExitCodes.OUTPUT_FAILED);
            assertThat(err.toString().lines()).as("%s", Arrays.toString(args))
                    .contains("trace: writing standard output failed; the output is incomplete");
        }
    }

    @Test
    void aStandardOutputFailureGivesTheReasonWhenTheStreamKeepsIt() {
        WatchedOutputStream stdout = new WatchedOutputStream(FULL_DISK);
        StringWriter err = new StringWriter();

        int code = TraceCli.run(strings("dump", good), new PrintWriter(new PrintStream(stdout)), new PrintWriter(err),
                stdout::failure);

        assertThat(code).isEqualTo(ExitCodes.OUTPUT_FAILED);
        assertThat(err.toString()).isEqualTo("trace: writing standard output failed (no space left on device); the"
                + " output is incomplete" + System.lineSeparator());
    }

    @Test
    void aReaderThatClosesThePipeEarlyIsNotAFailure() {
        // trace dump F | head: head stops reading on purpose, and the dump should end quietly.
        OutputStream closedPipe = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        WatchedOutputStream stdout = new WatchedOutputStream(closedPipe);
        StringWriter err = new StringWriter();

        int code = TraceCli.run(strings("dump", good), new PrintWriter(new PrintStream(stdout)), new PrintWriter(err),
                stdout::failure);

        assertThat(code).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void versionNamesTheToolAndTheFormatMajorItReads() {
        Run version = run("--version");

        assertThat(version.code()).isZero();
        // Tests run from target/classes, which has no manifest and so no implementation version.
        assertThat(version.out().lines()).containsExactly("seedloop trace (development build), reads trace format 1.x");
    }
}

package dev.seedloop.trace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.seedloop.trace.DropReason;
import dev.seedloop.trace.RunDigest;
import dev.seedloop.trace.SampleTraces;
import dev.seedloop.trace.Trace;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.trace.TraceFooter;
import dev.seedloop.trace.TraceLevel;
import dev.seedloop.trace.TraceWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
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
        String[] strings = Arrays.stream(args).map(Object::toString).toArray(String[]::new);
        int code = TraceCli.run(strings, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
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
        assertThat(lines).anyMatch(l -> l.startsWith("violations  {single-leader="));
        assertThat(lines).noneMatch(l -> l.startsWith("DAMAGE"));
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
}

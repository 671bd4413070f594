package dev.seedloop.demos.raft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.InvariantViolation;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.TraceOutput;
import dev.seedloop.trace.Trace;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceReader;
import dev.seedloop.trace.TraceVerifier;
import dev.seedloop.trace.export.TextExporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Raft traces: recording never changes a run, and a committed golden trace of one seed pins the
 * engine's behaviour and the file format across commits. Refresh it deliberately with
 * {@code ./mvnw -pl demos -am verify -Dgolden.update=true} and review the text diff.
 */
class RaftTraceTests {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final long GOLDEN_SEED = 13;

    @TempDir
    Path dir;

    @Test
    void theDigestOfAnUntracedRunEqualsTheDigestOfItsFullRecording() throws Exception {
        for (RaftElection scenario : new RaftElection[] {RaftElection.correct(), RaftElection.buggy()}) {
            for (long seed = 0; seed < 500; seed++) {
                Path file = dir.resolve("seed.trace");
                RunResult off = Simulation.replay(scenario, seed);
                RunResult full = Simulation.replay(scenario, seed, RunOptions.DEFAULTS,
                        TraceOutput.full(file, scenario.describe()));
                assertThat(full.digest()).as("%s seed %d", scenario.describe(), seed).isEqualTo(off.digest());
                var verification = TraceVerifier.verify(file);
                assertThat(verification.ok()).as(verification.message()).isTrue();
                assertThat(verification.recomputedDigest()).isEqualTo(off.digest());
            }
        }
    }

    @Test
    void theSplitBrainTraceShowsBothLeadersAndTheViolation() throws Exception {
        Path file = dir.resolve("split-brain.trace");
        RunResult result = Simulation.replay(RaftElection.buggy(), GOLDEN_SEED, RunOptions.DEFAULTS,
                TraceOutput.full(file, RaftElection.buggy().describe()));
        InvariantViolation violation = (InvariantViolation) result.failure();
        Trace trace = Trace.read(file);
        TraceEvent last = trace.events().get(trace.events().size() - 1);
        assertThat(last).isInstanceOf(TraceEvent.InvariantViolated.class);
        assertThat(((TraceEvent.InvariantViolated) last).name()).isEqualTo(RaftElection.INVARIANT);
        assertThat(last.step()).isEqualTo(violation.step());
        assertThat(last.timeNanos()).isEqualTo(violation.timeNanos());
        assertThat(trace.events()).filteredOn(e -> e instanceof TraceEvent.Log)
                .extracting(e -> ((TraceEvent.Log) e).text())
                .containsExactly("leader of term 1", "leader of term 1");
    }

    @Test
    void theGoldenTraceIsPinned() throws Exception {
        Path file = dir.resolve("golden.trace");
        Simulation.replay(RaftElection.buggy(), GOLDEN_SEED, RunOptions.DEFAULTS,
                TraceOutput.full(file, RaftElection.buggy().describe()).withStableProvenance());
        byte[] actual = Files.readAllBytes(file);
        String actualText = dump(file);

        Path goldenTrace = GOLDEN.resolve("raft-buggy-seed-13.trace");
        Path goldenText = GOLDEN.resolve("raft-buggy-seed-13.txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.write(goldenTrace, actual);
            Files.writeString(goldenText, actualText, StandardCharsets.UTF_8);
        }
        assertThat(goldenTrace).as("golden trace missing: run once with -Dgolden.update=true").exists();
        // The text first: when the engine's behaviour drifts, its diff says how.
        assertThat(actualText).isEqualTo(Files.readString(goldenText, StandardCharsets.UTF_8));
        assertThat(actual).isEqualTo(Files.readAllBytes(goldenTrace));
    }

    @Test
    void theCommittedGoldenTraceStillReadsAndVerifies() throws Exception {
        Path goldenTrace = GOLDEN.resolve("raft-buggy-seed-13.trace");
        var verification = TraceVerifier.verify(goldenTrace);
        assertThat(verification.ok()).as(verification.message()).isTrue();
        assertThat(Trace.read(goldenTrace).header().identity().seed()).isEqualTo(GOLDEN_SEED);
    }

    private static String dump(Path file) throws Exception {
        StringBuilder text = new StringBuilder();
        try (TraceReader reader = TraceReader.open(file)) {
            new TextExporter(false).export(reader, e -> true, text);
        } catch (IOException e) {
            throw new AssertionError("dump failed", e);
        }
        return text.toString();
    }
}

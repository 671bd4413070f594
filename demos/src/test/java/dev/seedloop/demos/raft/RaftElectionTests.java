package dev.seedloop.demos.raft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.CheckOptions;
import dev.seedloop.engine.api.CheckResult;
import dev.seedloop.engine.api.InvariantViolation;
import dev.seedloop.engine.api.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RaftElectionTests {

    private static CheckOptions sweep(long seeds, RaftElection scenario) {
        return CheckOptions.seeds(seeds).withProgress(null).withScenarioName(scenario.describe());
    }

    @Test
    void theFlawedElectionIsCaughtWithin200SeedsByElectionSafety() {
        CheckResult result = Simulation.check(RaftElection.buggy(), sweep(200, RaftElection.buggy()));
        assertThat(result.passed()).as("a split-brain within 200 seeds").isFalse();
        RunResult failed = result.firstFailure().orElseThrow();
        assertThat(failed.failure()).isInstanceOf(InvariantViolation.class);
        InvariantViolation violation = (InvariantViolation) failed.failure();
        assertThat(violation.invariant()).isEqualTo("at-most-one-leader-per-term");
        assertThat(violation.evidence()).matches("n\\d and n\\d both became leader of term \\d+");
        assertThat(result.replayCall()).contains("Simulation.replay(RaftElection.buggy(), " + failed.seed() + ")");
    }

    @Test
    void theCorrectElectionPasses2000Seeds() {
        CheckResult result = Simulation.check(RaftElection.correct(), sweep(2000, RaftElection.correct()));
        assertThat(result.passed()).as(result.summary()).isTrue();
        assertThat(result.seedsChecked()).isEqualTo(2000);
    }

    @Test
    void theCorrectElectionElectsALeader() {
        // Guards against a vacuous pass: an election that never elects anyone trivially has no split-brain.
        RaftNode[][] servers = new RaftNode[1][];
        RunResult result = Simulation.replay(world -> {
            RaftElection.correct().run(world);
            servers[0] = world.addresses().stream().map(a -> (RaftNode) world.node(a)).toArray(RaftNode[]::new);
        }, 1);
        assertThat(result.passed()).isTrue();
        assertThat(servers[0]).filteredOn(n -> n.role() == RaftNode.Role.LEADER).hasSize(1);
        assertThat(servers[0]).allSatisfy(n -> assertThat(n.term()).isPositive());
    }

    @Test
    void theFiveNodeTenSecondElectionAlsoRuns() {
        RaftElection five = RaftElection.correct().withNodes(5).withDuration(Duration.ofSeconds(10));
        assertThat(five.describe()).isEqualTo("RaftElection.correct().withNodes(5).withDuration(Duration.parse(\"PT10S\"))");
        CheckResult result = Simulation.check(five, sweep(200, five));
        assertThat(result.passed()).as(result.summary()).isTrue();
    }

    @Test
    void aFiveNodeSplitBrainMinimizesToThreeNodes() {
        RaftElection five = RaftElection.buggy().withNodes(5);
        CheckResult hunt = Simulation.check(five, sweep(500, five).withTraceDirectory(null));
        long seed = hunt.firstFailure().orElseThrow().seed();
        var result = Simulation.minimize(five, seed, dev.seedloop.engine.api.RunOptions.DEFAULTS, null, five.describe());
        assertThat(result.originalSize()).isEqualTo(5);
        assertThat(result.minimizedSize()).isEqualTo(3);
        assertThat(result.scenario()).isEqualTo(RaftElection.buggy());
        assertThat(((InvariantViolation) result.minimized().failure()).invariant()).isEqualTo(RaftElection.INVARIANT);
        assertThat(result.summary()).contains("size 5 -> 3");
    }

    @Test
    void theDemoProvesItsClaimAndSaysSo() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean proved = RaftDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(proved).as(output).isTrue();
        assertThat(output)
                .contains("split-brain at seed")
                .contains("invariant 'at-most-one-leader-per-term' violated")
                .contains("replay it with: Simulation.replay(RaftElection.buggy(), ")
                .contains("same violation, same step, same virtual time, same events")
                .contains("all 200 seeds passed");
    }
}

package dev.seedloop.demos.raftlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.demos.twins.TwinAssertions;
import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.InvariantViolation;
import dev.seedloop.engine.api.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaftLogTests {
    @TempDir
    Path traces;

    @Test
    void theFigure8FlawIsCaughtByStateMachineSafetyWithinKSeeds() throws Exception {
        InvariantViolation violation = TwinAssertions.buggyTwinIsCaught(RaftLog.twins(), traces);
        assertThat(violation.invariant()).isEqualTo("state-machine-safety");
        assertThat(violation.evidence()).contains("committed");
    }

    @Test
    void theCorrectCommitRulePasses2000SeedsOfTheSameFaultPlan() {
        TwinAssertions.correctTwinPasses(RaftLog.twins());
    }

    @Test
    void theCorrectTwinCommitsAndAppliesCommandsDespiteTheFaults() {
        // Guards against a vacuous pass: a cluster that never commits anything is trivially safe.
        List<RaftLogNode> servers = new ArrayList<>();
        RunResult result = Simulation.replay(world -> {
            RaftLog.correct().run(world);
            world.addresses().forEach(a -> servers.add((RaftLogNode) world.node(a)));
        }, 3);
        assertThat(result.passed()).isTrue();
        assertThat(servers).anySatisfy(s -> assertThat(s.applied()).hasSizeGreaterThan(20));
    }
}

package dev.seedloop.demos.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.demos.twins.TwinAssertions;
import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.InvariantViolation;
import dev.seedloop.engine.api.RunResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseLockTests {
    @TempDir
    Path traces;

    @Test
    void aStaleLeaseHoldersWriteIsCaughtWithinKSeeds() throws Exception {
        InvariantViolation violation = TwinAssertions.buggyTwinIsCaught(LeaseLock.twins(), traces);
        assertThat(violation.invariant()).isEqualTo("no-write-from-a-stale-lease");
        assertThat(violation.evidence()).matches("storage accepted c\\d's write c\\d#\\d+ from epoch \\d+ after .*");
    }

    @Test
    void fencingTokensPass2000SeedsOfTheSameFaultPlan() {
        TwinAssertions.correctTwinPasses(LeaseLock.twins());
    }

    @Test
    void theFencedStorageRejectsTheStaleWriteThatTheBuggyTwinAccepted() {
        // Guards against a vacuous pass: the same seed, with fencing, must meet and reject a stale write.
        long seed = ((InvariantViolation) Simulation.check(LeaseLock.buggy(),
                dev.seedloop.demos.twins.TwinDemo.options("LeaseLock.buggy()", LeaseLock.CATCH_WITHIN, null))
                .firstFailure().orElseThrow().failure()).seed();
        StorageNode[] storage = new StorageNode[1];
        RunResult result = Simulation.replay(world -> {
            LeaseLock.correct().run(world);
            storage[0] = (StorageNode) world.node(world.addresses().get(1));
        }, seed);
        assertThat(result.passed()).isTrue();
        assertThat(storage[0].rejected()).isPositive();
        assertThat(storage[0].accepted()).extracting(StorageNode.AcceptedWrite::client).hasSizeGreaterThan(10);
    }
}

package dev.seedloop.demos.primarybackup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.demos.twins.TwinAssertions;
import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.InvariantViolation;
import dev.seedloop.engine.api.RunResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrimaryBackupTests {
    @TempDir
    Path traces;

    @Test
    void acknowledgingBeforeSyncingIsCaughtWithinKSeeds() throws Exception {
        InvariantViolation violation = TwinAssertions.buggyTwinIsCaught(PrimaryBackup.twins(), traces);
        assertThat(violation.invariant()).isEqualTo("acknowledged-write-never-lost");
        assertThat(violation.evidence()).matches("(primary|backup) returned version \\d+, but version \\d+ had been acknowledged.*");
    }

    @Test
    void syncingBeforeAcknowledgingPasses2000SeedsOfTheSameCrashRestarts() {
        TwinAssertions.correctTwinPasses(PrimaryBackup.twins());
    }

    @Test
    void theCorrectTwinKeepsWritingAndReadingThroughTheCrashes() {
        // Guards against a vacuous pass: no acknowledged writes or no reads would make the invariant trivial.
        RegisterClient[] client = new RegisterClient[1];
        RunResult result = Simulation.replay(world -> {
            PrimaryBackup.correct().run(world);
            client[0] = (RegisterClient) world.node(world.addresses().get(2));
        }, 1);
        assertThat(result.passed()).isTrue();
        assertThat(client[0].acknowledged()).isGreaterThan(20);
        assertThat(client[0].observations()).hasSizeGreaterThan(100);
    }
}

package dev.seedloop.demos.primarybackup;

import dev.seedloop.demos.twins.Twins;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Faults;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.World;
import java.time.Duration;

/**
 * The primary-backup scenario: replicas {@code primary} and {@code backup} (started from factories, so
 * they can be rebuilt) and a {@code client}, for {@code phases} phases of {@code phaseLength}. In every
 * phase two seed-chosen crash-restarts hit the replicas. The invariant is
 * {@value AcknowledgedWritesSurvive#NAME}.
 *
 * @param phases how many fault phases
 * @param phaseLength how long each phase lasts
 * @param syncBeforeAck whether replicas sync a write before confirming it (the correct twin)
 */
public record PrimaryBackup(int phases, Duration phaseLength, boolean syncBeforeAck) implements Scenario {
    /** The invariant the scenario states. */
    public static final String INVARIANT = AcknowledgedWritesSurvive.NAME;

    /** K: the buggy twin is caught within seeds {@code 0..K-1} (measured: see docs/bug-zoo.md). */
    public static final int CATCH_WITHIN = 100;

    /** How many seeds the correct twin passes in the tests and the demo. */
    public static final int CORRECT_SEEDS = 2000;

    /** Validates the configuration. */
    public PrimaryBackup {
        if (phases < 1 || phaseLength.isNegative() || phaseLength.isZero()) {
            throw new IllegalArgumentException("need a phase of positive length, got " + phases + " x " + phaseLength);
        }
    }

    /** Replicas that sync before they confirm, two phases of one second. */
    public static PrimaryBackup correct() {
        return new PrimaryBackup(2, Duration.ofSeconds(1), true);
    }

    /** Replicas that confirm first and flush every 50 ms, the same fault plan. */
    public static PrimaryBackup buggy() {
        return new PrimaryBackup(2, Duration.ofSeconds(1), false);
    }

    /** The buggy and the correct twin, for the demos and the zoo. */
    public static Twins twins() {
        return new Twins("Primary-backup register",
                "replicas acknowledge a write before it is synced to storage (group commit every 50 ms)",
                buggy(), buggy().describe(), correct(), correct().describe(), INVARIANT, CATCH_WITHIN, CORRECT_SEEDS);
    }

    /** How this scenario is written in Java, for replay instructions. */
    public String describe() {
        return syncBeforeAck ? "PrimaryBackup.correct()" : "PrimaryBackup.buggy()";
    }

    @Override
    public void run(World world) {
        Address primary = world.address("primary");
        Address backup = world.address("backup");
        world.start(primary, () -> new Replica(backup, syncBeforeAck));
        world.start(backup, () -> new Replica(null, syncBeforeAck));
        RegisterClient client = new RegisterClient(primary, backup);
        world.start("client", client);
        world.always(INVARIANT, new AcknowledgedWritesSurvive(client));
        for (int phase = 0; phase < phases; phase++) {
            world.runFor(phaseLength, Faults.crashRestart(), Faults.crashRestart());
        }
    }
}

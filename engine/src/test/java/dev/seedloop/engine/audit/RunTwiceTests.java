package dev.seedloop.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.CheckOptions;
import dev.seedloop.engine.api.CheckResult;
import dev.seedloop.engine.api.NondeterminismDetected;
import dev.seedloop.engine.api.Ratio;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.Seeds;
import dev.seedloop.engine.audit.leaky.LeakyNodes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dynamic audit: running seeds twice and comparing digests. */
class RunTwiceTests {

    /** Eight sinks, and a node that greets them in the order of a HashSet of identity-hashed peers. */
    private static final Scenario IDENTITY_ORDER = world -> {
        List<Address> sinks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sinks.add(world.start("sink" + i, new LeakyNodes.CleanNode()));
        }
        world.start("greeter", new LeakyNodes.CopiesAHashSetNode(sinks));
        world.runFor(Duration.ofMillis(50));
    };

    /** The same with the enum-keyed HashSet: its order is fixed within one JVM, so running twice agrees. */
    private static final Scenario ENUM_ORDER = world -> {
        Address echo = world.start("enums", new LeakyNodes.EnumHashSetNode());
        world.start("sender", new LeakyNodes.CleanNode());
        world.start("starter", new dev.seedloop.engine.api.Node<Object>() {
            @Override
            public void onStart(dev.seedloop.engine.api.Context<Object> ctx) {
                for (LeakyNodes.Role role : LeakyNodes.Role.values()) {
                    ctx.send(echo, role);
                }
            }

            @Override
            public void onMessage(dev.seedloop.engine.api.Context<Object> ctx, Address from, Object message) {}
        });
        world.runFor(Duration.ofMillis(100));
    };

    /** Sends one message to {@code target} when it starts. */
    private record Kick(Address target) implements dev.seedloop.engine.api.Node<Object> {
        @Override
        public void onStart(dev.seedloop.engine.api.Context<Object> ctx) {
            ctx.send(target, "kick");
        }

        @Override
        public void onMessage(dev.seedloop.engine.api.Context<Object> ctx, Address from, Object message) {}
    }

    private static CheckOptions options(long seeds, Path traces) {
        return CheckOptions.seeds(seeds).withProgress(null).withScenarioName("IDENTITY_ORDER").withThreads(2)
                .withTraceDirectory(traces);
    }

    @Test
    void runningTwiceCatchesAnIdentityHashOrderTheBytecodeScanCannotSee(@TempDir Path traces) {
        CheckResult once = Simulation.check(IDENTITY_ORDER, options(20, traces));
        assertThat(once.passed()).as("each run on its own looks fine").isTrue();

        CheckResult twice = Simulation.check(IDENTITY_ORDER, options(20, traces).withRunTwice(Ratio.ONE));
        assertThat(twice.passed()).isFalse();
        RunResult failed = twice.firstFailure().orElseThrow();
        assertThat(failed.failure()).isInstanceOf(NondeterminismDetected.class);
        assertThat(failed.failure().getMessage())
                .contains("seed " + failed.seed() + " ran twice with different digests")
                .contains("the runs first diverge at event")
                .contains("MESSAGE_SENT")
                .contains("the last event they agreed on")
                .contains("traces: ");
        Path trace = twice.failureTraceIfAny().orElseThrow();
        assertThat(trace).exists().isEqualTo(options(20, traces).traceFileFor(failed.seed()));
        assertThat(trace.resolveSibling(trace.getFileName() + ".rerun")).exists();
    }

    @Test
    void withoutATraceDirectoryTheDivergenceIsStillNamed() {
        CheckResult twice = Simulation.check(IDENTITY_ORDER, options(20, null).withRunTwice(Ratio.ONE));
        assertThat(twice.firstFailure().orElseThrow().failure().getMessage())
                .contains("the runs first diverge at event")
                .doesNotContain("traces: ");
        assertThat(twice.failureTraceIfAny()).isEmpty();
    }

    @Test
    void enumHashOrderIsStableWithinOneJvmSoOnlyTheScanCatchesIt() {
        CheckResult twice = Simulation.check(ENUM_ORDER, options(30, null).withRunTwice(Ratio.ONE));
        assertThat(twice.passed()).as(twice.summary()).isTrue();
        assertThat(NondeterminismScanner.forPackages(List.of("dev.seedloop.engine.audit.leaky"),
                getClass().getClassLoader()).scanClasses(LeakyNodes.EnumHashSetNode.class).clean()).isFalse();
    }

    @Test
    void aDeterministicSweepRunTwiceGivesTheSameResultAsRunOnce() {
        Scenario clean = world -> {
            Address a = world.start("a", new LeakyNodes.CleanNode());
            world.start("b", new Kick(a));
            world.runFor(Duration.ofMillis(30));
        };
        CheckResult once = Simulation.check(clean, options(50, null));
        CheckResult twice = Simulation.check(clean, options(50, null).withRunTwice(Ratio.ONE));
        assertThat(twice.passed()).as(twice.summary()).isTrue();
        assertThat(twice.sweepDigest()).isEqualTo(once.sweepDigest());
    }

    @Test
    void theSampleOfSeedsRunTwiceIsAFixedFractionChosenByTheSeed() {
        CheckOptions tenPercent = CheckOptions.seeds(Seeds.first(1)).withRunTwice(Ratio.percent(10));
        long chosen = 0;
        for (long seed = 0; seed < 20_000; seed++) {
            if (tenPercent.runsTwice(seed)) {
                chosen++;
            }
            assertThat(tenPercent.runsTwice(seed)).isEqualTo(tenPercent.withThreads(1).runsTwice(seed));
        }
        assertThat(chosen).isBetween(1_800L, 2_200L);
        CheckOptions none = CheckOptions.seeds(1);
        CheckOptions all = none.withRunTwice(Ratio.ONE);
        for (long seed = -50; seed < 50; seed++) {
            assertThat(none.runsTwice(seed)).isFalse();
            assertThat(all.runsTwice(seed)).isTrue();
        }
        assertThat(none.runTwice()).isEqualTo(Ratio.ZERO);
    }
}

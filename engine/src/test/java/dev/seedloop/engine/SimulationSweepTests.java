package dev.seedloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.CheckOptions;
import dev.seedloop.engine.api.CheckResult;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.InvariantViolation;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.NodeFailure;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.Seeds;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulationSweepTests {

    private static final Scenario SOMETIMES_FAILS = SometimesFails.runningFor(Duration.ofMillis(200));

    private static CheckOptions quiet(Seeds seeds) {
        return CheckOptions.seeds(seeds).withProgress(null).withScenarioName("SOMETIMES_FAILS");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 8})
    void theLowestFailingSeedWinsWhateverTheThreadCount(int threads) {
        CheckResult reference = Simulation.check(SOMETIMES_FAILS, quiet(Seeds.first(200)).withThreads(1));
        CheckResult result = Simulation.check(SOMETIMES_FAILS, quiet(Seeds.first(200)).withThreads(threads));

        assertThat(result.firstFailure()).isPresent();
        RunResult failed = result.firstFailure().orElseThrow();
        assertThat(failed.seed()).isEqualTo(24);
        assertThat(failed.failure()).isInstanceOf(InvariantViolation.class);
        assertThat(result.seedsChecked()).isEqualTo(25);
        assertThat(result.failures()).hasSize(1);
        assertThat(result.sweepDigest()).isEqualTo(reference.sweepDigest());
        assertThat(failed.digest()).isEqualTo(reference.firstFailure().orElseThrow().digest());
    }

    @Test
    void theReportNamesTheSeedAndTheExactReplayCall() {
        CheckResult result = Simulation.check(SOMETIMES_FAILS, quiet(Seeds.first(100)));
        assertThat(result.replayCall()).contains("Simulation.replay(SOMETIMES_FAILS, 24)");
        assertThat(result.summary())
                .contains("SOMETIMES_FAILS: seed 24 failed after 25 seeds checked")
                .contains("invariant 'no-seed-3-mod-7' violated")
                .contains("replay it with: Simulation.replay(SOMETIMES_FAILS, 24)");
        RunResult replayed = Simulation.replay(SOMETIMES_FAILS, 24);
        assertThat(replayed.digest()).isEqualTo(result.firstFailure().orElseThrow().digest());
        assertThat(replayed.failure()).hasMessage(result.firstFailure().orElseThrow().failure().getMessage());
    }

    @Test
    void aScenarioNameThatIsNotCodeIsNamedInACommentNotPastedIntoTheCall() {
        for (String name : List.of("RaftTests#electionSafety", "one leader per term", "twins(3")) {
            CheckResult result = Simulation.check(SOMETIMES_FAILS, quiet(Seeds.first(100)).withScenarioName(name));
            assertThat(result.replayCall()).as(name)
                    .contains("Simulation.replay(scenario, 24) // scenario: " + name);
        }
        for (String code : List.of("Scenarios.flaky()", "Twins.of(\"raft\", 3).buggy()", "SOMETIMES_FAILS")) {
            CheckResult result = Simulation.check(SOMETIMES_FAILS, quiet(Seeds.first(100)).withScenarioName(code));
            assertThat(result.replayCall()).as(code).contains("Simulation.replay(" + code + ", 24)");
        }
    }

    @Test
    void collectingAllFailuresReportsEveryFailingSeedInOrder() {
        CheckResult result = Simulation.check(SOMETIMES_FAILS,
                quiet(Seeds.first(60)).withThreads(2).collectingAllFailures());
        assertThat(result.seedsChecked()).isEqualTo(60);
        assertThat(result.failures()).extracting(RunResult::seed).containsExactly(24L, 31L, 38L, 45L, 52L, 59L);
    }

    @Test
    void explicitSeedListsAndRangesAreSweptInTheirOwnOrder() {
        CheckResult listed = Simulation.check(SOMETIMES_FAILS, quiet(Seeds.of(50, 31, 24, 10)).withThreads(2));
        assertThat(listed.firstFailure().orElseThrow().seed()).isEqualTo(31);
        assertThat(listed.seedsChecked()).isEqualTo(2);

        CheckResult range = Simulation.check(SOMETIMES_FAILS, quiet(Seeds.range(25, 31)));
        assertThat(range.passed()).isTrue();
        assertThat(range.seedsChecked()).isEqualTo(6);
        assertThatPassedSummary(range);
    }

    private static void assertThatPassedSummary(CheckResult range) {
        assertThat(range.summary()).isEqualTo("SOMETIMES_FAILS: 6 seeds passed");
    }

    @Test
    void aNodeExceptionFailsItsSeedAndNeverTheSweep() {
        Scenario throwsOnSeed5 = world -> {
            world.start("fragile", new Node<Object>() {
                @Override
                public void onStart(Context<Object> ctx) {
                    if (ctx.self().name().equals("fragile") && world.seed() == 5) {
                        throw new ArithmeticException("seed five");
                    }
                }

                @Override
                public void onMessage(Context<Object> ctx, Address from, Object message) {}
            });
            world.runFor(Duration.ofMillis(1));
        };
        CheckResult result = Simulation.check(throwsOnSeed5, quiet(Seeds.first(20)).withThreads(2).collectingAllFailures());
        assertThat(result.seedsChecked()).isEqualTo(20);
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.seed()).isEqualTo(5);
            assertThat(f.failure()).isInstanceOf(NodeFailure.class).hasMessageContaining("seed five");
        });
    }

    @Test
    void withSeedsSweepsOtherSeedsKeepingEveryOtherOption() {
        CheckOptions options = quiet(Seeds.first(10)).withThreads(1).withSeeds(Seeds.of(3, 31));
        assertThat(options.threads()).isEqualTo(1);
        assertThat(options.scenarioName()).isEqualTo("SOMETIMES_FAILS");
        CheckResult result = Simulation.check(SOMETIMES_FAILS, options);
        assertThat(result.firstFailure().orElseThrow().seed()).isEqualTo(31);
    }

    @Test
    void assertPassedThrowsWithTheSummary() {
        CheckResult result = Simulation.check(SOMETIMES_FAILS, quiet(Seeds.first(30)));
        org.assertj.core.api.Assertions.assertThatThrownBy(result::assertPassed)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("replay it with: Simulation.replay(SOMETIMES_FAILS, 24)");
    }

    @Test
    void nullArgumentsAreRefusedAtTheCallNotInsideTheSweep() {
        Scenario idle = world -> world.runFor(Duration.ofMillis(1));
        assertThatThrownBy(() -> Simulation.check(null, 10)).isInstanceOf(NullPointerException.class)
                .hasMessage("scenario must not be null");
        assertThatThrownBy(() -> Simulation.check(idle, (CheckOptions) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("options must not be null");
        assertThatThrownBy(() -> Simulation.replay(null, 0)).hasMessage("scenario must not be null");
        assertThatThrownBy(() -> Simulation.replay(idle, 0, null)).hasMessage("options must not be null");
        assertThatThrownBy(() -> Simulation.replay(idle, 0, RunOptions.DEFAULTS, null))
                .hasMessage("trace must not be null");
        assertThatThrownBy(() -> Seeds.of((long[]) null)).hasMessage("seeds must not be null");
    }
}

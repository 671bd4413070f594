package dev.seedloop.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedloop.trace.TraceLevel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The public value types refuse what is invalid, accept what is valid right at the boundary, and say
 * what they hold in words (the replay instructions print them).
 */
class ApiValueTests {

    private static RunOptions limits(long steps, long atInstant, long time, int pending) {
        return new RunOptions(steps, atInstant, time, pending, false, Ratio.percent(25), Ratio.percent(25),
                Schedule.fifo());
    }

    @Test
    void addressesAreValuesOfIndexAndName() {
        Address n1 = new Address(0, "n1");
        Address copy = new Address(0, new String("n1")); // equal, not the same string
        assertThat(n1).isEqualTo(n1).isEqualTo(copy).hasSameHashCodeAs(copy);
        assertThat(n1).isNotEqualTo(new Address(1, "n1")).isNotEqualTo(new Address(0, "n2"))
                .isNotEqualTo("n1").isNotEqualTo(null);
    }

    @Test
    void runOptionsAcceptOneAndRefuseZeroForEveryLimit() {
        RunOptions ones = limits(1, 1, 1, 1);
        assertThat(ones.maxSteps()).isEqualTo(1);
        assertThatThrownBy(() -> limits(0, 1, 1, 1)).hasMessage("maxSteps must be positive, got 0");
        assertThatThrownBy(() -> limits(1, 0, 1, 1)).hasMessage("maxStepsWithoutTimeAdvance must be positive, got 0");
        assertThatThrownBy(() -> limits(1, 1, 0, 1)).hasMessage("maxVirtualTimeNanos must be positive, got 0");
        assertThatThrownBy(() -> limits(1, 1, 1, 0)).hasMessage("maxPendingEvents must be positive, got 0");
        assertThat(limits(1, 1, 1, 1 << 24).maxPendingEvents()).isEqualTo(16_777_216);
        assertThatThrownBy(() -> limits(1, 1, 1, (1 << 24) + 1)).hasMessage(
                "maxPendingEvents must be at most 16777216 (16,777,216 events in flight at once), got 16777217");
    }

    @Test
    void runOptionsPrintAsTheJavaThatBuildsThem() {
        assertThat(RunOptions.DEFAULTS.toJava()).isEqualTo("RunOptions.DEFAULTS");
        RunOptions all = RunOptions.DEFAULTS.withMaxSteps(5).withMaxStepsWithoutTimeAdvance(6)
                .withMaxVirtualTimeNanos(7).withMaxPendingEvents(8);
        assertThat(all.toJava()).isEqualTo("RunOptions.DEFAULTS.withMaxSteps(5L).withMaxStepsWithoutTimeAdvance(6L)"
                + ".withMaxVirtualTimeNanos(7L).withMaxPendingEvents(8)");
        assertThat(all).isEqualTo(limits(5, 6, 7, 8));
        assertThat(RunOptions.DEFAULTS.withMaxPendingEvents(3).toJava()).isEqualTo("RunOptions.DEFAULTS.withMaxPendingEvents(3)");
    }

    @Test
    void seedRangesHoldAtLeastOneSeedAndSayWhichInWords() {
        assertThat(Seeds.range(5, 6).size()).isEqualTo(1);
        assertThatThrownBy(() -> Seeds.range(5, 5)).hasMessage("seed range [5, 5) is empty");
        assertThatThrownBy(() -> Seeds.range(-1, Long.MAX_VALUE))
                .hasMessage("seed range [-1, 9223372036854775807) holds more than Long.MAX_VALUE seeds; split it");
        assertThat(Seeds.range(0, Long.MAX_VALUE).size()).isEqualTo(Long.MAX_VALUE);
        assertThat(Seeds.first(10)).hasToString("10 seeds (0..9)");
        assertThat(Seeds.range(3, 10)).hasToString("seeds 3..9");
        assertThat(Seeds.range(-3, 10).seedAt(0)).isEqualTo(-3);
    }

    @Test
    void seedListsCompareByContentAndAreNeverEmpty() {
        Seeds a = Seeds.of(3, 1, 2);
        assertThat(a).isEqualTo(Seeds.of(3, 1, 2)).hasSameHashCodeAs(Seeds.of(3, 1, 2));
        assertThat(a).isNotEqualTo(Seeds.of(1, 2, 3)).isNotEqualTo(Seeds.range(1, 4));
        assertThat(a.hashCode()).isNotEqualTo(Seeds.of(1, 2, 3).hashCode());
        assertThat(a).hasToString("seeds [3, 1, 2]");
        assertThat(Seeds.of(7).size()).isEqualTo(1);
        assertThatThrownBy(Seeds::of).hasMessage("the seed list is empty");
    }

    @Test
    void ratiosAreProbabilitiesWithBoundsIncluded() {
        assertThat(Ratio.of(0, 1).isZero()).isTrue();
        assertThat(Ratio.of(3, 3)).hasToString("3/3");
        assertThat(Ratio.of(1, 1).isZero()).isFalse();
        assertThat(Ratio.percent(7)).isEqualTo(new Ratio(7, 100));
        assertThatThrownBy(() -> Ratio.of(1, 0)).hasMessage("ratio denominator must be positive, got 0");
        assertThatThrownBy(() -> Ratio.of(-1, 2)).hasMessage("ratio must be between 0 and 1, got -1/2");
        assertThatThrownBy(() -> Ratio.of(3, 2)).hasMessage("ratio must be between 0 and 1, got 3/2");
    }

    @Test
    void linkProfilesCheckLatenciesAndReliability() {
        assertThat(new LinkProfile(false, 0, 0, Ratio.ZERO, Ratio.ZERO).maxLatencyNanos()).isZero();
        assertThatThrownBy(() -> new LinkProfile(false, -1, 0, Ratio.ZERO, Ratio.ZERO))
                .hasMessage("min latency must be >= 0, got -1 ns");
        assertThatThrownBy(() -> new LinkProfile(false, 5, 4, Ratio.ZERO, Ratio.ZERO))
                .hasMessage("max latency 4 ns is below min latency 5 ns");
        assertThatThrownBy(() -> new LinkProfile(false, 1, 2, null, Ratio.ZERO)).hasMessage("loss must not be null");
        assertThatThrownBy(() -> new LinkProfile(false, 1, 2, Ratio.ZERO, null)).hasMessage("duplication must not be null");
        assertThatThrownBy(() -> new LinkProfile(true, 1, 2, Ratio.percent(1), Ratio.ZERO))
                .hasMessage("a reliable link cannot lose (1/100) or duplicate (0/1) messages");
    }

    @Test
    void traceOutputsNeedAPathALevelThatWritesAndAName() {
        Path p = Path.of("x.trace");
        assertThatThrownBy(() -> new TraceOutput(null, TraceLevel.FULL, false, "s", false)).hasMessage("path must not be null");
        assertThatThrownBy(() -> new TraceOutput(p, null, false, "s", false)).hasMessage("level must not be null");
        assertThatThrownBy(() -> new TraceOutput(p, TraceLevel.OFF, false, "s", false)).hasMessageStartingWith("trace level OFF");
        assertThatThrownBy(() -> new TraceOutput(p, TraceLevel.FULL, false, " ", false))
                .hasMessage("scenarioName must not be blank");
    }

    @Test
    void addressesAreOrderedByCreationAndPrintTheirName() {
        Address first = new Address(0, "n1");
        Address second = new Address(1, "a");
        assertThat(first).hasToString("n1");
        assertThat(first.compareTo(second)).isNegative();
        assertThat(second.compareTo(first)).isPositive();
        assertThat(first.compareTo(new Address(0, "other"))).isZero();
        assertThatThrownBy(() -> new Address(-1, "n")).hasMessage("address index must be >= 0, got -1");
        assertThatThrownBy(() -> new Address(0, "")).hasMessage("address name must not be blank");
        assertThatThrownBy(() -> new Address(0, null)).hasMessage("address name must not be blank");
    }

    @Test
    void checkStateThrowsOnlyWhenTheConditionIsFalse() {
        assertThatCode(() -> Check.state(true, "never")).doesNotThrowAnyException();
        assertThatThrownBy(() -> Check.state(false, "bad %s", 1)).isInstanceOf(IllegalStateException.class).hasMessage("bad 1");
        assertThatThrownBy(() -> Check.state(false, "plain %s")).hasMessage("plain %s");
    }

    @Test
    void everyFailureKindHasItsStableNameAndKeepsItsDetail() {
        assertThat(new InvariantViolation(1, 2, 3, "inv", "why", null).kind()).isEqualTo("invariant");
        assertThat(new NondeterminismDetected(1, 2, 3, "x").kind()).isEqualTo("nondeterminism");
        assertThat(new ScenarioFailure(1, 2, 3, new RuntimeException("boom")).kind()).isEqualTo("scenario-threw");
        InvariantViolation v = new InvariantViolation(4, 5, 1_234_567, "inv", "why", null);
        assertThat(v.detail()).isEqualTo("invariant 'inv' violated: why");
        assertThat(v).hasMessage("seed 4, step 5, t=1.234ms: invariant 'inv' violated: why");
        assertThat(SimulationFailure.formatTime(229_113_999)).isEqualTo("229.113ms");
        assertThat(SimulationFailure.formatTime(5_000)).isEqualTo("0.005ms");
    }

    @Test
    void checkOptionsRefuseMissingPartsAndNameTraceFilesSafely() {
        CheckOptions base = CheckOptions.seeds(3);
        assertThatThrownBy(() -> base.withThreads(0)).hasMessage("threads must be at least 1, got 0");
        assertThatThrownBy(() -> base.withRunOptions(null)).hasMessage("runOptions must not be null");
        assertThatThrownBy(() -> base.withRunTwice(null)).hasMessageStartingWith("runTwice");
        assertThat(base.withThreads(1).threads()).isEqualTo(1);
        assertThat(base.withRunOptions(RunOptions.DEFAULTS.withMaxSteps(9)).runOptions().maxSteps()).isEqualTo(9);
        assertThat(base.withScenarioName("RaftElection.buggy()").traceFileFor(13))
                .isEqualTo(CheckOptions.DEFAULT_TRACE_DIRECTORY.resolve("RaftElection.buggy-seed-13.trace"));
        assertThat(base.withScenarioName("?!").traceFileFor(1).getFileName()).hasToString("scenario-seed-1.trace");
        String eighty = "a".repeat(80);
        assertThat(base.withScenarioName(eighty).traceFileFor(1).getFileName()).hasToString(eighty + "-seed-1.trace");
        assertThat(base.withScenarioName(eighty + "b").traceFileFor(1).getFileName()).hasToString(eighty + "-seed-1.trace");
    }

    @Test
    void theRunTwiceSampleIsPinned() {
        // The sample is part of the contract (the same seeds everywhere): pin it.
        CheckOptions tenPercent = CheckOptions.seeds(1).withRunTwice(Ratio.percent(10));
        StringBuilder chosen = new StringBuilder();
        for (long seed = 0; seed < 100; seed++) {
            if (tenPercent.runsTwice(seed)) {
                chosen.append(seed).append(' ');
            }
        }
        assertThat(chosen.toString().trim()).isEqualTo(PINNED_SAMPLE);
    }

    private static final String PINNED_SAMPLE = "24 29 32 52 54 55 56 74 75 86 89 92 96 97 99";
}

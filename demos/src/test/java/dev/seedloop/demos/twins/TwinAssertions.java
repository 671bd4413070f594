package dev.seedloop.demos.twins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.CheckResult;
import dev.seedloop.engine.api.InvariantViolation;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.trace.Trace;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceVerifier;
import java.nio.file.Path;
import java.util.List;

/** The two claims every bug-zoo protocol makes, as assertions shared by the protocols' tests. */
public final class TwinAssertions {
    private TwinAssertions() {}

    /**
     * The buggy twin fails within its K seeds by its invariant, and the failing seed's trace exists,
     * verifies, and ends with that invariant's violation. Returns the violation for further checks.
     */
    public static InvariantViolation buggyTwinIsCaught(Twins twins, Path traceDirectory) throws Exception {
        CheckResult result = Simulation.check(twins.buggy(),
                TwinDemo.options(twins.buggyName(), twins.catchWithin(), traceDirectory));
        assertThat(result.passed()).as("%s caught within %d seeds", twins.buggyName(), twins.catchWithin()).isFalse();
        RunResult failed = result.firstFailure().orElseThrow();
        assertThat(failed.failure()).as(result.summary()).isInstanceOf(InvariantViolation.class);
        InvariantViolation violation = (InvariantViolation) failed.failure();
        assertThat(violation.invariant()).isEqualTo(twins.invariant());
        assertThat(result.replayCall()).contains("Simulation.replay(" + twins.buggyName() + ", " + failed.seed() + ")");

        Path trace = result.failureTraceIfAny().orElseThrow();
        assertThat(trace).exists().isEqualTo(TwinDemo.options(twins.buggyName(), 1, traceDirectory).traceFileFor(failed.seed()));
        var verification = TraceVerifier.verify(trace);
        assertThat(verification.ok()).as(verification.message()).isTrue();
        List<TraceEvent> events = Trace.read(trace).events();
        TraceEvent last = events.get(events.size() - 1);
        assertThat(last).isInstanceOf(TraceEvent.InvariantViolated.class);
        assertThat(((TraceEvent.InvariantViolated) last).name()).isEqualTo(twins.invariant());
        assertThat(last.step()).isEqualTo(violation.step());
        return violation;
    }

    /** The correct twin passes its seeds under the same fault plan. */
    public static void correctTwinPasses(Twins twins) {
        CheckResult result = Simulation.check(twins.correct(),
                TwinDemo.options(twins.correctName(), twins.correctSeeds(), null));
        assertThat(result.passed()).as(result.summary()).isTrue();
        assertThat(result.seedsChecked()).isEqualTo(twins.correctSeeds());
        assertThat(twins.correctSeeds()).isGreaterThanOrEqualTo(2000);
    }
}

package dev.seedloop.engine.internal.trace;

import dev.seedloop.engine.api.NondeterminismDetected;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.TraceOutput;
import dev.seedloop.engine.internal.RunTweaks;
import dev.seedloop.engine.internal.ScenarioRunner;
import dev.seedloop.trace.Provenance;
import dev.seedloop.trace.RunDigest;
import dev.seedloop.trace.Trace;
import dev.seedloop.trace.TraceFileException;
import dev.seedloop.trace.diff.Divergence;
import dev.seedloop.trace.diff.TraceDiff;
import dev.seedloop.trace.export.EventFormatter;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;

/** Runs a seed while recording its trace, and checks a recorded re-run against a sweep's run. */
public final class TraceRecording {
    private TraceRecording() {}

    /** Runs {@code scenario} with {@code seed}, writing the trace {@code output} describes. */
    public static RunResult run(Scenario scenario, long seed, RunOptions options, TraceOutput output) {
        return run(scenario, seed, options, output, RunTweaks.NONE);
    }

    /**
     * Runs {@code scenario} with {@code seed}, writing the trace {@code output} describes into {@code sink}
     * instead of its file (which is then only a name). The stream is closed when the run ends.
     */
    public static RunResult run(Scenario scenario, long seed, RunOptions options, TraceOutput output,
            OutputStream sink) {
        TraceRecorder recorder = new TraceRecorder(output, sink, seed, options,
                output.stableProvenance() ? Provenance.none() : WallClockProvenance.now());
        RunResult result = ScenarioRunner.run(scenario, seed, options, recorder, RunTweaks.NONE);
        recorder.finish(result);
        return result;
    }

    /** Runs {@code scenario} with {@code seed} as {@code tweaks} change it, writing the trace. */
    public static RunResult run(Scenario scenario, long seed, RunOptions options, TraceOutput output,
            RunTweaks tweaks) {
        TraceRecorder recorder = new TraceRecorder(output, seed, options,
                output.stableProvenance() ? Provenance.none() : WallClockProvenance.now());
        RunResult result = ScenarioRunner.run(scenario, seed, options, recorder, tweaks);
        recorder.finish(result);
        return result;
    }

    /**
     * Re-runs a failing seed of a sweep at {@code output}'s level and checks that it is the same run:
     * the same digest. When it is not, the seed is recorded once more beside it and the two recordings
     * are compared event by event to name where they diverge; the result then carries a
     * {@link NondeterminismDetected} instead of the original failure.
     */
    public static RunResult rerunAndVerify(Scenario scenario, RunResult swept, RunOptions options, TraceOutput output) {
        return rerunAndVerify(scenario, swept, options, output, RunTweaks.NONE, "in the sweep");
    }

    /**
     * {@link #rerunAndVerify(Scenario, RunResult, RunOptions, TraceOutput)} for a run that {@code tweaks}
     * changed (a minimized candidate); {@code where} says in words where {@code first} ran ("in the sweep").
     */
    public static RunResult rerunAndVerify(Scenario scenario, RunResult first, RunOptions options, TraceOutput output,
            RunTweaks tweaks, String where) {
        RunResult recorded = run(scenario, first.seed(), options, output, tweaks);
        if (recorded.digest() == first.digest()) {
            return recorded;
        }
        Path second = output.path().resolveSibling(output.path().getFileName() + ".rerun");
        RunResult again = run(scenario, first.seed(), options,
                new TraceOutput(second, output.level(), output.gzip(), output.scenarioName(), output.stableProvenance()),
                tweaks);
        String divergence = firstDivergence(output.path(), second);
        String explanation = "seed " + first.seed() + " ran with digest " + RunDigest.format(first.digest())
                + " " + where + " but " + RunDigest.format(recorded.digest()) + " when re-run"
                + (again.digest() != recorded.digest() ? " and " + RunDigest.format(again.digest()) + " the time after" : "")
                + "; " + divergence + " (traces: " + output.path() + ", " + second + ")";
        NondeterminismDetected failure = new NondeterminismDetected(first.seed(), recorded.steps(),
                recorded.endTimeNanos(), explanation);
        return new RunResult(first.seed(), recorded.digest(), recorded.steps(), recorded.events(),
                recorded.endTimeNanos(), failure);
    }

    /**
     * Where two recordings of one seed first differ, in words: the first divergent event of each (found by
     * the trace diff) and the last event they agreed on.
     */
    public static String firstDivergence(Path a, Path b) {
        Trace first;
        Trace second;
        try {
            first = Trace.read(a);
            second = Trace.read(b);
        } catch (TraceFileException e) {
            return "the recordings could not be compared (" + e.getMessage() + ")";
        }
        Optional<Divergence> divergence = TraceDiff.compare(first, second).firstDivergence();
        if (divergence.isEmpty()) {
            return "two recorded runs of the seed then agreed with each other, so the divergence depends on "
                    + "something outside the seed that changes between runs (state kept between runs, "
                    + "identity hash codes, the wall clock)";
        }
        Divergence d = divergence.get();
        EventFormatter a1 = new EventFormatter(first.header().identity());
        EventFormatter b1 = new EventFormatter(second.header().identity());
        return "the runs first diverge at event " + (d.index() + 1) + ", step " + d.step() + ": "
                + d.a().map(a1::line).orElse("(the first run had ended)") + " in one run, but "
                + d.b().map(b1::line).orElse("(the second run had ended)") + " in the other"
                + d.previousA().map(p -> "; the last event they agreed on: " + a1.line(p)).orElse("");
    }
}

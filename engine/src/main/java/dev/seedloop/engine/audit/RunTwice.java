package dev.seedloop.engine.audit;

import dev.seedloop.engine.api.NondeterminismDetected;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.TraceOutput;
import dev.seedloop.engine.internal.ScenarioRunner;
import dev.seedloop.engine.internal.trace.TraceRecording;
import dev.seedloop.trace.RunDigest;
import dev.seedloop.trace.diff.TraceDiff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The dynamic nondeterminism audit: run a seed a second time and compare the digests of the two runs.
 *
 * <p>Guarantees: when the digests agree, the first run's result is returned unchanged. When they differ,
 * the seed is recorded twice more at FULL level and the two recordings are compared with
 * {@link TraceDiff}; the result then carries a {@link NondeterminismDetected} naming both digests and the
 * first divergent event (step, time, and the event of each run), or saying that the recordings agreed.
 * This catches what no bytecode scan can see, such as the iteration order of a {@code HashSet} of
 * objects whose identity hash codes are assigned during the run.
 */
public final class RunTwice {
    private RunTwice() {}

    /**
     * Runs {@code first.seed()} again and returns {@code first}, or a failing result if the second run
     * differs.
     *
     * @param traceFile where the first diagnostic recording goes (the second goes beside it, with
     *     {@code .rerun} appended), or null to record into temporary files deleted afterwards
     */
    public static RunResult verify(Scenario scenario, RunResult first, RunOptions options, String scenarioName,
            Path traceFile) {
        RunResult second = ScenarioRunner.run(scenario, first.seed(), options, null);
        if (second.digest() == first.digest()) {
            return first;
        }
        String where = traceFile != null ? diagnose(scenario, first.seed(), options, scenarioName, traceFile, true)
                : diagnoseInTemporaryFiles(scenario, first.seed(), options, scenarioName);
        String explanation = "seed " + first.seed() + " ran twice with different digests, "
                + RunDigest.format(first.digest()) + " then " + RunDigest.format(second.digest()) + " (steps "
                + first.steps() + " and " + second.steps() + "); " + where;
        return new RunResult(first.seed(), first.digest(), first.steps(), first.events(), first.endTimeNanos(),
                new NondeterminismDetected(first.seed(), first.steps(), first.endTimeNanos(), explanation));
    }

    private static String diagnoseInTemporaryFiles(Scenario scenario, long seed, RunOptions options, String name) {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("seedloop-run-twice");
            return diagnose(scenario, seed, options, name, directory.resolve("seed-" + seed + ".trace"), false);
        } catch (IOException e) {
            return "the runs could not be recorded to find where they diverge (" + e.getMessage() + ")";
        } finally {
            if (directory != null) {
                deleteQuietly(directory.resolve("seed-" + seed + ".trace"));
                deleteQuietly(directory.resolve("seed-" + seed + ".trace.rerun"));
                deleteQuietly(directory);
            }
        }
    }

    private static String diagnose(Scenario scenario, long seed, RunOptions options, String name, Path file,
            boolean keep) {
        Path rerun = file.resolveSibling(file.getFileName() + ".rerun");
        try {
            TraceRecording.run(scenario, seed, options, TraceOutput.full(file, name));
            TraceRecording.run(scenario, seed, options, TraceOutput.full(rerun, name));
        } catch (UncheckedIOException e) {
            return "the runs could not be recorded to find where they diverge (" + e.getMessage() + ")";
        }
        String traces = keep ? " (traces: " + file.toAbsolutePath() + ", " + rerun.toAbsolutePath() + ")" : "";
        return describe(file, rerun) + traces;
    }

    /** The first divergence of two recordings of one seed, in words. */
    static String describe(Path a, Path b) {
        return TraceRecording.firstDivergence(a, b);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // A temporary file left behind is harmless; the report does not depend on it.
        }
    }
}

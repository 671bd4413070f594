package dev.seedloop.engine.api;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * How {@code Simulation.check} sweeps: which seeds, on how many threads, whether to stop at the first
 * failure, the limits of each run, and where progress lines go. Immutable; start from
 * {@link #seeds(Seeds)} or {@link #seeds(long)} and change fields with {@code with} methods.
 *
 * @param seeds the seeds to run, in order
 * @param threads how many runs go on at once; the result does not depend on it
 * @param stopAtFirstFailure stop at the failing seed with the lowest position (true), or run every seed
 *     and report every failure (false)
 * @param runOptions the limits of each run
 * @param scenarioName how the scenario is named in messages and in the replay call printed on failure
 * @param progress where a progress line goes every few seconds on a long sweep; null for silence
 * @param traceDirectory where the first failing seed's FULL trace is written after the sweep; null for
 *     none. The default is {@code target/seedloop-traces}, relative to the working directory
 * @param runTwice the fraction of seeds run a second time to compare digests (the dynamic nondeterminism
 *     audit); which seeds is decided by a fixed hash of the seed, so the same seeds are chosen on every
 *     machine and thread count. {@link Ratio#ZERO} (the default) runs each seed once
 */
public record CheckOptions(
        Seeds seeds,
        int threads,
        boolean stopAtFirstFailure,
        RunOptions runOptions,
        String scenarioName,
        Consumer<String> progress,
        Path traceDirectory,
        Ratio runTwice) {

    /** Where failing traces go unless told otherwise: {@code target/seedloop-traces}. */
    public static final Path DEFAULT_TRACE_DIRECTORY = Path.of("target", "seedloop-traces");

    /** Validates the options. */
    public CheckOptions {
        Check.notNull(seeds, "seeds");
        Check.argument(threads >= 1, "threads must be at least 1, got %s", threads);
        Check.notNull(runOptions, "runOptions");
        Check.argument(scenarioName != null && !scenarioName.isBlank(), "scenarioName must not be blank");
        Check.notNull(runTwice, "runTwice (use Ratio.ZERO to run each seed once)");
    }

    /** Sweeps {@code seeds} on every available core, stopping at the first failure, progress to stderr. */
    public static CheckOptions seeds(Seeds seeds) {
        return new CheckOptions(seeds, Runtime.getRuntime().availableProcessors(), true, RunOptions.DEFAULTS,
                "scenario", System.err::println, DEFAULT_TRACE_DIRECTORY, Ratio.ZERO);
    }

    /** Sweeps seeds {@code 0..count-1}, as {@link #seeds(Seeds)}. */
    public static CheckOptions seeds(long count) {
        return seeds(Seeds.first(count));
    }

    /** These options sweeping {@code others} instead. */
    public CheckOptions withSeeds(Seeds others) {
        return new CheckOptions(others, threads, stopAtFirstFailure, runOptions, scenarioName, progress, traceDirectory, runTwice);
    }

    /** These options on {@code count} threads. */
    public CheckOptions withThreads(int count) {
        return new CheckOptions(seeds, count, stopAtFirstFailure, runOptions, scenarioName, progress, traceDirectory, runTwice);
    }

    /** These options run every seed and report every failure. */
    public CheckOptions collectingAllFailures() {
        return new CheckOptions(seeds, threads, false, runOptions, scenarioName, progress, traceDirectory, runTwice);
    }

    /** These options with different run limits. */
    public CheckOptions withRunOptions(RunOptions options) {
        return new CheckOptions(seeds, threads, stopAtFirstFailure, options, scenarioName, progress, traceDirectory, runTwice);
    }

    /** These options naming the scenario, for example {@code "RaftElection.buggy()"}. */
    public CheckOptions withScenarioName(String name) {
        return new CheckOptions(seeds, threads, stopAtFirstFailure, runOptions, name, progress, traceDirectory, runTwice);
    }

    /** These options sending progress lines to {@code sink}, or nowhere if it is null. */
    public CheckOptions withProgress(Consumer<String> sink) {
        return new CheckOptions(seeds, threads, stopAtFirstFailure, runOptions, scenarioName, sink, traceDirectory, runTwice);
    }

    /** These options writing the first failing seed's trace into {@code directory}, or no trace if null. */
    public CheckOptions withTraceDirectory(Path directory) {
        return new CheckOptions(seeds, threads, stopAtFirstFailure, runOptions, scenarioName, progress, directory, runTwice);
    }

    /**
     * These options running {@code fraction} of the seeds twice and failing a seed whose two runs have
     * different digests with a {@link NondeterminismDetected} naming the first divergent event;
     * {@link Ratio#ONE} runs every seed twice.
     */
    public CheckOptions withRunTwice(Ratio fraction) {
        return new CheckOptions(seeds, threads, stopAtFirstFailure, runOptions, scenarioName, progress, traceDirectory,
                fraction);
    }

    /**
     * Whether {@code seed} is one of the seeds run twice: a fixed 64-bit mix of the seed, compared with
     * the {@link #runTwice()} fraction in integers. Every seed when the fraction is one, none when zero.
     */
    public boolean runsTwice(long seed) {
        if (runTwice.isZero()) {
            return false;
        }
        if (runTwice.numerator() == runTwice.denominator()) {
            return true;
        }
        long z = seed + 0x9E37_79B9_7F4A_7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        z = z ^ (z >>> 31);
        // A uniform draw in [0, denominator) from the mix, then a comparison in integers.
        return Long.remainderUnsigned(z, runTwice.denominator()) < runTwice.numerator();
    }

    /** The file a failing seed's trace is written to: the scenario's name made file-safe, and the seed. */
    public Path traceFileFor(long seed) {
        String safe = scenarioName.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("_+$", "").replaceAll("^_+", "");
        if (safe.isEmpty()) {
            safe = "scenario";
        }
        if (safe.length() > 80) {
            safe = safe.substring(0, 80);
        }
        return traceDirectory.resolve(safe + "-seed-" + seed + ".trace");
    }
}

package dev.seedloop.engine.internal.sweep;

import dev.seedloop.engine.api.CheckOptions;
import dev.seedloop.engine.api.CheckResult;
import dev.seedloop.engine.api.EngineError;
import dev.seedloop.engine.api.NondeterminismDetected;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.TraceOutput;
import dev.seedloop.engine.audit.RunTwice;
import dev.seedloop.engine.internal.ScenarioRunner;
import dev.seedloop.engine.internal.trace.TraceRecording;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a scenario over a set of seeds on several threads and reduces the runs to one
 * {@link CheckResult} that does not depend on the number of threads.
 *
 * <p>Threads take seed positions from a shared counter in order. When stopping at the first failure,
 * a thread that finds one lowers the shared "lowest failing position", and every thread keeps running
 * positions below it: so all positions below the lowest failure are checked, whatever the timing, and
 * that failure is the one reported. Positions above it that happened to run are ignored.
 *
 * <p>This is the only part of the engine that uses threads; each run is confined to one thread and
 * shares nothing with the others.
 */
public final class Sweep {
    private final Scenario scenario;
    private final CheckOptions options;
    private final long size;
    private final AtomicLong nextPosition = new AtomicLong();
    private final AtomicLong lowestFailure = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong completed = new AtomicLong();

    private Sweep(Scenario scenario, CheckOptions options) {
        this.scenario = scenario;
        this.options = options;
        this.size = options.seeds().size();
    }

    /** Sweeps {@code scenario} as {@code options} say. */
    public static CheckResult run(Scenario scenario, CheckOptions options) {
        return new Sweep(scenario, options).execute();
    }

    private CheckResult execute() {
        int threads = (int) Math.min(options.threads(), size);
        List<Worker> workers = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            workers.add(new Worker());
        }
        for (Worker worker : workers) {
            worker.all = List.copyOf(workers);
        }
        ProgressReporter progress = new ProgressReporter(options.progress(), options.scenarioName(), size);
        if (threads == 1) {
            workers.get(0).runPositions(progress);
        } else {
            List<Thread> started = new ArrayList<>(threads);
            for (int i = 0; i < threads; i++) {
                Worker worker = workers.get(i);
                Thread thread = new Thread(() -> worker.runPositions(null), "seedloop-sweep-" + i);
                thread.setDaemon(true);
                thread.start();
                started.add(thread);
            }
            progress.waitFor(started, completed, lowestFailure);
        }
        for (Worker worker : workers) {
            if (worker.crash instanceof VirtualMachineError fatal) {
                throw fatal; // the JVM's own trouble (out of memory, ...), as a run on this thread would throw it
            }
            if (worker.crash != null) {
                throw new EngineError("a sweep thread died while running "
                        + (worker.crashedSeed == null ? "no seed" : "seed " + worker.crashedSeed) + " of "
                        + options.scenarioName() + "; the sweep's results are discarded", worker.crash);
            }
        }
        return reduce(workers);
    }

    private CheckResult reduce(List<Worker> workers) {
        long failingPosition = lowestFailure.get();
        boolean stopped = options.stopAtFirstFailure() && failingPosition != Long.MAX_VALUE;
        long covered = stopped ? failingPosition + 1 : size;
        long sweepDigest = 0;
        List<PositionedResult> failures = new ArrayList<>();
        for (Worker worker : workers) {
            worker.fold(Long.MAX_VALUE, covered - 1);
            sweepDigest += worker.folded;
            for (PositionedResult failed : worker.failures) {
                if (failed.position < covered) {
                    failures.add(failed);
                }
            }
        }
        failures.sort(Comparator.comparingLong(PositionedResult::position));
        List<RunResult> ordered = new ArrayList<>(failures.size());
        for (PositionedResult failed : failures) {
            ordered.add(failed.result);
        }
        if (stopped && ordered.size() != 1) {
            throw new EngineError("expected one failure at position " + failingPosition + ", found " + ordered.size());
        }
        Path trace = null;
        String traceProblem = null;
        if (!ordered.isEmpty() && options.traceDirectory() != null
                && ordered.get(0).failure() instanceof NondeterminismDetected) {
            // Found by running the seed twice, which already recorded it twice and compared the recordings.
            trace = options.traceFileFor(ordered.get(0).seed());
        } else if (!ordered.isEmpty() && options.traceDirectory() != null) {
            // The sweep ran at trace level OFF; the first failure is re-run at FULL, and must be the same run.
            trace = options.traceFileFor(ordered.get(0).seed());
            try {
                RunResult recorded = TraceRecording.rerunAndVerify(scenario, ordered.get(0), options.runOptions(),
                        TraceOutput.full(trace, options.scenarioName()));
                ordered.set(0, recorded);
            } catch (java.io.UncheckedIOException e) {
                // The finding stands without its trace; say why there is none instead of losing the result.
                if (options.progress() != null) {
                    options.progress().accept("seedloop: " + options.scenarioName() + ": the trace of seed "
                            + ordered.get(0).seed() + " could not be written: " + e.getMessage());
                }
                trace = null;
                traceProblem = e.getMessage();
            }
        }
        if (ordered.isEmpty() && options.progress() != null && workers.stream().noneMatch(w -> w.stepsTaken)) {
            // Passing without a single step is almost always forgotten wiring, not a correct system.
            options.progress().accept("seedloop: " + options.scenarioName() + ": every seed passed without taking "
                    + "a single step: does the scenario start its nodes (World.start) and run virtual time "
                    + "(runFor or runUntil)?");
        }
        return new CheckResult(covered, ordered, mix(sweepDigest ^ covered), options.scenarioName(),
                options.runOptions(), trace, traceProblem);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    private record PositionedResult(long position, RunResult result) {}

    /** The lowest position any worker may still be running: every position below it has finished. */
    private long watermark(List<Worker> workers) {
        long lowest = Long.MAX_VALUE;
        for (Worker worker : workers) {
            lowest = Math.min(lowest, worker.inFlight);
        }
        return lowest;
    }

    /**
     * One thread's share of the sweep: its failures and its part of the sweep digest.
     *
     * <p>The sweep digest is a sum of position-keyed mixes, so it can be folded as seeds finish instead of
     * kept per seed: memory stays flat however many seeds a sweep runs. Only a seed's inclusion must wait:
     * when stopping at the first failure, a seed after the lowest failing position is left out, and a lower
     * failure may still appear at a position some thread is running. So a worker keeps its contributions
     * pending until every position below them has finished (below the watermark), then folds in those at
     * or below the lowest failure known by then and drops the rest.
     */
    private final class Worker {
        // The position this worker runs now, or its last one between two (never lower than a position it
        // may still be running); MAX_VALUE once it has stopped. Read by the other workers' watermarks.
        volatile long inFlight = -1;
        long folded;
        long[] pendingPositions = new long[64];
        long[] pendingContributions = new long[64];
        int pendingCount;
        final List<PositionedResult> failures = new ArrayList<>();
        Throwable crash;
        Long crashedSeed; // the seed running when the worker died, or null
        boolean stepsTaken; // whether any run of this worker took a step
        List<Worker> all = List.of();

        void runPositions(ProgressReporter progress) {
            try {
                while (true) {
                    long position = nextPosition.getAndIncrement();
                    if (position >= size || (options.stopAtFirstFailure() && position > lowestFailure.get())) {
                        return;
                    }
                    inFlight = position;
                    long seed = options.seeds().seedAt(position);
                    RunResult result = ScenarioRunner.run(scenario, seed, options.runOptions(), null);
                    if (options.runsTwice(seed)) {
                        // The dynamic nondeterminism audit: a second run must have the same digest.
                        result = RunTwice.verify(scenario, result, options.runOptions(), options.scenarioName(),
                                options.traceDirectory() == null ? null : options.traceFileFor(seed));
                    }
                    record(position, result);
                    completed.incrementAndGet();
                    if (progress != null) {
                        progress.maybeReport(completed.get(), lowestFailure.get());
                    }
                }
            } catch (Throwable t) {
                // Handed to the caller's thread by execute(), which throws it there.
                crash = t;
                crashedSeed = inFlight >= 0 && inFlight < size ? options.seeds().seedAt(inFlight) : null;
                lowestFailure.set(-1); // stop every other worker
            } finally {
                inFlight = Long.MAX_VALUE;
            }
        }

        private void record(long position, RunResult result) {
            stepsTaken |= result.steps() > 0;
            if (!result.passed()) {
                failures.add(new PositionedResult(position, result));
                lowestFailure.accumulateAndGet(position, Math::min);
            }
            if (pendingCount == pendingPositions.length) {
                if (all.size() > 0) {
                    // The watermark first, the lowest failure after: every failure below the watermark is
                    // already in it.
                    long below = watermark(all);
                    fold(below, options.stopAtFirstFailure() ? lowestFailure.get() : Long.MAX_VALUE);
                }
                if (pendingCount == pendingPositions.length) {
                    pendingPositions = java.util.Arrays.copyOf(pendingPositions, pendingCount * 2);
                    pendingContributions = java.util.Arrays.copyOf(pendingContributions, pendingCount * 2);
                }
            }
            pendingPositions[pendingCount] = position;
            // A sum of position-keyed mixes: order-independent to compute, position-sensitive in value.
            pendingContributions[pendingCount] = mix(result.digest() ^ mix(position + 1));
            pendingCount++;
        }

        /** Folds the pending contributions of positions below {@code below}: in if at most {@code last}, else out. */
        void fold(long below, long last) {
            int kept = 0;
            for (int i = 0; i < pendingCount; i++) {
                long position = pendingPositions[i];
                if (position < below) {
                    if (position <= last) {
                        folded += pendingContributions[i];
                    }
                } else {
                    pendingPositions[kept] = position;
                    pendingContributions[kept] = pendingContributions[i];
                    kept++;
                }
            }
            pendingCount = kept;
        }
    }
}

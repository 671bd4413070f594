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
            if (worker.crash != null) {
                throw new EngineError("a sweep thread died", worker.crash);
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
            for (int i = 0; i < worker.digestCount; i++) {
                long position = worker.positions[i];
                if (position < covered) {
                    // A sum of position-keyed mixes: order-independent to compute, position-sensitive in value.
                    sweepDigest += mix(worker.digests[i] ^ mix(position + 1));
                }
            }
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
        if (!ordered.isEmpty() && options.traceDirectory() != null
                && ordered.get(0).failure() instanceof NondeterminismDetected) {
            // Found by running the seed twice, which already recorded it twice and compared the recordings.
            trace = options.traceFileFor(ordered.get(0).seed());
        } else if (!ordered.isEmpty() && options.traceDirectory() != null) {
            // The sweep ran at trace level OFF; the first failure is re-run at FULL, and must be the same run.
            trace = options.traceFileFor(ordered.get(0).seed());
            RunResult recorded = TraceRecording.rerunAndVerify(scenario, ordered.get(0), options.runOptions(),
                    TraceOutput.full(trace, options.scenarioName()));
            ordered.set(0, recorded);
        }
        return new CheckResult(covered, ordered, mix(sweepDigest ^ covered), options.scenarioName(),
                options.runOptions(), trace);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    private record PositionedResult(long position, RunResult result) {}

    /** One thread's share of the sweep: the positions it ran, their digests, its failures. */
    private final class Worker {
        long[] positions = new long[256];
        long[] digests = new long[256];
        int digestCount;
        final List<PositionedResult> failures = new ArrayList<>();
        Throwable crash;

        void runPositions(ProgressReporter progress) {
            try {
                while (true) {
                    long position = nextPosition.getAndIncrement();
                    if (position >= size || (options.stopAtFirstFailure() && position > lowestFailure.get())) {
                        return;
                    }
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
                crash = t;
                lowestFailure.set(-1); // stop every other worker
                if (t instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
            }
        }

        private void record(long position, RunResult result) {
            if (digestCount == positions.length) {
                positions = java.util.Arrays.copyOf(positions, digestCount * 2);
                digests = java.util.Arrays.copyOf(digests, digestCount * 2);
            }
            positions[digestCount] = position;
            digests[digestCount] = result.digest();
            digestCount++;
            if (!result.passed()) {
                failures.add(new PositionedResult(position, result));
                lowestFailure.accumulateAndGet(position, Math::min);
            }
        }
    }
}

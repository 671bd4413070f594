package dev.seedloop.engine.internal.minimize;

import dev.seedloop.engine.api.Check;
import dev.seedloop.engine.api.InvariantViolation;
import dev.seedloop.engine.api.LivenessViolation;
import dev.seedloop.engine.api.Minimization;
import dev.seedloop.engine.api.NodeFailure;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.SimulationFailure;
import dev.seedloop.engine.api.SizedScenario;
import dev.seedloop.engine.api.TraceOutput;
import dev.seedloop.engine.internal.RunTweaks;
import dev.seedloop.engine.internal.ScenarioRunner;
import dev.seedloop.engine.internal.trace.TraceRecording;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Searches for a smaller reproduction of a failing seed: first the smallest size of a
 * {@link SizedScenario} that fails the same way, then the fewest scheduled faults (delta
 * debugging, Zeller's ddmin, over the faults that began before the failure), then the lowest loss and
 * duplication (dividing every probability by 2, 4, 8, ... down to none). A candidate counts when it fails
 * the same way: the same kind of failure on the same invariant, liveness property or handler.
 *
 * <p>A run that fails earlier is already shorter: the run stops at its failure. The search is bounded by
 * {@code maxCandidates}; what it found by then is reported.
 */
public final class Minimizer {
    /** How many seeds of each smaller size the search tries besides the original seed. */
    static final int SEEDS_PER_SIZE = 20;

    private final Scenario scenario;
    private final long seed;
    private final RunOptions options;
    private final int maxCandidates;
    private final String signature;
    private int tried;

    private Minimizer(Scenario scenario, long seed, RunOptions options, int maxCandidates, String signature) {
        this.scenario = scenario;
        this.seed = seed;
        this.options = options;
        this.maxCandidates = maxCandidates;
        this.signature = signature;
    }

    /**
     * Minimizes {@code seed} of {@code scenario}, writing the minimized run's FULL trace to {@code trace}
     * (none if null).
     *
     * @throws IllegalArgumentException if the seed does not fail: there is nothing to minimize
     */
    public static Minimization minimize(Scenario scenario, long seed, RunOptions options, Path trace,
            String scenarioName, int maxCandidates) {
        Check.argument(maxCandidates >= 1, "maxCandidates must be at least 1, got %s", maxCandidates);
        FaultLog log = new FaultLog();
        RunResult original = ScenarioRunner.run(scenario, seed, options, log, RunTweaks.NONE);
        Check.argument(!original.passed(), "seed %s of %s passes: there is no failure to minimize", seed, scenarioName);
        String signature = signatureOf(original.failure());
        int originalFaults = log.began().size();
        // Fewer nodes first: a smaller system that fails the same way is the biggest reduction, and the
        // fault plan of a different size is a different plan, so faults are minimized afterwards.
        Subject subject = scenario instanceof SizedScenario sized
                ? smallestSize(sized, seed, options, signature, maxCandidates / 2)
                : new Subject(scenario, seed, 0, 0);
        Scenario smaller = subject.scenario();
        long subjectSeed = subject.seed();
        int triedSizes = subject.tried();
        int originalSize = scenario instanceof SizedScenario sized ? sized.size() : 0;
        int size = scenario instanceof SizedScenario ? subject.size() : 0;
        if (smaller != scenario) {
            log = new FaultLog();
            ScenarioRunner.run(smaller, subjectSeed, options, log, RunTweaks.NONE);
        }
        Minimizer search = new Minimizer(smaller, subjectSeed, options, maxCandidates - triedSizes, signature);

        List<Long> began = log.began();
        List<Long> needed = search.ddmin(began);
        Set<Long> kept = new HashSet<>(needed);
        long divisor = search.lowestLoss(kept);
        RunTweaks best = RunTweaks.keeping(kept, divisor);

        // Count the faults the minimized run really began (a kept fault may begin later or not at all).
        FaultLog minimizedLog = new FaultLog();
        RunResult minimized = ScenarioRunner.run(smaller, subjectSeed, options, minimizedLog, best);
        if (trace != null) {
            // The trace comes from a second run of the minimized candidate. It must be the same run: if its
            // digest differs, the scenario does not replay, and that is reported instead of its failure.
            minimized = TraceRecording.rerunAndVerify(smaller, minimized, options,
                    TraceOutput.full(trace, scenarioName + " (minimized)"), best, "as the minimized candidate");
        }
        return new Minimization(original, minimized, originalFaults, minimizedLog.began().size(), divisor,
                search.tried + triedSizes, trace, smaller, originalSize, size);
    }

    /** The scenario and seed the fault search works on, its size, and the candidate runs spent finding it. */
    private record Subject(Scenario scenario, long seed, int size, int tried) {}

    /**
     * The smallest size of {@code sized} that fails the same way. A smaller system is a different run: the
     * same seed rarely fails the same way there. So the original seed is tried at every smaller size first,
     * smallest first; then other seeds at the sizes below the best found so far. Every candidate is
     * deterministic; at most {@code budget} are run.
     */
    private static Subject smallestSize(SizedScenario sized, long seed, RunOptions options, String signature,
            int budget) {
        Subject best = new Subject(sized, seed, sized.size(), 0);
        int tried = 0;
        for (int pass = 0; pass < 2; pass++) {
            Subject found = null;
            for (int n = sized.minSize(); n < best.size() && found == null; n++) {
                SizedScenario smaller = sized.withSize(n);
                long from = pass == 0 ? seed : 0;
                long to = pass == 0 ? seed + 1 : SEEDS_PER_SIZE;
                for (long s = from; s < to && found == null && tried < budget; s++) {
                    if (pass == 1 && s == seed) {
                        continue;
                    }
                    tried++;
                    RunResult result = ScenarioRunner.run(smaller, s, options, null, RunTweaks.NONE);
                    if (!result.passed() && signatureOf(result.failure()).equals(signature)) {
                        found = new Subject(smaller, s, n, 0);
                    }
                }
            }
            if (found != null) {
                best = found;
            }
        }
        return new Subject(best.scenario(), best.seed(), best.size(), tried);
    }

    /** Zeller's ddmin: a 1-minimal subset of {@code faults} that still fails the same way. */
    private List<Long> ddmin(List<Long> faults) {
        List<Long> current = new ArrayList<>(faults);
        if (!current.isEmpty() && failsWith(List.of())) {
            return List.of(); // no fault is needed at all
        }
        int granularity = 2;
        while (current.size() >= 2 && tried < maxCandidates) {
            List<List<Long>> chunks = split(current, granularity);
            boolean reduced = false;
            for (List<Long> chunk : chunks) {
                if (failsWith(chunk)) { // the chunk alone
                    current = chunk;
                    granularity = 2;
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                for (List<Long> chunk : chunks) {
                    List<Long> complement = new ArrayList<>(current);
                    complement.removeAll(chunk);
                    if (failsWith(complement)) {
                        current = complement;
                        granularity = Math.max(granularity - 1, 2);
                        reduced = true;
                        break;
                    }
                }
            }
            if (!reduced) {
                if (granularity >= current.size()) {
                    break;
                }
                granularity = Math.min(granularity * 2, current.size());
            }
        }
        return current;
    }

    /**
     * Whether the run that keeps only {@code kept} faults fails the same way. Every other fault is left
     * out, also those the original run never began: a smaller run may run longer.
     */
    private boolean failsWith(List<Long> kept) {
        if (tried >= maxCandidates) {
            return false;
        }
        return failsSameWay(RunTweaks.keeping(new HashSet<>(kept), 1));
    }

    /** The largest divisor of loss and duplication (0 = none) that still fails the same way. */
    private long lowestLoss(Set<Long> kept) {
        if (failsSameWay(RunTweaks.keeping(kept, 0))) {
            return 0;
        }
        long best = 1;
        for (long divisor = 2; divisor <= 1024 && tried < maxCandidates; divisor *= 2) {
            if (!failsSameWay(RunTweaks.keeping(kept, divisor))) {
                break;
            }
            best = divisor;
        }
        return best;
    }

    private boolean failsSameWay(RunTweaks tweaks) {
        if (tried >= maxCandidates) {
            return false;
        }
        tried++;
        RunResult result = ScenarioRunner.run(scenario, seed, options, null, tweaks);
        return !result.passed() && signatureOf(result.failure()).equals(signature);
    }

    private static List<List<Long>> split(List<Long> items, int parts) {
        List<List<Long>> chunks = new ArrayList<>(parts);
        int size = items.size();
        for (int i = 0; i < parts; i++) {
            int from = i * size / parts;
            int to = (i + 1) * size / parts;
            if (from < to) {
                chunks.add(new ArrayList<>(items.subList(from, to)));
            }
        }
        return chunks;
    }

    /** What "fails the same way" compares: the failure kind and what failed, not where or when. */
    static String signatureOf(SimulationFailure failure) {
        return switch (failure) {
            case InvariantViolation v -> "invariant:" + v.invariant();
            case LivenessViolation l -> "liveness:" + l.property();
            case NodeFailure n -> "node:" + n.handler() + ":" + n.getCause().getClass().getName();
            default -> failure.kind() + ":" + (failure.getCause() == null ? "" : failure.getCause().getClass().getName());
        };
    }
}

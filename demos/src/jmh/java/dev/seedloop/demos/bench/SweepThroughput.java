package dev.seedloop.demos.bench;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.CheckOptions;
import dev.seedloop.engine.api.CheckResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole-process sweep throughput: for each configuration, {@code Simulation.check} over seeds
 * {@code 0..N-1} with 1 thread and with every core, timed with {@link System#nanoTime()} (here, in the
 * benchmark, never in the engine). After a warm-up, each measurement is repeated {@code reps} times,
 * interleaved, and the median is reported with the minimum and maximum.
 *
 * <p>Events per second use the exact number of events of the swept seeds, counted once up front by
 * replaying them (runs are deterministic, so every sweep of the same seeds has the same events).
 *
 * <p>Arguments, all optional, as {@code key=value}: {@code seeds3x3=} (default 200000) and
 * {@code seeds5x10=} (default 30000), about two seconds each on one thread of the reference machine;
 * {@code reps=} (default 5); {@code warmup=} seconds per configuration and thread count (default 5);
 * {@code threads=} the "all cores" count (default {@code availableProcessors()}).
 */
public final class SweepThroughput {
    private SweepThroughput() {}

    /** Runs the measurement and prints a table. */
    public static void main(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("seeds3x3", "200000");
        opts.put("seeds5x10", "30000");
        opts.put("reps", "5");
        opts.put("warmup", "5");
        opts.put("threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !opts.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; expected one of "
                        + opts.keySet() + " as key=value");
            }
            opts.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int reps = Integer.parseInt(opts.get("reps"));
        double warmupSeconds = Double.parseDouble(opts.get("warmup"));
        int allThreads = Integer.parseInt(opts.get("threads"));
        int[] threadCounts = allThreads == 1 ? new int[] {1} : new int[] {1, allThreads};

        List<Case> cases = new ArrayList<>();
        for (BenchConfig config : BenchConfig.values()) {
            int seeds = Integer.parseInt(opts.get("seeds" + config.label));
            BenchConfig.Totals totals = config.totals(seeds);
            System.out.printf(Locale.ROOT, "%s: seeds 0..%d, %d events recorded (%.2f/seed), %d steps (%.2f/seed)%n",
                    config.label, seeds - 1, totals.events(), totals.eventsPerSeed(), totals.steps(),
                    totals.stepsPerSeed());
            for (int threads : threadCounts) {
                cases.add(new Case(config, threads, totals, reps));
            }
        }
        System.out.printf(Locale.ROOT, "JVM %s, %d available processors, %s%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Arrays.toString(args));

        for (Case c : cases) {
            long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
            int sweeps = 0;
            do {
                c.sweep();
                sweeps++;
            } while (System.nanoTime() < until);
            System.out.printf(Locale.ROOT, "warm-up %s threads=%d: %d sweeps%n", c.config.label, c.threads, sweeps);
        }
        for (int rep = 0; rep < reps; rep++) {
            for (Case c : cases) {
                long start = System.nanoTime();
                c.sweep();
                c.nanos[rep] = System.nanoTime() - start;
                System.out.printf(Locale.ROOT, "rep %d %s threads=%d: %.3f s, %,.0f seeds/s%n", rep + 1,
                        c.config.label, c.threads, c.nanos[rep] / 1e9, c.seedsPerSecond(c.nanos[rep]));
            }
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "%-6s %7s %14s %14s %14s %16s %9s%n", "config", "threads", "median seeds/s",
                "min seeds/s", "max seeds/s", "median events/s", "scaling");
        Map<BenchConfig, Double> oneThread = new LinkedHashMap<>();
        for (Case c : cases) {
            long[] sorted = c.nanos.clone();
            Arrays.sort(sorted);
            long median = sorted[sorted.length / 2];
            double seedsPerSecond = c.seedsPerSecond(median);
            if (c.threads == 1) {
                oneThread.put(c.config, seedsPerSecond);
            }
            System.out.printf(Locale.ROOT, "%-6s %7d %,14.0f %,14.0f %,14.0f %,16.0f %8.2fx%n", c.config.label,
                    c.threads, seedsPerSecond, c.seedsPerSecond(sorted[sorted.length - 1]),
                    c.seedsPerSecond(sorted[0]), c.eventsPerSecond(median),
                    seedsPerSecond / oneThread.get(c.config));
        }
    }

    /** One configuration at one thread count, and its measured times. */
    private static final class Case {
        final BenchConfig config;
        final int threads;
        final BenchConfig.Totals totals;
        final CheckOptions options;
        final long[] nanos;

        Case(BenchConfig config, int threads, BenchConfig.Totals totals, int reps) {
            this.config = config;
            this.threads = threads;
            this.totals = totals;
            this.options = CheckOptions.seeds(totals.seeds()).withThreads(threads).withProgress(null)
                    .withScenarioName(config.scenario.describe());
            this.nanos = new long[reps];
        }

        void sweep() {
            CheckResult result = Simulation.check(config.scenario, options);
            if (!result.passed() || result.seedsChecked() != totals.seeds()) {
                throw new IllegalStateException(result.summary());
            }
        }

        double seedsPerSecond(long elapsedNanos) {
            return totals.seeds() * 1e9 / elapsedNanos;
        }

        double eventsPerSecond(long elapsedNanos) {
            return totals.events() * 1e9 / elapsedNanos;
        }
    }
}

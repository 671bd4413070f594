package dev.seedloop.demos.zoo;

import dev.seedloop.demos.twins.TwinDemo;
import dev.seedloop.demos.twins.Twins;
import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.CheckOptions;
import dev.seedloop.engine.api.CheckResult;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Schedule;
import dev.seedloop.engine.api.Seeds;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures, for every bug of the zoo, how many seeds and how much wall time each fault strategy needs to
 * find it, and prints a Markdown table: (a) uniform chaos, the fault plan as written; (b) swarm testing,
 * where each seed switches on a random subset of fault kinds and draws loss and duplication; (c) the
 * schedule strategies, each with the fault plan as written: seed-chosen order of simultaneous events
 * ({@link Schedule#randomTies()}) and PCT on message delivery ({@link Schedule#pct(int)}, depth 3).
 *
 * <p>Each strategy hunts {@value #HUNTS} times: from seed 0, then from the seed after each catch, each
 * hunt over at most {@value #HUNT_LIMIT} seeds. Wall time is measured here, and only here: it is the
 * report's subject, never an input of a run. Usage: {@code ZooReport [hunts]}.
 */
public final class ZooReport {
    static final int HUNTS = 10;
    static final long HUNT_LIMIT = 20_000;

    private ZooReport() {}

    /** Measures and prints the table to stdout. */
    public static void main(String[] args) {
        int hunts = args.length > 0 ? Integer.parseInt(args[0]) : HUNTS;
        Map<String, RunOptions> strategies = new LinkedHashMap<>();
        strategies.put("uniform", RunOptions.DEFAULTS);
        strategies.put("swarm", RunOptions.DEFAULTS.withSwarm(true));
        strategies.put("random-ties", RunOptions.DEFAULTS.withSchedule(Schedule.randomTies()));
        strategies.put("pct(3)", RunOptions.DEFAULTS.withSchedule(Schedule.pct(3)));
        Zoo.all().forEach(twins -> measure(twins, strategies, 2)); // warm the JIT up, so the first cells are not slower
        List<Row> rows = Zoo.all().stream().map(twins -> measure(twins, strategies, hunts)).toList();
        print(rows, List.copyOf(strategies.keySet()), hunts, System.out);
    }

    /** One bug's measurements, one per strategy, in the strategies' order. */
    record Row(Twins twins, List<HuntMeasurement> measurements) {}

    static Row measure(Twins twins, Map<String, RunOptions> strategies, int hunts) {
        return new Row(twins, strategies.values().stream().map(options -> hunt(twins, options, hunts)).toList());
    }

    static HuntMeasurement hunt(Twins twins, RunOptions options, int hunts) {
        long start = 0;
        long seeds = 0;
        long firstCatch = 0;
        int catches = 0;
        boolean byInvariant = true;
        long began = System.nanoTime();
        for (int hunt = 0; hunt < hunts; hunt++) {
            CheckOptions sweep = CheckOptions.seeds(Seeds.range(start, start + HUNT_LIMIT)).withProgress(null)
                    .withScenarioName(twins.buggyName()).withTraceDirectory(null).withRunOptions(options);
            CheckResult result = Simulation.check(twins.buggy(), sweep);
            seeds += result.seedsChecked();
            if (result.passed()) {
                break;
            }
            RunResult failed = result.firstFailure().orElseThrow();
            byInvariant &= TwinDemo.caughtByItsInvariant(result, twins.invariant());
            if (catches == 0) {
                firstCatch = result.seedsChecked();
            }
            catches++;
            start = failed.seed() + 1;
        }
        return new HuntMeasurement(firstCatch, catches, seeds, System.nanoTime() - began, byInvariant);
    }

    static void print(List<Row> rows, List<String> strategies, int hunts, PrintStream out) {
        StringBuilder header = new StringBuilder("| bug | invariant | K |");
        StringBuilder rule = new StringBuilder("|---|---|---:|");
        for (String strategy : strategies) {
            header.append(' ').append(strategy).append(": first catch (seeds) | ")
                    .append(strategy).append(": seeds per catch | ").append(strategy).append(": ms per catch |");
            rule.append("---:|---:|---:|");
        }
        out.println(header);
        out.println(rule);
        for (Row row : rows) {
            StringBuilder line = new StringBuilder("| ").append(row.twins().protocol()).append(" | `")
                    .append(row.twins().invariant()).append("` | ").append(row.twins().catchWithin()).append(" |");
            for (HuntMeasurement m : row.measurements()) {
                line.append(' ').append(m.catches() == 0 ? "not found" : Long.toString(m.firstCatch()))
                        .append(m.allByTheInvariant() ? "" : " (†)").append(" | ").append(m.seedsPerCatch())
                        .append(" | ").append(m.millisPerCatch()).append(" |");
            }
            out.println(line);
        }
        out.println();
        out.printf("%d hunts per cell, each over at most %d seeds; (†) some catch was not by the named invariant.%n",
                hunts, HUNT_LIMIT);
    }
}

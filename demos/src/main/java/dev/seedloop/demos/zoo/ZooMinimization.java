package dev.seedloop.demos.zoo;

import dev.seedloop.demos.twins.Twins;
import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.CheckOptions;
import dev.seedloop.engine.api.CheckResult;
import dev.seedloop.engine.api.Minimization;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.SimulationFailure;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Minimizes the first failing seed of every bug in the zoo and prints, as a Markdown table, the original
 * run against the minimized one: events, scheduled faults that began, virtual time, loss and duplication,
 * and how many candidate runs the search took. Each minimized trace is written beside the others, in
 * {@code target/seedloop-traces}.
 */
public final class ZooMinimization {
    private ZooMinimization() {}

    /** One bug's minimization. */
    record Row(Twins twins, Minimization result) {}

    /** Minimizes every zoo bug and prints the table. */
    public static void main(String[] args) {
        print(minimizeAll(CheckOptions.DEFAULT_TRACE_DIRECTORY), System.out);
    }

    static List<Row> minimizeAll(Path traceDirectory) {
        List<Row> rows = new ArrayList<>();
        for (Twins twins : Zoo.all()) {
            CheckResult hunt = Simulation.check(twins.buggy(), CheckOptions.seeds(twins.catchWithin())
                    .withScenarioName(twins.buggyName()).withProgress(null).withTraceDirectory(null));
            long seed = hunt.firstFailure().orElseThrow(() -> new IllegalStateException(
                    twins.buggyName() + " was not caught within " + twins.catchWithin() + " seeds")).seed();
            Path trace = traceDirectory.resolve(CheckOptions.seeds(1).withScenarioName(twins.buggyName())
                    .withTraceDirectory(traceDirectory).traceFileFor(seed).getFileName().toString()
                    .replace(".trace", ".minimized.trace"));
            rows.add(new Row(twins, Simulation.minimize(twins.buggy(), seed, RunOptions.DEFAULTS, trace,
                    twins.buggyName())));
        }
        return rows;
    }

    static void print(List<Row> rows, PrintStream out) {
        out.println("| bug | seed | events | faults that began | virtual time | loss and duplication | candidates |");
        out.println("|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            Minimization m = row.result();
            out.printf("| %s | %d | %d → %d | %d → %d | %s → %s | %s | %d |%n", row.twins().protocol(),
                    m.original().seed(), m.original().events(), m.minimized().events(), m.originalFaults(),
                    m.minimizedFaults(), SimulationFailure.formatTime(m.original().endTimeNanos()),
                    SimulationFailure.formatTime(m.minimized().endTimeNanos()),
                    m.lossDivisor() == 1 ? "as configured" : m.lossDivisor() == 0 ? "not needed" : "÷" + m.lossDivisor(),
                    m.candidatesTried());
        }
    }
}

package dev.seedloop.trace.cli;

import dev.seedloop.trace.Trace;
import dev.seedloop.trace.diff.DiffReport;
import dev.seedloop.trace.diff.DiffText;
import dev.seedloop.trace.diff.TraceDiff;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trace diff A B}: where two traces diverge and how they differ. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two traces: the first divergence (by position, and per node by shape for different"
                + " seeds), counts by kind, messages, faults, invariants and final node state. Exit 0 if"
                + " equivalent, 1 if they differ or either is damaged.")
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "The first trace.")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "The second trace.")
    Path b;

    @Override
    public Integer call() throws Exception {
        Trace ta = Trace.read(a);
        Trace tb = Trace.read(b);
        DiffReport report = TraceDiff.compare(ta, tb);
        spec.commandLine().getOut().print("A = " + a + "\nB = " + b + "\n"
                + DiffText.render(report, ta.header().identity()));
        report.damageA().ifPresent(d -> TraceCli.reportDamage(spec.commandLine(), a, d));
        report.damageB().ifPresent(d -> TraceCli.reportDamage(spec.commandLine(), b, d));
        boolean damaged = report.damageA().isPresent() || report.damageB().isPresent();
        return report.hasDifferences() || damaged ? ExitCodes.FINDING : ExitCodes.OK;
    }
}

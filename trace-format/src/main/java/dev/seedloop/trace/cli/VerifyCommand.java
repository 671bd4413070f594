package dev.seedloop.trace.cli;

import dev.seedloop.trace.TraceVerifier;
import dev.seedloop.trace.Verification;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trace verify FILE...}: recompute each file's digest and compare it with its footer. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Recompute the run digest from the events and compare it with the footer. Exit 0 if every"
                + " file verifies, 1 if any is damaged or does not match, 3 if any cannot be read as a trace.")
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Trace files.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        int worst = ExitCodes.OK;
        for (Path file : files) {
            try {
                Verification v = TraceVerifier.verify(file);
                spec.commandLine().getOut().println(file + ": " + v.message());
                v.damage().ifPresent(d -> TraceCli.reportDamage(spec.commandLine(), file, d));
                if (!v.ok()) {
                    worst = Math.max(worst, ExitCodes.FINDING);
                }
            } catch (dev.seedloop.trace.TraceFileException e) {
                spec.commandLine().getErr().println("trace: " + e.getMessage());
                worst = ExitCodes.UNREADABLE;
            }
        }
        return worst;
    }
}

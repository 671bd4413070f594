package dev.seedloop.trace.cli;

import dev.seedloop.trace.Damage;
import dev.seedloop.trace.TraceFileException;
import dev.seedloop.trace.internal.IoReasons;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code trace} command-line tool: {@code dump}, {@code stats}, {@code diff}, {@code verify},
 * {@code export}. Exit codes are those of {@link ExitCodes}. Run it with
 * {@code java -jar trace-format/target/seedloop-trace-format-<version>.jar <command> ...} or
 * {@code trace-format/bin/trace <command> ...}.
 */
@Command(name = "trace", mixinStandardHelpOptions = true, versionProvider = TraceCli.Version.class,
        description = "Reads seedloop trace files: dump, stats, diff, verify, export.",
        subcommands = {DumpCommand.class, StatsCommand.class, DiffCommand.class, VerifyCommand.class,
                ExportCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:OK (whole file, verified, equivalent)",
                "1:finding: verification failed, traces differ, or a file is damaged",
                "2:usage error", "3:a file cannot be read as a trace", "4:internal error (a bug: please report it)",
                "5:output lost: an output file or standard output cannot be written"})
public final class TraceCli implements Runnable {
    @Spec
    CommandSpec spec;

    /** Used by picocli. */
    public TraceCli() {}

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: dump, stats, diff, verify or export");
    }

    /** Runs the CLI and exits the JVM with its exit code. */
    public static void main(String[] args) {
        // System.out forgets why a write failed; writing file descriptor 1 through our own stream keeps the
        // reason (a full disk, a closed pipe) for the message.
        WatchedOutputStream stdout = new WatchedOutputStream(new FileOutputStream(FileDescriptor.out));
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(stdout, System.out.charset())), true);
        System.exit(run(args, out, new PrintWriter(System.err, true), stdout::failure));
    }

    /**
     * Runs the CLI with the given streams and returns its exit code (for tests and embedding). If
     * {@code out} reports an error after the command ({@link PrintWriter#checkError()}), the output is
     * incomplete: that is said on {@code err} and the exit code is {@link ExitCodes#OUTPUT_FAILED}.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, Optional::empty);
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter)}; {@code outFailure} may say why {@code out} failed. */
    static int run(String[] args, PrintWriter out, PrintWriter err, Supplier<Optional<IOException>> outFailure) {
        CommandLine cmd = new CommandLine(new TraceCli());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        // picocli's own converters say "'foo' is not a long" and read "010" as octal; these take decimal only.
        CommandLine.ITypeConverter<Long> toLong = s -> wholeNumber(s, Long.MIN_VALUE, Long.MAX_VALUE);
        CommandLine.ITypeConverter<Integer> toInt = s -> (int) wholeNumber(s, Integer.MIN_VALUE, Integer.MAX_VALUE);
        cmd.registerConverter(Long.class, toLong).registerConverter(long.class, toLong)
                .registerConverter(Integer.class, toInt).registerConverter(int.class, toInt);
        cmd.setParameterExceptionHandler((e, arguments) -> {
            err.println("trace: " + usageProblem(e));
            return ExitCodes.USAGE;
        });
        cmd.setExecutionExceptionHandler((e, command, parseResult) -> {
            if (e instanceof TraceFileException t) {
                err.println("trace: " + t.getMessage());
                return ExitCodes.UNREADABLE;
            }
            if (e instanceof OutputException o) {
                err.println("trace: " + o.getMessage());
                return ExitCodes.OUTPUT_FAILED;
            }
            if (e instanceof UsageException u) {
                err.println("trace: " + u.getMessage());
                return ExitCodes.USAGE;
            }
            err.println("trace: internal error: " + e);
            e.printStackTrace(err);
            err.println("This is a bug in the trace tool; please report it with the command line above.");
            return ExitCodes.INTERNAL_ERROR;
        });
        int code = cmd.execute(args);
        // PrintWriter swallows write errors (a full disk, a closed pipe); without this check a lost output
        // would exit 0. checkError() flushes first.
        if (out.checkError() && !outFailure.get().map(TraceCli::isBrokenPipe).orElse(false)) {
            err.println("trace: writing standard output failed"
                    + outFailure.get().map(e -> " (" + IoReasons.of(e) + ")").orElse("")
                    + "; the output is incomplete");
            // Lost output outranks "OK" and "a finding"; usage errors, unreadable files and bugs keep their code.
            if (code == ExitCodes.OK || code == ExitCodes.FINDING) {
                code = ExitCodes.OUTPUT_FAILED;
            }
        }
        err.flush();
        return code;
    }

    /**
     * Whether the reader of standard output closed it: {@code trace dump F | head} stops reading on
     * purpose, so the lost rest is not a failure to report (as a pipe's writer usually dies quietly).
     */
    private static boolean isBrokenPipe(IOException e) {
        return e.getMessage() != null && e.getMessage().equalsIgnoreCase("Broken pipe");
    }

    /** {@code s} as a decimal number between {@code min} and {@code max}, or why it is not one. */
    static long wholeNumber(String s, long min, long max) {
        String digits = s.strip();
        boolean looksLikeOne = digits.matches("[+-]?[0-9]+");
        try {
            long n = Long.parseLong(digits);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            if (!looksLikeOne) {
                throw new CommandLine.TypeConversionException("'" + s + "' is not a whole number");
            }
            // Digits only, yet not a long: beyond the range, handled below.
        }
        throw new CommandLine.TypeConversionException(digits.startsWith("-")
                ? "'" + s + "' is too small (the least is " + min + ")"
                : "'" + s + "' is too large (the most is " + max + ")");
    }

    /**
     * One line for a command line picocli cannot parse, in the tool's words where picocli's would puzzle:
     * an unknown command, or an option value that is not a number.
     */
    static String usageProblem(CommandLine.ParameterException e) {
        CommandLine where = e.getCommandLine();
        if (e instanceof CommandLine.UnmatchedArgumentException u && where.getParent() == null
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().getFirst().startsWith("-")) {
            return "unknown command '" + u.getUnmatched().getFirst() + "'; the commands are "
                    + String.join(", ", where.getSubcommands().keySet()) + " (trace --help)";
        }
        if (e.getCause() instanceof CommandLine.TypeConversionException t && e.getArgSpec() != null) {
            String name = e.getArgSpec() instanceof CommandLine.Model.OptionSpec o ? o.longestName()
                    : e.getArgSpec().paramLabel();
            return name + ": " + t.getMessage();
        }
        return e.getMessage() + " (" + where.getCommandSpec().qualifiedName() + " --help)";
    }

    /**
     * Writes {@code line} on standard error after flushing standard output, so that on a terminal it comes
     * after what the command printed.
     */
    static void note(CommandLine cmd, String line) {
        cmd.getOut().flush();
        cmd.getErr().println("trace: " + line);
    }

    /**
     * Says on standard error that {@code file} is damaged, so that the finding reaches the terminal also
     * when standard output goes to a file.
     */
    static void reportDamage(CommandLine cmd, Object file, Damage damage) {
        note(cmd, file + " is damaged: " + damage.describe());
    }

    /** The version printed by {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TraceCli.class.getPackage().getImplementationVersion();
            return new String[] {"seedloop trace " + (v == null ? "(development build)" : v)
                    + ", reads trace format " + dev.seedloop.trace.FormatVersion.CURRENT.major() + ".x"};
        }
    }
}

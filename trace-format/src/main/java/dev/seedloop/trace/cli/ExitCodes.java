package dev.seedloop.trace.cli;

/** The exit codes of the {@code trace} CLI, which scripts may rely on. */
public final class ExitCodes {
    /** Success: the file is whole, verifies, or the traces are equivalent. */
    public static final int OK = 0;
    /** A finding: verification failed, the traces differ, or the file is damaged (truncated or corrupt). */
    public static final int FINDING = 1;
    /**
     * The command line is wrong (unknown command, option, node, kind or format, a value that is not a whole
     * number), or asks to export a trace into itself.
     */
    public static final int USAGE = 2;
    /** A file cannot be read as a trace at all (missing, not a trace, newer major version, no header). */
    public static final int UNREADABLE = 3;
    /** A bug in the tool itself; please report it with the command line. */
    public static final int INTERNAL_ERROR = 4;
    /**
     * Output was lost: an output file cannot be created or written (missing or read-only directory, full
     * disk), or standard output cannot be written (a full disk, a closed pipe). A failed standard output
     * replaces {@link #OK} and {@link #FINDING}; the other codes stand.
     */
    public static final int OUTPUT_FAILED = 5;

    private ExitCodes() {}
}

package dev.seedloop.trace.cli;

/** A command line that names something the trace does not have; reported with exit code 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}

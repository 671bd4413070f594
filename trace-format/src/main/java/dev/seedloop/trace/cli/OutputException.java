package dev.seedloop.trace.cli;

/** An output file that cannot be created or written; reported with exit code 5. */
final class OutputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutputException(String message) {
        super(message);
    }
}

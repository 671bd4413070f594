package dev.seedloop.viewer.model;

/**
 * A trace could not be opened at all. The message is meant for the window as it is: what went wrong,
 * where, and what to do. Never shown with a stack trace.
 */
public final class OpenFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failure with a message a person can act on. */
    public OpenFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

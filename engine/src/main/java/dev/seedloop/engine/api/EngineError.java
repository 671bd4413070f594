package dev.seedloop.engine.api;

/**
 * An internal error of the engine itself: a broken internal invariant, never a finding about the user's
 * system. Seeing one means a bug in seedloop; please report it with the seed that produced it.
 */
public final class EngineError extends Error {
    private static final long serialVersionUID = 1L;

    /** Creates the error with what went wrong inside the engine. */
    public EngineError(String message) {
        super(message + " (this is a bug in seedloop, not in the system under test)");
    }

    /** Creates the error with what went wrong inside the engine and the exception behind it. */
    public EngineError(String message, Throwable cause) {
        super(message + " (this is a bug in seedloop, not in the system under test)", cause);
    }
}

package dev.seedloop.demos.lease;

import dev.seedloop.demos.twins.TwinDemo;
import dev.seedloop.engine.api.CheckOptions;

/**
 * Runnable proof for the lease lock: without fencing, a paused or slow-clocked holder's write is caught
 * by {@value LeaseLock#INVARIANT} within {@value LeaseLock#CATCH_WITHIN} seeds; with fencing, the same
 * fault plan passes {@value LeaseLock#CORRECT_SEEDS} seeds. Exits 0 only if both hold.
 */
public final class LeaseDemo {
    private LeaseDemo() {}

    /** Runs the demo; the exit status is 0 when both claims hold. */
    public static void main(String[] args) {
        System.exit(TwinDemo.run(LeaseLock.twins(), System.out, CheckOptions.DEFAULT_TRACE_DIRECTORY) ? 0 : 1);
    }
}

package dev.seedloop.demos.primarybackup;

import dev.seedloop.demos.twins.TwinDemo;
import dev.seedloop.engine.api.CheckOptions;

/**
 * Runnable proof for the primary-backup register: acknowledging before syncing is caught by
 * {@value PrimaryBackup#INVARIANT} within {@value PrimaryBackup#CATCH_WITHIN} seeds; syncing first passes
 * {@value PrimaryBackup#CORRECT_SEEDS} seeds of the same crash-restarts. Exits 0 only if both hold.
 */
public final class PrimaryBackupDemo {
    private PrimaryBackupDemo() {}

    /** Runs the demo; the exit status is 0 when both claims hold. */
    public static void main(String[] args) {
        System.exit(TwinDemo.run(PrimaryBackup.twins(), System.out, CheckOptions.DEFAULT_TRACE_DIRECTORY) ? 0 : 1);
    }
}

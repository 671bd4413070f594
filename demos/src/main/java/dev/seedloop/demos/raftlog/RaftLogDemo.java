package dev.seedloop.demos.raftlog;

import dev.seedloop.demos.twins.TwinDemo;
import dev.seedloop.engine.api.CheckOptions;

/**
 * Runnable proof for Raft log replication: the Figure 8 flaw is caught by state machine safety within
 * {@value RaftLog#CATCH_WITHIN} seeds, and the correct commit rule passes {@value RaftLog#CORRECT_SEEDS}
 * seeds of the same fault plan. Exits 0 only if both hold.
 */
public final class RaftLogDemo {
    private RaftLogDemo() {}

    /** Runs the demo; the exit status is 0 when both claims hold. */
    public static void main(String[] args) {
        System.exit(TwinDemo.run(RaftLog.twins(), System.out, CheckOptions.DEFAULT_TRACE_DIRECTORY) ? 0 : 1);
    }
}

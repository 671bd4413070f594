package dev.seedloop.demos.zoo;

import dev.seedloop.demos.lease.LeaseLock;
import dev.seedloop.demos.primarybackup.PrimaryBackup;
import dev.seedloop.demos.raftlog.RaftLog;
import dev.seedloop.demos.twins.Twins;
import java.util.List;

/** The catalogue of the bug zoo, in the order the demo and the report show it. */
public final class Zoo {
    private Zoo() {}

    /** Every pair of twins in the zoo. */
    public static List<Twins> all() {
        return List.of(RaftLog.twins(), LeaseLock.twins(), PrimaryBackup.twins());
    }
}

package dev.seedloop.demos.lease;

import dev.seedloop.engine.api.Invariant;
import dev.seedloop.engine.api.Verdict;
import java.util.List;

/**
 * Mutual exclusion as storage sees it: storage never accepts a write whose lease epoch is older than one
 * it has already accepted. Such a write comes from a client whose lease had passed to another, so two
 * holders' writes interleaved.
 */
final class NoStaleLeaseWrite implements Invariant {
    static final String NAME = "no-write-from-a-stale-lease";

    private final StorageNode storage;
    private int checked;
    private StorageNode.AcceptedWrite newest;

    NoStaleLeaseWrite(StorageNode storage) {
        this.storage = storage;
    }

    @Override
    public Verdict check() {
        List<StorageNode.AcceptedWrite> accepted = storage.accepted();
        for (; checked < accepted.size(); checked++) {
            StorageNode.AcceptedWrite write = accepted.get(checked);
            if (newest != null && write.epoch() < newest.epoch()) {
                return Verdict.violated("storage accepted " + write.client() + "'s write " + write.value()
                        + " from epoch " + write.epoch() + " after " + newest.client() + "'s write " + newest.value()
                        + " from epoch " + newest.epoch());
            }
            if (newest == null || write.epoch() > newest.epoch()) {
                newest = write;
            }
        }
        return Verdict.ok();
    }
}

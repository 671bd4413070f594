package dev.seedloop.demos.primarybackup;

import dev.seedloop.engine.api.Invariant;
import dev.seedloop.engine.api.Verdict;
import java.util.List;

/**
 * An acknowledged write is never lost: every read returns the latest version acknowledged before the
 * read was sent, or a newer one, whichever replica answers and however often replicas crashed.
 */
final class AcknowledgedWritesSurvive implements Invariant {
    static final String NAME = "acknowledged-write-never-lost";

    private final RegisterClient client;
    private int checked;

    AcknowledgedWritesSurvive(RegisterClient client) {
        this.client = client;
    }

    @Override
    public Verdict check() {
        List<RegisterClient.Observation> observations = client.observations();
        for (; checked < observations.size(); checked++) {
            RegisterClient.Observation read = observations.get(checked);
            if (read.version() < read.acknowledgedBefore()) {
                return Verdict.violated(read.from() + " returned version " + read.version() + ", but version "
                        + read.acknowledgedBefore() + " had been acknowledged before the read was sent");
            }
        }
        return Verdict.ok();
    }
}

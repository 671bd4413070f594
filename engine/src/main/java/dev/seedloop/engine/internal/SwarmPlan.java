package dev.seedloop.engine.internal;

import dev.seedloop.engine.api.DeterministicRandom;
import dev.seedloop.engine.api.LinkProfile;
import dev.seedloop.engine.api.Ratio;
import java.util.ArrayList;
import java.util.List;

/**
 * Swarm testing (as FoundationDB and TigerBeetle practise it): each seed switches on a random subset of
 * fault kinds and draws message loss (0–30 %) and duplication (0–50 %), so that over many seeds every
 * combination is tried at many intensities instead of a uniform mix that dilutes rare interactions.
 * Drawn from the run's {@code "swarm"} stream, in a fixed order of kinds.
 */
record SwarmPlan(List<String> enabledKinds, int lossPercent, int duplicationPercent) {
    /** Every fault kind swarm testing can switch, in the order they are drawn. */
    static final List<String> KINDS = List.of("partition", "slow-link", "crash", "crash-restart", "pause", "clock-skew");

    static SwarmPlan draw(DeterministicRandom swarm) {
        List<String> enabled = new ArrayList<>();
        for (String kind : KINDS) {
            if (swarm.nextBoolean()) {
                enabled.add(kind);
            }
        }
        int loss = (int) swarm.between(0, 30);
        int duplication = (int) swarm.between(0, 50);
        return new SwarmPlan(List.copyOf(enabled), loss, duplication);
    }

    boolean enables(String kind) {
        return enabledKinds.contains(kind);
    }

    LinkProfile profile() {
        return LinkProfile.DEFAULT.withLoss(Ratio.percent(lossPercent)).withDuplication(Ratio.percent(duplicationPercent));
    }

    String describe() {
        return "kinds=" + String.join(",", enabledKinds) + " loss=" + lossPercent + "% duplication="
                + duplicationPercent + "%";
    }
}

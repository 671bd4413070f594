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
record SwarmPlan(List<FaultKind> enabledKinds, int lossPercent, int duplicationPercent) {
    static SwarmPlan draw(DeterministicRandom swarm) {
        List<FaultKind> enabled = new ArrayList<>();
        for (FaultKind kind : FaultKind.values()) {
            if (swarm.nextBoolean()) {
                enabled.add(kind);
            }
        }
        int loss = (int) swarm.between(0, 30);
        int duplication = (int) swarm.between(0, 50);
        return new SwarmPlan(List.copyOf(enabled), loss, duplication);
    }

    boolean enables(FaultKind kind) {
        return enabledKinds.contains(kind);
    }

    LinkProfile profile() {
        return LinkProfile.DEFAULT.withLoss(Ratio.percent(lossPercent)).withDuplication(Ratio.percent(duplicationPercent));
    }

    String describe() {
        return "kinds=" + enabledKinds.stream().map(FaultKind::label).collect(java.util.stream.Collectors.joining(","))
                + " loss=" + lossPercent + "% duplication="
                + duplicationPercent + "%";
    }
}

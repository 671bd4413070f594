package dev.seedloop.engine.audit.sibling.test;

import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.World;
import dev.seedloop.engine.audit.sibling.nodes.WallClockNode;
import java.time.Duration;

/** A scenario in a test package that starts a node from a sibling package, which an audit of this package does not read. */
public final class SiblingScenario implements Scenario {
    @Override
    public void run(World world) {
        world.start("n1", new WallClockNode());
        world.runFor(Duration.ofMillis(10));
    }
}

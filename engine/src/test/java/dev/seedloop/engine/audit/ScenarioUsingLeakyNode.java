package dev.seedloop.engine.audit;

import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.World;
import dev.seedloop.engine.audit.leaky.LeakyNodes;
import java.time.Duration;
import java.util.List;

/** A scenario in another package than the leaky node it starts: the scan must reach the node. */
final class ScenarioUsingLeakyNode implements Scenario {
    @Override
    public void run(World world) {
        world.start("n1", new LeakyNodes.IdentityHashSetNode(List.of(world.address("n2"))));
        world.runFor(Duration.ofMillis(10));
    }
}

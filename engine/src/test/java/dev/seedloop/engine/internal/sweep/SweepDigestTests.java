package dev.seedloop.engine.internal.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.CheckOptions;
import dev.seedloop.engine.api.CheckResult;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.Ratio;
import dev.seedloop.engine.api.LinkProfile;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.Seeds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sweep digest follows its definition: the sum over covered positions p of
 * {@code mix(digest(seed at p) ^ mix(p + 1))}, finished as {@code mix(sum ^ covered)}, with {@code mix} the
 * SplitMix64 finalizer; the same whatever the thread count.
 */
class SweepDigestTests {

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Seeds divisible by 5 fail; the run's digest depends on the seed through lossy latencies. */
    private static final Scenario SCENARIO = world -> {
        world.network().setDefaultProfile(LinkProfile.DEFAULT.withLoss(Ratio.percent(20)));
        Address b = world.address("b");
        world.start("a", new Node<Object>() {
            @Override
            public void onStart(Context<Object> ctx) {
                for (int i = 0; i < 5; i++) {
                    ctx.send(b, i);
                }
            }

            @Override
            public void onMessage(Context<Object> ctx, Address from, Object message) {}
        });
        world.start(b, new Node<Object>() {
            @Override
            public void onStart(Context<Object> ctx) {}

            @Override
            public void onMessage(Context<Object> ctx, Address from, Object message) {}
        });
        world.runFor(Duration.ofSeconds(1));
        if (world.seed() % 5 == 0 && world.seed() != 0) {
            throw new IllegalStateException("seed " + world.seed() + " fails");
        }
    };

    private static long expectedDigest(Seeds seeds, long covered) {
        long sum = 0;
        for (long p = 0; p < covered; p++) {
            sum += mix(Simulation.replay(SCENARIO, seeds.seedAt(p)).digest() ^ mix(p + 1));
        }
        return mix(sum ^ covered);
    }

    @Test
    void aPassingSweepsDigestFollowsItsDefinitionOnAnyNumberOfThreads() {
        Seeds seeds = Seeds.range(11, 15);
        CheckOptions options = CheckOptions.seeds(seeds).withProgress(null).withTraceDirectory(null);
        long expected = expectedDigest(seeds, 4);
        for (int threads : new int[] {1, 2, 8}) {
            CheckResult result = Simulation.check(SCENARIO, options.withThreads(threads));
            assertThat(result.passed()).isTrue();
            assertThat(result.seedsChecked()).isEqualTo(4);
            assertThat(result.sweepDigest()).as("%s threads", threads).isEqualTo(expected);
        }
    }

    @Test
    void aSweepStoppedAtItsFirstFailureCoversExactlyThePositionsUpToIt() {
        Seeds seeds = Seeds.range(1, 13); // seeds 5 and 10 fail, at positions 4 and 9
        CheckOptions options = CheckOptions.seeds(seeds).withProgress(null).withTraceDirectory(null);
        for (int threads : new int[] {1, 3}) {
            CheckResult result = Simulation.check(SCENARIO, options.withThreads(threads));
            assertThat(result.seedsChecked()).isEqualTo(5);
            assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f.seed()).isEqualTo(5));
            assertThat(result.sweepDigest()).isEqualTo(expectedDigest(seeds, 5));
        }
    }

    @Test
    void aSweepThatKeepsGoingReportsEveryFailureInSeedOrder() {
        Seeds seeds = Seeds.range(1, 13);
        CheckOptions options = CheckOptions.seeds(seeds).withProgress(null).withTraceDirectory(null).collectingAllFailures();
        for (int threads : new int[] {1, 3}) {
            CheckResult result = Simulation.check(SCENARIO, options.withThreads(threads));
            assertThat(result.seedsChecked()).isEqualTo(12);
            List<Long> failed = new ArrayList<>();
            result.failures().forEach(f -> failed.add(f.seed()));
            assertThat(failed).containsExactly(5L, 10L);
            assertThat(result.sweepDigest()).isEqualTo(expectedDigest(seeds, 12));
        }
    }
}

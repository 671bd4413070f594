package dev.seedloop.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The run digest is the algorithm docs/trace-format.md §8.1 publishes, and refuses what it cannot encode. */
class RunDigestTests {

    /** §8.1 written out from the page, word by word, without sharing code with {@link RunDigest}. */
    private static final class SpecDigest {
        long state = 0x5EED100F00000001L;
        long count;

        void event(int kind, long time, int nodeA, int nodeB, long id, long value) {
            long[] words = {kind | (long) (nodeA + 1) << 16 | (long) (nodeB + 1) << 40, time, id, value};
            for (long w : words) {
                state = (state ^ w) * 0x9E3779B97F4A7C15L;
                state ^= state >>> 29;
            }
            count++;
        }

        long value() {
            long z = state ^ count;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }

    @Test
    void matchesThePublishedAlgorithmOnRandomStreams() {
        SplittableRandom random = new SplittableRandom(7);
        for (int run = 0; run < 200; run++) {
            RunDigest digest = new RunDigest();
            SpecDigest spec = new SpecDigest();
            for (int i = 0, n = random.nextInt(50); i < n; i++) {
                int kind = 1 + random.nextInt(0xFFFF);
                int a = random.nextInt(-1, (1 << 24) - 1);
                int b = random.nextInt(-1, (1 << 24) - 1);
                long time = random.nextLong();
                long id = random.nextLong();
                long value = random.nextLong();
                digest.event(kind, time, a, b, id, value);
                spec.event(kind, time, a, b, id, value);
            }
            assertThat(digest.value()).isEqualTo(spec.value());
            assertThat(digest.eventCount()).isEqualTo(spec.count);
        }
    }

    @Test
    void theStaticFoldMatchesThePublishedAlgorithmToo() {
        SplittableRandom random = new SplittableRandom(11);
        assertThat(RunDigest.finish(RunDigest.INITIAL_STATE, 0)).isEqualTo(new SpecDigest().value());
        for (int run = 0; run < 200; run++) {
            long state = RunDigest.INITIAL_STATE;
            SpecDigest spec = new SpecDigest();
            for (int i = 0, n = random.nextInt(50); i < n; i++) {
                int kind = 1 + random.nextInt(0xFFFF);
                int a = random.nextInt(-1, RunDigest.MAX_NODE_INDEX + 1);
                int b = random.nextInt(-1, RunDigest.MAX_NODE_INDEX + 1);
                long time = random.nextLong();
                long id = random.nextLong();
                long value = random.nextLong();
                state = RunDigest.foldEvent(state, kind, time, a, b, id, value);
                spec.event(kind, time, a, b, id, value);
            }
            assertThat(RunDigest.finish(state, spec.count)).isEqualTo(spec.value());
        }
    }

    @Test
    void reproducesThePublishedTestVectors() {
        RunDigest digest = new RunDigest();
        assertThat(RunDigest.format(digest.value())).isEqualTo("ff2a114ef3d69309");
        digest.event(1, 0, 0, -1, 0, 0);
        assertThat(RunDigest.format(digest.value())).isEqualTo("e306b228441b5bba");
        digest.event(3, 1_000_000, 0, 1, 1, 5_000_000);
        assertThat(RunDigest.format(digest.value())).isEqualTo("0470e3cffaead91f");
        digest.event(4, 6_000_000, 0, 1, 1, 0);
        assertThat(RunDigest.format(digest.value())).isEqualTo("0b49e75e98364e38");
        assertThat(RunDigest.format(RunDigest.hashText(""))).isEqualTo("cbf29ce484222325");
        assertThat(RunDigest.format(RunDigest.hashText("single-leader"))).isEqualTo("1be907b1390248ed");
        assertThat(RunDigest.format(RunDigest.hashGroups(new int[][] {{0, 1}, {2}}))).isEqualTo("854f3e9a72c10b6e");
    }

    @Test
    void acceptsEveryKindAndNodeIndexAtTheEdgesOfItsRange() {
        RunDigest digest = new RunDigest();
        assertThatCode(() -> {
            digest.event(1, 0, -1, -1, 0, 0);
            digest.event(0xFFFF, 0, (1 << 24) - 2, (1 << 24) - 2, 0, 0);
        }).doesNotThrowAnyException();
        assertThat(digest.eventCount()).isEqualTo(2);
    }

    @Test
    void refusesKindsAndNodeIndexesItCannotEncodeAndStaysUnchanged() {
        RunDigest digest = new RunDigest();
        long before = digest.value();
        for (int kind : new int[] {0, -1, 0x10000, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> digest.event(kind, 0, 0, 0, 0, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("event kind " + kind + " is outside 1..65535");
        }
        for (int node : new int[] {-2, (1 << 24) - 1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> digest.event(3, 0, node, 0, 0, 0))
                    .hasMessage("node index outside -1..16777214: " + node + ", 0");
            assertThatThrownBy(() -> digest.event(3, 0, 0, node, 0, 0))
                    .hasMessage("node index outside -1..16777214: 0, " + node);
        }
        assertThat(digest.value()).isEqualTo(before);
        assertThat(digest.eventCount()).isZero();
    }
}

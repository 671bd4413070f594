package dev.seedloop.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedloop.engine.api.Seeds;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Shards partition a seed order exactly: every position in exactly one shard, in order. */
class ShardTests {

    @Test
    void shardsPartitionEveryPositionExactlyOnceInOrder() {
        for (long size = 1; size <= 60; size++) {
            for (int count = 1; count <= size; count++) {
                long expectedNext = 0;
                long smallest = Long.MAX_VALUE;
                long largest = 0;
                for (int k = 0; k < count; k++) {
                    Shard shard = new Shard(k, count);
                    long from = shard.fromPosition(size);
                    long to = shard.toPosition(size);
                    assertThat(from).as("shard %d of %d over %d seeds starts where the last ended", k, count, size)
                            .isEqualTo(expectedNext);
                    assertThat(to).isGreaterThan(from);
                    expectedNext = to;
                    smallest = Math.min(smallest, to - from);
                    largest = Math.max(largest, to - from);
                }
                assertThat(expectedNext).as("%d shards cover all %d seeds", count, size).isEqualTo(size);
                assertThat(largest - smallest).as("sizes differ by at most one").isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void theSeedsOfAllShardsConcatenateToTheWholeSeedSet() {
        Seeds range = Seeds.range(1_000, 2_013);
        Seeds listed = Seeds.of(99, -4, 7, 7, 1L << 40, 3, 12, 0, -1, 5, 8);
        for (Seeds all : new Seeds[] {range, listed}) {
            for (int count : new int[] {1, 2, 3, 7, (int) Math.min(all.size(), 11)}) {
                long[] joined = new long[0];
                for (int k = 0; k < count; k++) {
                    Seeds part = new Shard(k, count).of(all);
                    long[] seeds = new long[(int) part.size()];
                    for (int i = 0; i < seeds.length; i++) {
                        seeds[i] = part.seedAt(i);
                    }
                    int at = joined.length;
                    joined = Arrays.copyOf(joined, at + seeds.length);
                    System.arraycopy(seeds, 0, joined, at, seeds.length);
                }
                long[] expected = new long[(int) all.size()];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = all.seedAt(i);
                }
                assertThat(joined).as("%s in %d shards", all, count).containsExactly(expected);
            }
        }
        assertThat(new Shard(2, 4).of(Seeds.first(1_000_000))).isEqualTo(Seeds.range(500_000, 750_000));
    }

    @Test
    void hugeSeedSetsSplitWithoutOverflow() {
        long size = Long.MAX_VALUE;
        Shard last = new Shard(999, 1000);
        assertThat(last.toPosition(size)).isEqualTo(size);
        assertThat(new Shard(500, 1000).fromPosition(size)).isEqualTo(500 * (size / 1000) + Math.min(500, size % 1000));
    }

    @Test
    void shardsAreParsedFromKSlashN() {
        assertThat(Shard.parse("3/16")).isEqualTo(new Shard(3, 16));
        assertThat(Shard.parse(" 0 / 1 ")).isEqualTo(Shard.whole());
        assertThat(Shard.parse("3/16")).hasToString("shard 3 of 16");
        assertThatThrownBy(() -> Shard.parse("3")).hasMessage(
                "a shard is written K/N (shard K of N, K counted from 0, for example 3/16), got '3'");
        assertThatThrownBy(() -> Shard.parse("a/b")).hasMessage(
                "a shard is written K/N with whole numbers (for example 3/16), got 'a/b'");
        assertThatThrownBy(() -> Shard.parse("16/16"))
                .hasMessage("shard index must be in 0..15 for 16 shards, got 16 (shards are numbered from 0)");
        assertThatThrownBy(() -> new Shard(0, 0)).hasMessage("shard count must be at least 1, got 0");
        assertThatThrownBy(() -> new Shard(-1, 2)).hasMessageContaining("got -1");
    }

    @Test
    void moreShardsThanSeedsIsRefused() {
        assertThatThrownBy(() -> new Shard(0, 5).of(Seeds.first(3))).hasMessage(
                "3 seeds cannot be split into 5 shards: every shard needs a seed; use at most 3 shards or sweep more seeds");
    }
}

package dev.seedloop.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterministicRandomTests {

    /** The derivation as the class comment defines it, written the plain way: FNV-1a over UTF-8 bytes. */
    private static long firstWordByDefinition(long seed, String label) {
        long h = 0xCBF29CE484222325L;
        for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001B3L;
        }
        return DeterministicRandom.of(DeterministicRandom.mix64(seed) ^ h).nextLong();
    }

    @Test
    void deriveHashesTheLabelsUtf8BytesWhateverItsCharacters() {
        for (String label : List.of("", "net", "node/n1", "node/é", "node/\u00ff\u0100", "node/\uD83D\uDE00x",
                "ab\u07FFcd\u0800ef", "\uFFFF")) {
            for (long seed : new long[] {0, 1, -1, 42}) {
                assertThat(DeterministicRandom.derive(seed, label).nextLong()).as("'%s' at seed %s", label, seed)
                        .isEqualTo(firstWordByDefinition(seed, label));
                int cut = label.length() / 2;
                assertThat(DeterministicRandom.derive(seed, label.substring(0, cut), label.substring(cut)).nextLong())
                        .as("'%s' split at %s", label, cut).isEqualTo(firstWordByDefinition(seed, label));
            }
        }
    }

    @Test
    void splitMixFinalizerMatchesTheReferenceSequence() {
        // SplitMix64 seeded with 0 (Vigna's splitmix64.c): the first output is mix(0 + golden gamma).
        assertThat(DeterministicRandom.mix64(0x9E3779B97F4A7C15L)).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(DeterministicRandom.mix64(2 * 0x9E3779B97F4A7C15L)).isEqualTo(0x6E789E6AA1B965F4L);
    }

    @Test
    void sameSeedAndLabelGiveTheSameStream() {
        DeterministicRandom a = DeterministicRandom.derive(42, "net");
        DeterministicRandom b = DeterministicRandom.derive(42, "net");
        for (int i = 0; i < 1000; i++) {
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
    }

    @Test
    void differentLabelsOrSeedsGiveDifferentStreams() {
        long net = DeterministicRandom.derive(42, "net").nextLong();
        assertThat(DeterministicRandom.derive(42, "faults").nextLong()).isNotEqualTo(net);
        assertThat(DeterministicRandom.derive(43, "net").nextLong()).isNotEqualTo(net);
        assertThat(DeterministicRandom.derive(42, "node/n1").nextLong())
                .isNotEqualTo(DeterministicRandom.derive(42, "node/n2").nextLong());
    }

    @Test
    void drawsFromOneStreamNeverShiftAnother() {
        DeterministicRandom undisturbed = DeterministicRandom.derive(7, "net");
        long[] expected = new long[100];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = undisturbed.nextLong();
        }
        DeterministicRandom net = DeterministicRandom.derive(7, "net");
        DeterministicRandom faults = DeterministicRandom.derive(7, "faults");
        for (int i = 0; i < expected.length; i++) {
            for (int extra = 0; extra < i % 5; extra++) {
                faults.nextLong();
            }
            assertThat(net.nextLong()).isEqualTo(expected[i]);
        }
    }

    @Test
    void boundedDrawsStayInRangeAndCoverIt() {
        DeterministicRandom random = DeterministicRandom.of(1);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            long v = random.nextLong(7);
            assertThat(v).isBetween(0L, 6L);
            counts[(int) v]++;
        }
        // Each bucket expects 10,000; 5 standard deviations is about 480.
        for (int count : counts) {
            assertThat(count).isBetween(9_500, 10_500);
        }
    }

    @Test
    void betweenIsInclusiveAtBothEnds() {
        DeterministicRandom random = DeterministicRandom.of(3);
        boolean sawMin = false;
        boolean sawMax = false;
        for (int i = 0; i < 10_000; i++) {
            long v = random.between(10, 13);
            assertThat(v).isBetween(10L, 13L);
            sawMin |= v == 10;
            sawMax |= v == 13;
        }
        assertThat(sawMin).isTrue();
        assertThat(sawMax).isTrue();
        assertThat(random.between(Long.MIN_VALUE, Long.MAX_VALUE)).isNotNull();
    }

    @Test
    void betweenDrawsEvenWhenTheRangeHasOneValue() {
        DeterministicRandom a = DeterministicRandom.of(9);
        DeterministicRandom b = DeterministicRandom.of(9);
        assertThat(a.between(5, 5)).isEqualTo(5);
        b.nextLong();
        assertThat(a.nextLong()).isEqualTo(b.nextLong());
    }

    @Test
    void chanceMatchesItsRatio() {
        DeterministicRandom random = DeterministicRandom.of(11);
        int hits = 0;
        for (int i = 0; i < 100_000; i++) {
            if (random.chance(Ratio.percent(30))) {
                hits++;
            }
        }
        // Expect 30,000 with a standard deviation of about 145.
        assertThat(hits).isBetween(29_300, 30_700);
        assertThat(random.chance(Ratio.ZERO)).isFalse();
        assertThat(random.chance(Ratio.ONE)).isTrue();
    }

    @Test
    void rejectsInvalidBounds() {
        DeterministicRandom random = DeterministicRandom.of(0);
        assertThatThrownBy(() -> random.nextLong(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bound must be positive");
        assertThatThrownBy(() -> random.between(5, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not exceed");
        assertThatThrownBy(() -> Ratio.of(3, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and 1");
    }
}

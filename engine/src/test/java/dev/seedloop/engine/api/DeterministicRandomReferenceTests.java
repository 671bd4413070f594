package dev.seedloop.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Pins {@link DeterministicRandom} against independent references: Vigna's xoshiro256starstar.c and
 * splitmix64.c, and the definition of {@code derive} in its Javadoc, written out again here from the
 * papers rather than copied from the class. The known answers were checked against the C reference code.
 */
class DeterministicRandomReferenceTests {
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    /** xoshiro256** as in xoshiro256starstar.c, seeded as splitmix64.c's next() four times. */
    static final class Reference {
        private long x; // the SplitMix64 state while seeding
        private final long[] s = new long[4];

        Reference(long splitMixState) {
            x = splitMixState;
            for (int i = 0; i < 4; i++) {
                s[i] = splitMixNext();
            }
        }

        static Reference derive(long seed, String label) {
            long fnv = 0xcbf29ce484222325L;
            for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
                fnv = (fnv ^ Byte.toUnsignedLong(b)) * 0x100000001b3L;
            }
            return new Reference(finalizer(seed) ^ fnv);
        }

        private long splitMixNext() {
            x += 0x9e3779b97f4a7c15L;
            return finalizer(x);
        }

        static long finalizer(long z) {
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }

        long next() {
            long result = Long.rotateLeft(s[1] * 5, 7) * 9;
            long t = s[1] << 17;
            s[2] ^= s[0];
            s[3] ^= s[1];
            s[1] ^= s[2];
            s[0] ^= s[3];
            s[2] ^= t;
            s[3] = Long.rotateLeft(s[3], 45);
            return result;
        }

        /**
         * A power of two keeps the low bits; any other bound uses Lemire's method in 128-bit arithmetic,
         * rejecting while the low word is below 2^64 mod bound.
         */
        long next(long bound) {
            if (Long.bitCount(bound) == 1) {
                return next() & (bound - 1);
            }
            BigInteger b = BigInteger.valueOf(bound);
            BigInteger threshold = TWO_TO_64.mod(b);
            while (true) {
                BigInteger product = new BigInteger(Long.toUnsignedString(next())).multiply(b);
                if (product.mod(TWO_TO_64).compareTo(threshold) >= 0) {
                    return product.shiftRight(64).longValueExact();
                }
            }
        }
    }

    private static DeterministicRandom withState(long s0, long s1, long s2, long s3) throws ReflectiveOperationException {
        DeterministicRandom random = DeterministicRandom.of(0);
        long[] words = {s0, s1, s2, s3};
        for (int i = 0; i < 4; i++) {
            Field field = DeterministicRandom.class.getDeclaredField("s" + i);
            field.setAccessible(true);
            field.setLong(random, words[i]);
        }
        return random;
    }

    @Test
    void xoshiroMatchesTheKnownAnswersOfTheCReference() throws ReflectiveOperationException {
        DeterministicRandom random = withState(1, 2, 3, 4);
        assertThat(random.nextLong()).isEqualTo(11520L);
        assertThat(random.nextLong()).isEqualTo(0L);
        assertThat(random.nextLong()).isEqualTo(1509978240L);
        assertThat(random.nextLong()).isEqualTo(1215971899390074240L);
        assertThat(random.nextLong()).isEqualTo(1216172134540287360L);
        assertThat(random.nextLong()).isEqualTo(607988272756665600L);
    }

    @Test
    void ofSeedsThroughSplitMix64() {
        // x = 7; four splitmix64.c next() outputs as state; the first three xoshiro outputs (C reference).
        DeterministicRandom random = DeterministicRandom.of(7);
        assertThat(random.nextLong()).isEqualTo(-5523389002881075622L);
        assertThat(random.nextLong()).isEqualTo(5142052590334782674L);
        assertThat(random.nextLong()).isEqualTo(-2958351167216911978L);
        assertSameStream(DeterministicRandom.of(-3), new Reference(-3), 200);
    }

    @Test
    void deriveFollowsItsDocumentedDefinition() {
        // Known answers from the C reference (FNV-1a over the UTF-8 bytes, SplitMix64 finalizer on the seed).
        DeterministicRandom net = DeterministicRandom.derive(42, "net");
        assertThat(net.nextLong()).isEqualTo(-5430594115977148871L);
        assertThat(net.nextLong()).isEqualTo(6225050587473488869L);
        assertThat(net.nextLong()).isEqualTo(-387985106922670167L);
        DeterministicRandom empty = DeterministicRandom.derive(0, "");
        assertThat(empty.nextLong()).isEqualTo(2393714812739481704L);
        assertThat(empty.nextLong()).isEqualTo(6581096415885975394L);
        // A label with a byte above 0x7F: FNV-1a works on unsigned bytes.
        DeterministicRandom accented = DeterministicRandom.derive(-1, "node/né");
        assertThat(accented.nextLong()).isEqualTo(-7273878186134420182L);
        assertThat(accented.nextLong()).isEqualTo(-7878660135056730414L);
        // The boundary chars of the ASCII fast path: U+007F is one byte, U+0080 the two bytes C2 80.
        for (String label : new String[] {"net", "faults", "user", "node/n1", "node/ünï", "a\u007F", "a\u0080", "\u0080z"}) {
            for (long seed : new long[] {0, 1, -1, Long.MIN_VALUE, 0x1234_5678_9ABC_DEF0L}) {
                assertSameStream(DeterministicRandom.derive(seed, label), Reference.derive(seed, label), 50);
            }
        }
    }

    @Test
    void nextIntIsTheHighHalfOfTheNextWord() {
        DeterministicRandom random = DeterministicRandom.of(7);
        Reference reference = new Reference(7);
        for (int i = 0; i < 100; i++) {
            assertThat(random.nextInt()).isEqualTo((int) (reference.next() >>> 32));
        }
        assertThat(DeterministicRandom.of(7).nextInt()).isEqualTo((int) (-5523389002881075622L >>> 32));
    }

    @Test
    void nextBooleanIsTheSignBit() throws ReflectiveOperationException {
        // From state (1, 2, 3, 4) the words are 11520, 0, 1509978240, ...: zero is not negative.
        DeterministicRandom small = withState(1, 2, 3, 4);
        assertThat(small.nextBoolean()).isFalse();
        assertThat(small.nextBoolean()).isFalse();
        assertThat(small.nextBoolean()).isFalse();
        DeterministicRandom random = DeterministicRandom.of(7); // -5523…, 5142…, -2958…
        assertThat(random.nextBoolean()).isTrue();
        assertThat(random.nextBoolean()).isFalse();
        assertThat(random.nextBoolean()).isTrue();
    }

    @Test
    void boundedDrawsMatchLemiresMethodIncludingRejections() {
        // 2^64 mod bound is about a quarter of 2^64 for these bounds, so many words are rejected.
        long[] bounds = {(1L << 62) + 1, 3L << 61, Long.MAX_VALUE, 7, 1_000_000_007L, 6, 3};
        for (long bound : bounds) {
            DeterministicRandom random = DeterministicRandom.of(bound);
            Reference reference = new Reference(bound);
            for (int i = 0; i < 300; i++) {
                assertThat(random.nextLong(bound)).as("bound %s draw %s", bound, i).isEqualTo(reference.next(bound));
            }
            // The same number of words was consumed.
            assertThat(random.nextLong()).isEqualTo(reference.next());
        }
    }

    @Test
    void powerOfTwoBoundsKeepTheLowBits() {
        for (long bound : new long[] {1, 2, 8, 1L << 40, 1L << 62}) {
            DeterministicRandom random = DeterministicRandom.of(5);
            Reference reference = new Reference(5);
            for (int i = 0; i < 50; i++) {
                assertThat(random.nextLong(bound)).isEqualTo(reference.next() & (bound - 1));
            }
        }
        DeterministicRandom random = DeterministicRandom.of(5);
        Reference reference = new Reference(5);
        for (int i = 0; i < 50; i++) {
            assertThat(random.nextInt(10)).isEqualTo((int) reference.next(10));
        }
    }

    @Test
    void rejectionPathIsActuallyTaken() {
        // Guard for the test above: with bound 3 * 2^61, some first words are rejected (lo < 2^62).
        long bound = 3L << 61;
        Reference words = new Reference(bound);
        int rejected = 0;
        for (int i = 0; i < 300; i++) {
            long r = words.next();
            if (Long.compareUnsigned(r * bound, 1L << 62) < 0) {
                rejected++;
            }
        }
        assertThat(rejected).isGreaterThan(30);
    }

    @Test
    void betweenOverHugeRangesTakesTheFirstRawWordInRange() {
        long[][] ranges = {
            {Long.MIN_VALUE, Long.MAX_VALUE},
            {-10, Long.MAX_VALUE},
            {Long.MIN_VALUE, 5},
            {0, Long.MAX_VALUE},
            {Long.MIN_VALUE, -1},
            {-(1L << 62), (1L << 62) + 5},
            {-1, Long.MAX_VALUE - 1},
        };
        for (long[] range : ranges) {
            DeterministicRandom random = DeterministicRandom.of(13);
            Reference reference = new Reference(13);
            for (int i = 0; i < 200; i++) {
                long expected;
                do {
                    expected = reference.next();
                } while (expected < range[0] || expected > range[1]);
                assertThat(random.between(range[0], range[1])).isEqualTo(expected);
            }
            assertThat(random.nextLong()).isEqualTo(reference.next());
        }
    }

    @Test
    void betweenOverSmallerRangesOffsetsABoundedDraw() {
        long[][] ranges = {{10, 13}, {-5, 5}, {1, Long.MAX_VALUE}, {Long.MIN_VALUE, -2}, {-1, Long.MAX_VALUE - 2}, {7, 7}};
        for (long[] range : ranges) {
            DeterministicRandom random = DeterministicRandom.of(17);
            Reference reference = new Reference(17);
            long span = range[1] - range[0] + 1;
            for (int i = 0; i < 200; i++) {
                assertThat(random.between(range[0], range[1])).isEqualTo(range[0] + reference.next(span));
            }
        }
    }

    @Test
    void chanceComparesABoundedDrawWithTheNumerator() {
        Ratio[] ratios = {Ratio.ZERO, Ratio.ONE, Ratio.of(1, 2), Ratio.of(1, 3), Ratio.of(2, 3), Ratio.of(999, 1000)};
        for (Ratio ratio : ratios) {
            DeterministicRandom random = DeterministicRandom.of(19);
            Reference reference = new Reference(19);
            for (int i = 0; i < 300; i++) {
                assertThat(random.chance(ratio)).isEqualTo(reference.next(ratio.denominator()) < ratio.numerator());
            }
            // chance draws exactly one bounded value, also for 0 and 1.
            assertThat(random.nextLong()).isEqualTo(reference.next());
        }
    }

    /** A stream whose first word is {@code first}: xoshiro256**'s output scrambler inverted for s1. */
    private static DeterministicRandom firstWordIs(long first) throws ReflectiveOperationException {
        long inverse9 = BigInteger.valueOf(9).modInverse(TWO_TO_64).longValue();
        long inverse5 = BigInteger.valueOf(5).modInverse(TWO_TO_64).longValue();
        long s1 = Long.rotateRight(first * inverse9, 7) * inverse5;
        return withState(0x1234, s1, 0x5678, 0x9ABC);
    }

    @Test
    void hugeRangesAcceptARawWordExactlyAtEitherEnd() throws ReflectiveOperationException {
        long min = -10;
        long max = Long.MAX_VALUE - 1;
        assertThat(firstWordIs(12345).nextLong()).as("the inverted scrambler").isEqualTo(12345);
        assertThat(firstWordIs(min).between(min, max)).isEqualTo(min);
        assertThat(firstWordIs(max).between(min, max)).isEqualTo(max);
        // Just outside: rejected, so the result is a later word.
        assertThat(firstWordIs(min - 1).between(min, max)).isNotEqualTo(min - 1);
        assertThat(firstWordIs(Long.MAX_VALUE).between(min, max)).isNotEqualTo(Long.MAX_VALUE);
        // A zero word is not negative.
        assertThat(firstWordIs(0).nextBoolean()).isFalse();
        assertThat(firstWordIs(-1).nextBoolean()).isTrue();
    }

    private static void assertSameStream(DeterministicRandom actual, Reference expected, int draws) {
        for (int i = 0; i < draws; i++) {
            assertThat(actual.nextLong()).as("draw %s", i).isEqualTo(expected.next());
        }
    }
}

package dev.seedloop.engine.api;

import java.nio.charset.StandardCharsets;

/**
 * A seeded pseudo-random stream with a pinned algorithm: xoshiro256** (Blackman and Vigna, 2018), seeded
 * through SplitMix64.
 *
 * <p>The algorithm is part of seedloop's replay contract and is written out here rather than borrowed
 * from the JDK, whose generators may change between releases. Every stream in a run is derived from the
 * run's root seed and a label by {@link #derive(long, String)}: the engine uses {@code "net"},
 * {@code "faults"}, {@code "user"} and {@code "node/<name>"}. Streams are independent: drawing more from
 * one never shifts another's sequence.
 *
 * <p>The API is integer-first; probabilities are {@link Ratio}s. A stream is not thread-safe, which is
 * never a problem inside a run: a run is single-threaded.
 */
public final class DeterministicRandom {
    private static final long FNV_OFFSET = 0xCBF2_9CE4_8422_2325L;
    private static final long FNV_PRIME = 0x0000_0100_0000_01B3L;
    private static final long GOLDEN_GAMMA = 0x9E37_79B9_7F4A_7C15L;

    private long s0;
    private long s1;
    private long s2;
    private long s3;

    private DeterministicRandom(long seedMaterial) {
        long x = seedMaterial;
        x += GOLDEN_GAMMA;
        s0 = mix64(x);
        x += GOLDEN_GAMMA;
        s1 = mix64(x);
        x += GOLDEN_GAMMA;
        s2 = mix64(x);
        x += GOLDEN_GAMMA;
        s3 = mix64(x);
        if ((s0 | s1 | s2 | s3) == 0) {
            // The all-zero state is xoshiro's only fixed point; SplitMix64 practically never yields it,
            // but the guard keeps the stream valid for every input.
            s0 = GOLDEN_GAMMA;
        }
    }

    /**
     * The stream for {@code label} in the run with root seed {@code seed}: a pure function of the pair.
     *
     * <p>Definition: {@code material = mix64(seed) ^ fnv1a64(utf8(label))}; the four state words are the
     * first four SplitMix64 outputs from {@code material}. {@code mix64} is the SplitMix64 finalizer.
     */
    public static DeterministicRandom derive(long seed, String label) {
        return new DeterministicRandom(mix64(seed) ^ fnv1a(FNV_OFFSET, Check.notNull(label, "label")));
    }

    /**
     * The stream for the label {@code prefix + name}: the same stream as {@code derive(seed, prefix + name)},
     * without building that string (the engine derives one stream per node for every run).
     */
    public static DeterministicRandom derive(long seed, String prefix, String name) {
        long h = fnv1a(FNV_OFFSET, Check.notNull(prefix, "prefix"));
        return new DeterministicRandom(mix64(seed) ^ fnv1a(h, Check.notNull(name, "name")));
    }

    /** Continues a 64-bit FNV-1a hash over the UTF-8 bytes of {@code text}. */
    private static long fnv1a(long h, String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                // Not ASCII: hash the real UTF-8 encoding of the rest (surrogate pairs and all).
                for (byte b : text.substring(i).getBytes(StandardCharsets.UTF_8)) {
                    h = (h ^ (b & 0xFF)) * FNV_PRIME;
                }
                return h;
            }
            h = (h ^ c) * FNV_PRIME; // an ASCII character is its own single UTF-8 byte
        }
        return h;
    }

    /** A stream seeded directly from {@code seed}, for uses outside a run (tests, tools). */
    public static DeterministicRandom of(long seed) {
        return new DeterministicRandom(seed);
    }

    /** The next 64 uniformly distributed bits. */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** The next 32 uniformly distributed bits. */
    public int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    /** A uniformly distributed boolean. */
    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    /**
     * A uniform value in {@code [0, bound)}, without modulo bias.
     *
     * <p>Uses Lemire's multiply-and-reject method on 64-bit words: usually one word, occasionally more.
     */
    public long nextLong(long bound) {
        Check.argument(bound > 0, "bound must be positive, got %s", bound);
        long r = nextLong();
        long m = bound - 1;
        if ((bound & m) == 0) {
            return r & m; // a power of two: the low bits are already uniform
        }
        long lo = r * bound;
        long hi = Math.unsignedMultiplyHigh(r, bound);
        if (Long.compareUnsigned(lo, bound) < 0) {
            long threshold = Long.remainderUnsigned(-bound, bound);
            while (Long.compareUnsigned(lo, threshold) < 0) {
                r = nextLong();
                lo = r * bound;
                hi = Math.unsignedMultiplyHigh(r, bound);
            }
        }
        return hi;
    }

    /** A uniform value in {@code [0, bound)}. */
    public int nextInt(int bound) {
        return (int) nextLong(bound);
    }

    /**
     * A uniform value in {@code [min, max]}, both inclusive. Always draws at least one word, even when
     * {@code min == max}, so the number of draws a caller makes does not depend on its arguments.
     */
    public long between(long min, long max) {
        Check.argument(min <= max, "min %s must not exceed max %s", min, max);
        long span = max - min + 1;
        if (span <= 0) {
            // The range covers more than half of all longs: rejection on raw words is cheap enough.
            long r;
            do {
                r = nextLong();
            } while (r < min || r > max);
            return r;
        }
        return min + nextLong(span);
    }

    /** True with probability exactly {@code ratio}. Draws one value even for 0 and 1. */
    public boolean chance(Ratio ratio) {
        return nextLong(ratio.denominator()) < ratio.numerator();
    }

    /** The SplitMix64 finalizer (Stafford's Mix13 variant), a bijection on 64-bit values. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}

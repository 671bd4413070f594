package dev.seedloop.engine.api;

import java.util.Arrays;

/**
 * An ordered set of seeds for a sweep: a range or an explicit list. "First failure" in a sweep means the
 * failure at the lowest position in this order, whatever the number of threads.
 */
public sealed interface Seeds {
    /** How many seeds there are. */
    long size();

    /** The seed at {@code index}, {@code 0 <= index < size()}. */
    long seedAt(long index);

    /** The seeds {@code 0 .. count-1}. */
    static Seeds first(long count) {
        return range(0, count);
    }

    /** The seeds {@code fromInclusive .. toExclusive-1}. */
    static Seeds range(long fromInclusive, long toExclusive) {
        return new Range(fromInclusive, toExclusive);
    }

    /** Exactly these seeds, in this order. */
    static Seeds of(long... seeds) {
        return new Listed(seeds);
    }

    /** A contiguous range of seeds. */
    record Range(long fromInclusive, long toExclusive) implements Seeds {
        /** Validates the range. */
        public Range {
            Check.argument(fromInclusive < toExclusive,
                    "seed range [%s, %s) is empty", fromInclusive, toExclusive);
            Check.argument(toExclusive - fromInclusive > 0,
                    "seed range [%s, %s) holds more than Long.MAX_VALUE seeds; split it", fromInclusive, toExclusive);
        }

        @Override
        public long size() {
            return toExclusive - fromInclusive;
        }

        @Override
        public long seedAt(long index) {
            return fromInclusive + index;
        }

        @Override
        public String toString() {
            return fromInclusive == 0 ? toExclusive + " seeds (0.." + (toExclusive - 1) + ")"
                    : "seeds " + fromInclusive + ".." + (toExclusive - 1);
        }
    }

    /** An explicit list of seeds. */
    record Listed(long[] seeds) implements Seeds {
        /** Validates the list. */
        public Listed {
            Check.notNull(seeds, "seeds");
            Check.argument(seeds.length > 0, "the seed list is empty");
            seeds = seeds.clone();
        }

        /** A copy of the seeds, in order. */
        @Override
        public long[] seeds() {
            return seeds.clone();
        }

        @Override
        public long size() {
            return seeds.length;
        }

        @Override
        public long seedAt(long index) {
            return seeds[Math.toIntExact(index)];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Listed other && Arrays.equals(seeds, other.seeds);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(seeds);
        }

        @Override
        public String toString() {
            return "seeds " + Arrays.toString(seeds);
        }
    }
}

package dev.seedloop.engine.shard;

import dev.seedloop.engine.api.Check;
import dev.seedloop.engine.api.Seeds;

/**
 * Shard {@code index} of {@code count}: one of {@code count} contiguous, nearly equal slices of a seed
 * order, for sweeping one seed set on many machines (a CI matrix, a Kubernetes Indexed Job).
 *
 * <p>Guarantees: for any seed order of {@code size} seeds and any {@code count <= size}, the shards
 * {@code 0..count-1} partition the positions {@code 0..size-1} exactly, in order (shard 0 first), with
 * sizes differing by at most one. The split depends only on {@code (size, index, count)}, never on the
 * machine, so every shard computes its slice on its own. Because shards are contiguous and ordered, the
 * overall first failure is the first failure of the lowest failing shard.
 *
 * @param index which shard, {@code 0 <= index < count} (Kubernetes' {@code JOB_COMPLETION_INDEX})
 * @param count how many shards in all, at least 1
 */
public record Shard(int index, int count) {
    /** Validates the shard. */
    public Shard {
        Check.argument(count >= 1, "shard count must be at least 1, got %s", count);
        Check.argument(index >= 0 && index < count,
                "shard index must be in 0..%s for %s shards, got %s (shards are numbered from 0)",
                count - 1, count, index);
    }

    /** The one shard of one: the whole seed order. */
    public static Shard whole() {
        return new Shard(0, 1);
    }

    /**
     * Parses {@code "K/N"} (shard K of N, K from 0), as given to {@code -Dseedloop.shard}.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static Shard parse(String text) {
        Check.notNull(text, "shard text");
        int slash = text.indexOf('/');
        Check.argument(slash > 0 && slash < text.length() - 1,
                "a shard is written K/N (shard K of N, K counted from 0, for example 3/16), got '%s'", text);
        try {
            return new Shard(Integer.parseInt(text.substring(0, slash).trim()),
                    Integer.parseInt(text.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "a shard is written K/N with whole numbers (for example 3/16), got '" + text + "'", e);
        }
    }

    /** The first position of this shard in a seed order of {@code size} seeds. */
    public long fromPosition(long size) {
        return boundary(size, index);
    }

    /** The position just after this shard's last one, in a seed order of {@code size} seeds. */
    public long toPosition(long size) {
        return boundary(size, index + 1);
    }

    private long boundary(long size, int shard) {
        Check.argument(size >= count, "%s seeds cannot be split into %s shards: every shard needs a seed; "
                + "use at most %s shards or sweep more seeds", size, count, size);
        // k * (size / n) + min(k, size % n): never overflows, and the first size % n shards get one more.
        return shard * (size / count) + Math.min(shard, size % count);
    }

    /** This shard's seeds of {@code all}, in their order. */
    public Seeds of(Seeds all) {
        Check.notNull(all, "seeds");
        long from = fromPosition(all.size());
        long to = toPosition(all.size());
        if (all instanceof Seeds.Range range) {
            return Seeds.range(range.fromInclusive() + from, range.fromInclusive() + to);
        }
        long[] slice = new long[Math.toIntExact(to - from)];
        for (int i = 0; i < slice.length; i++) {
            slice[i] = all.seedAt(from + i);
        }
        return Seeds.of(slice);
    }

    @Override
    public String toString() {
        return "shard " + index + " of " + count;
    }
}

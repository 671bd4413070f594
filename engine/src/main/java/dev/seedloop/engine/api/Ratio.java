package dev.seedloop.engine.api;

/**
 * A probability as an exact fraction, so no floating point reaches a seeded decision.
 *
 * <p>{@code Ratio.percent(5)} is 5/100; {@link DeterministicRandom#chance(Ratio)} is true with exactly
 * this probability, computed in integers.
 *
 * @param numerator how many of {@code denominator} outcomes count; {@code 0 <= numerator <= denominator}
 * @param denominator the number of equally likely outcomes; positive
 */
public record Ratio(long numerator, long denominator) {
    /** Never. */
    public static final Ratio ZERO = new Ratio(0, 1);
    /** Always. */
    public static final Ratio ONE = new Ratio(1, 1);

    /** Validates that the fraction is a probability. */
    public Ratio {
        Check.argument(denominator > 0, "ratio denominator must be positive, got %s", denominator);
        Check.argument(numerator >= 0 && numerator <= denominator,
                "ratio must be between 0 and 1, got %s/%s", numerator, denominator);
    }

    /** {@code numerator / denominator}. */
    public static Ratio of(long numerator, long denominator) {
        return new Ratio(numerator, denominator);
    }

    /** {@code percent / 100}, for {@code percent} in 0..100. */
    public static Ratio percent(int percent) {
        return new Ratio(percent, 100);
    }

    /** Whether this ratio is exactly zero (the event can never happen). */
    public boolean isZero() {
        return numerator == 0;
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}

package dev.seedloop.demos.zoo;

/**
 * How one fault strategy fared against one buggy twin.
 *
 * @param firstCatch how many seeds, from seed 0, until the first failure (0 if none within the limit)
 * @param catches how many failures were found in successive hunts (each hunt starts after the last catch)
 * @param seedsForCatches how many seeds those hunts ran in all
 * @param wallNanos the wall time of all those hunts
 * @param allByTheInvariant whether every catch violated the twin's invariant (not, say, a liveness check)
 */
public record HuntMeasurement(long firstCatch, int catches, long seedsForCatches, long wallNanos,
        boolean allByTheInvariant) {
    /** The mean number of seeds per catch, as text with one decimal, or "none" without a catch. */
    public String seedsPerCatch() {
        if (catches == 0) {
            return "none";
        }
        long tenths = Math.round(10.0 * seedsForCatches / catches);
        return tenths / 10 + "." + tenths % 10;
    }

    /** The mean wall time per catch in milliseconds, as text, or "n/a" without a catch. */
    public String millisPerCatch() {
        return catches == 0 ? "n/a" : Long.toString(Math.round(wallNanos / 1e6 / catches));
    }
}

package dev.seedloop.trace;

/**
 * The six values an event contributes to the {@link RunDigest}: exactly the arguments of
 * {@link RunDigest#event(int, long, int, int, long, long)}.
 *
 * <p>Two events with equal digest words are the same event as far as determinism is concerned; the
 * diff compares events by these words.
 *
 * @param kind the {@link EventKindCode} kind
 * @param timeNanos virtual time
 * @param nodeA first node index or -1
 * @param nodeB second node index or -1
 * @param id identifier word
 * @param value value word
 */
public record DigestWords(int kind, long timeNanos, int nodeA, int nodeB, long id, long value) {
    /** Folds these words into a digest. */
    public void into(RunDigest digest) {
        digest.event(kind, timeNanos, nodeA, nodeB, id, value);
    }
}

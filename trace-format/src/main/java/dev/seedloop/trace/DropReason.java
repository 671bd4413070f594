package dev.seedloop.trace;

/**
 * Why the network dropped a message. Each constant's {@link #code()} is the matching
 * {@code EventKindCode.DROP_*} value, the value word of a {@link EventKindCode#MESSAGE_DROPPED} event in the
 * run digest, and the {@code DropReason} enum number in {@code trace.proto}.
 */
public enum DropReason {
    /** The link lost the message. */
    LOSS(EventKindCode.DROP_LOSS),
    /** Sender and receiver were in different partition groups when the delivery fired. */
    PARTITION(EventKindCode.DROP_PARTITION),
    /** Sender or receiver was isolated when the delivery fired. */
    ISOLATED(EventKindCode.DROP_ISOLATED),
    /** The receiver had crashed when the delivery fired. */
    CRASHED(EventKindCode.DROP_CRASHED),
    /** No node was running at the destination when the delivery fired. */
    UNBOUND(EventKindCode.DROP_UNBOUND);

    private final int code;

    DropReason(int code) {
        this.code = code;
    }

    /** The stable numeric code of this reason. */
    public int code() {
        return code;
    }

    /**
     * The reason with the given code.
     *
     * @throws IllegalArgumentException if no reason has that code
     */
    public static DropReason fromCode(int code) {
        for (DropReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown drop reason code " + code);
    }
}

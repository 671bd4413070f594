package dev.seedloop.engine.api;

/** Why the simulated network dropped a message. Each reason has a stable code in the trace format. */
public enum DropReason {
    /** The link lost it: a seeded draw against the link's loss probability, made when it was sent. */
    LOSS(1),
    /** Sender and receiver were in different partition groups when the delivery fired. */
    PARTITION(2),
    /** The sender or the receiver was isolated when the delivery fired. */
    ISOLATED(3),
    /** The receiver had crashed when the delivery fired. */
    CRASHED(4),
    /** No node was running at the destination address when the delivery fired. */
    UNBOUND(5);

    private final int code;

    DropReason(int code) {
        this.code = code;
    }

    /** The reason's code in the trace format ({@code EventKindCode.DROP_*}). */
    public int code() {
        return code;
    }
}

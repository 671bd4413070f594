package dev.seedloop.trace;

/**
 * What a {@link TraceEvent.NetworkChanged} event did. Each constant's {@link #code()} is the matching
 * {@code EventKindCode.NETWORK_*} value, the id word of the event in the run digest.
 */
public enum NetworkChangeKind {
    /** The network was split into groups. */
    PARTITION(EventKindCode.NETWORK_PARTITION),
    /** One node was cut off from every other. */
    ISOLATE(EventKindCode.NETWORK_ISOLATE),
    /** Every partition and isolation was removed. */
    HEAL(EventKindCode.NETWORK_HEAL);

    private final int code;

    NetworkChangeKind(int code) {
        this.code = code;
    }

    /** The stable numeric code of this change. */
    public int code() {
        return code;
    }

    /**
     * The change with the given code.
     *
     * @throws IllegalArgumentException if no change has that code
     */
    public static NetworkChangeKind fromCode(int code) {
        for (NetworkChangeKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown network change code " + code);
    }
}

package dev.seedloop.trace;

/**
 * Every kind of event a v1 trace can hold, with its stable code.
 *
 * <p>Digested kinds have the codes of {@link EventKindCode} and enter the run digest; annotations
 * ({@link #STATE_SNAPSHOT}, {@link #INVARIANT_CHECKED}, {@link #LIVENESS_HELD}) are recorded at {@link TraceLevel#FULL} only and
 * never digested. {@link #UNKNOWN} stands for a kind written by a newer minor format version that this
 * reader cannot decode.
 */
public enum TraceEventKind {
    NODE_STARTED(EventKindCode.NODE_STARTED, true),
    NODE_CRASHED(EventKindCode.NODE_CRASHED, true),
    MESSAGE_SENT(EventKindCode.MESSAGE_SENT, true),
    MESSAGE_DELIVERED(EventKindCode.MESSAGE_DELIVERED, true),
    MESSAGE_DROPPED(EventKindCode.MESSAGE_DROPPED, true),
    MESSAGE_DUPLICATED(EventKindCode.MESSAGE_DUPLICATED, true),
    TIMER_SET(EventKindCode.TIMER_SET, true),
    TIMER_FIRED(EventKindCode.TIMER_FIRED, true),
    TIMER_CANCELLED(EventKindCode.TIMER_CANCELLED, true),
    NETWORK_CHANGED(EventKindCode.NETWORK_CHANGED, true),
    NOTE(EventKindCode.NOTE, true),
    LOG(EventKindCode.LOG, true),
    INVARIANT_VIOLATED(EventKindCode.INVARIANT_VIOLATED, true),
    NODE_PAUSED(EventKindCode.NODE_PAUSED, true),
    NODE_RESUMED(EventKindCode.NODE_RESUMED, true),
    FAULT_BEGIN(EventKindCode.FAULT_BEGIN, true),
    FAULT_END(EventKindCode.FAULT_END, true),
    SCHEDULE_DECISION(EventKindCode.SCHEDULE_DECISION, true),
    BUGGIFY_FIRED(EventKindCode.BUGGIFY_FIRED, true),
    STORAGE_SYNC(EventKindCode.STORAGE_SYNC, true),
    STORAGE_LOST(EventKindCode.STORAGE_LOST, true),
    STATE_SNAPSHOT(64, false),
    INVARIANT_CHECKED(65, false),
    /** Since format 1.1. */
    LIVENESS_HELD(66, false),
    UNKNOWN(0, false);

    private final int code;
    private final boolean digested;

    TraceEventKind(int code, boolean digested) {
        this.code = code;
        this.digested = digested;
    }

    /** The stable numeric code (the field number of the kind in {@code Event.kind}); 0 for UNKNOWN. */
    public int code() {
        return code;
    }

    /**
     * The first code of the annotation range: kinds from here up are never digested, in this version and in
     * every later one, so a reader may skip one it does not know and still verify the file.
     */
    public static final int FIRST_ANNOTATION_CODE = 64;

    /** Whether events of this kind enter the run digest. */
    public boolean digested() {
        return digested;
    }

    /** The kind named by a case-insensitive name such as {@code message_sent} or {@code MessageSent}. */
    public static java.util.Optional<TraceEventKind> parse(String name) {
        String wanted = name.replace("_", "").replace("-", "");
        for (TraceEventKind k : values()) {
            if (k.name().replace("_", "").equalsIgnoreCase(wanted)) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }
}

package dev.seedloop.trace.internal;

/**
 * The bounds both the writer and the reader enforce, so that no byte sequence can make a reader allocate
 * without limit and no writer can produce a file a reader refuses.
 */
public final class Limits {
    /** The largest record, in bytes, a writer writes and a reader accepts: 16 MiB. */
    public static final int MAX_RECORD_BYTES = 16 << 20;
    /**
     * The most bytes of records (framing included) one checkpoint block may cover, unless the block is a
     * single record. Bounds what a reader holds back while it waits for a block's checkpoint.
     */
    public static final int MAX_BLOCK_BYTES = 64 * 1024;
    /** The most distinct interned strings in one trace. */
    public static final int MAX_STRINGS = 1 << 20;
    /** The longest interned string, in chars (type names, labels, tags, field names). */
    public static final int MAX_INTERNED_CHARS = 4096;
    /** Longer renderings (payloads, field values, evidence, log text) are cut to this many chars. */
    public static final int MAX_RENDERING_CHARS = 64 * 1024;

    private Limits() {}
}

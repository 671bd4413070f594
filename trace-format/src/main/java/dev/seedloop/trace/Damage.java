package dev.seedloop.trace;

/**
 * Why a trace could not be read to its end, and where.
 *
 * <p>A reader that reports damage has returned every whole record before {@link #offset()}; nothing at or
 * after it. Offsets count bytes of the uncompressed trace, preamble included, so for a file that is not
 * gzip-compressed they are file offsets.
 *
 * @param kind what went wrong
 * @param offset where the first unreadable record starts
 * @param detail what was found there
 * @param eventsBefore the number of whole events read before the damage
 * @param footerLost whether the footer was among what was lost
 */
public record Damage(Kind kind, long offset, String detail, long eventsBefore, boolean footerLost) {

    /** The kinds of damage. */
    public enum Kind {
        /** The input ended inside a record, or ended without a footer: a killed process or a full disk. */
        TRUNCATED,
        /** A record's bytes are invalid: a bit flip, an overwrite, garbage after the footer. */
        CORRUPT,
        /** The operating system failed to read the file. */
        IO_ERROR
    }

    /** One line a person can act on, e.g. "truncated at offset 1234: ...; 57 whole events before it". */
    public String describe() {
        String what = switch (kind) {
            case TRUNCATED -> "truncated at offset ";
            case CORRUPT -> "corrupt at offset ";
            case IO_ERROR -> "I/O error at offset ";
        };
        return what + offset + ": " + detail + "; " + eventsBefore + " whole events before it were read"
                + (footerLost ? ", the footer (outcome, digest) is lost" : "");
    }
}

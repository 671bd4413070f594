package dev.seedloop.trace;

/**
 * A trace format version. A reader reads every file of its own major version, whatever the minor;
 * it refuses a newer major. Minor versions only add (new event kinds, new fields); a reader skips what it
 * does not know and says so.
 */
public record FormatVersion(int major, int minor) {
    /** The version this library writes: 1.1 added the {@code liveness_held} event kind. */
    public static final FormatVersion CURRENT = new FormatVersion(1, 1);

    public FormatVersion {
        if (major < 0 || major > 255 || minor < 0 || minor > 255) {
            throw new IllegalArgumentException("format version parts must be 0..255, was " + major + "." + minor);
        }
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}

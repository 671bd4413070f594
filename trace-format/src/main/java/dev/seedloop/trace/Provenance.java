package dev.seedloop.trace;

import static dev.seedloop.trace.internal.Checks.notNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Where and when a trace was written. Never digested and never compared: two recordings of the same run
 * differ only here.
 *
 * @param createdAt RFC 3339 wall-clock time, or ""
 * @param host host name, or ""
 * @param jvm JVM vendor and version, or ""
 * @param os operating system, or ""
 * @param extra anything else (user, command line, revision), in order
 */
public record Provenance(String createdAt, String host, String jvm, String os, List<KeyValue> extra) {
    public Provenance {
        notNull(createdAt, "createdAt");
        notNull(host, "host");
        notNull(jvm, "jvm");
        notNull(os, "os");
        extra = List.copyOf(notNull(extra, "extra"));
    }

    /** Provenance with every field empty: for tests and golden files that must be byte-stable. */
    public static Provenance none() {
        return new Provenance("", "", "", "", List.of());
    }

    /**
     * Provenance of the current process at wall time {@code now}. The host comes from the
     * {@code HOSTNAME}/{@code COMPUTERNAME} environment variables (a DNS lookup could hang).
     */
    public static Provenance current(Instant now) {
        String host = System.getenv("HOSTNAME");
        if (host == null) {
            host = System.getenv("COMPUTERNAME");
        }
        return new Provenance(now.truncatedTo(ChronoUnit.MILLIS).toString(), host == null ? "" : host,
                System.getProperty("java.vendor", "") + " " + System.getProperty("java.runtime.version", ""),
                System.getProperty("os.name", "") + " " + System.getProperty("os.arch", ""), List.of());
    }
}

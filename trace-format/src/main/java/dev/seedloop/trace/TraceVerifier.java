package dev.seedloop.trace;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Recomputes a trace's {@link RunDigest} from its events and compares it with the footer. Streams: memory
 * stays bounded whatever the file's size. Stateless.
 */
public final class TraceVerifier {
    private TraceVerifier() {}

    /**
     * Verifies the trace file at {@code path}.
     *
     * @throws TraceFileException if the file cannot be opened as a trace at all
     */
    public static Verification verify(Path path) throws TraceFileException {
        try (TraceReader r = TraceReader.open(path)) {
            return verify(r);
        }
    }

    /** Verifies the rest of an open reader (from its start, for a meaningful answer). */
    public static Verification verify(TraceReader reader) {
        RunDigest digest = new RunDigest();
        long[] unknown = {0};
        reader.forEachRemaining(e -> {
            // An annotation (trace-format.md §6.2) this reader does not know changes nothing it compares.
            if (e instanceof TraceEvent.Unknown u && u.code() < TraceEventKind.FIRST_ANNOTATION_CODE) {
                unknown[0]++;
            }
            e.digestInto(digest);
        });
        Optional<TraceFooter> footer = reader.footer();
        Optional<Damage> damage = reader.damage();
        String ours = RunDigest.format(digest.value());
        if (damage.isPresent()) {
            return result(Verification.Status.DAMAGED, digest, footer, damage, damage.get().describe()
                    + (footer.isPresent() ? "" : "; the digest of the events read is " + ours
                            + " (compare it with the engine's output)"));
        }
        TraceFooter f = footer.orElseThrow(() -> new IllegalStateException("a reader ended without footer or damage"));
        if (unknown[0] > 0) {
            return result(Verification.Status.UNVERIFIABLE, digest, footer, damage, unknown[0]
                    + " events of kinds this reader does not know (the file is format " + reader.formatVersion()
                    + "); upgrade seedloop-trace-format to verify it");
        }
        if (digest.eventCount() != f.eventCount()) {
            return result(Verification.Status.EVENT_COUNT_MISMATCH, digest, footer, damage, "the footer counts "
                    + f.eventCount() + " digested events but the file holds " + digest.eventCount()
                    + "; events were added or removed after recording");
        }
        if (digest.value() != f.digest()) {
            return result(Verification.Status.DIGEST_MISMATCH, digest, footer, damage, "the events digest to " + ours
                    + " but the footer says " + RunDigest.format(f.digest())
                    + "; an event was altered after recording, or the engine and this reader disagree on the"
                    + " digest mapping");
        }
        return result(Verification.Status.OK, digest, footer, damage,
                "OK: " + digest.eventCount() + " digested events, digest " + ours);
    }

    private static Verification result(Verification.Status s, RunDigest d, Optional<TraceFooter> footer,
            Optional<Damage> damage, String message) {
        return new Verification(s, d.eventCount(), d.value(), footer, damage, message);
    }
}

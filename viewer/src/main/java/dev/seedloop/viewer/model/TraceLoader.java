package dev.seedloop.viewer.model;

import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceFileException;
import dev.seedloop.trace.TraceReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens a trace in one pass: each event is indexed ({@link LoadedTrace.Builder}) and applied to the state
 * checkpoints ({@link StateReconstructor.Builder}) as soon as it is decoded. A large trace is shown before it
 * is read to the end: once the first {@link #PREVIEW_EVENTS} events are indexed, the listener receives a
 * session of those (a <em>preview</em>, {@link LoadedTrace#complete()} false), and then the reading goes on;
 * progress is reported as the fraction of the file's bytes read.
 */
public final class TraceLoader {
    /** Events in a preview: many screens of the diagram and table at the zoom a trace opens with. */
    public static final int PREVIEW_EVENTS = 20_000;
    private static final int PROGRESS_EVERY = 32_768;

    private TraceLoader() {}

    /** What a load reports while it runs; called on the loading thread. */
    public interface Listener {
        /** Reports nothing. */
        Listener NONE = new Listener() { };

        /** The first events, indexed and ready to show; called at most once, only if more events follow. */
        default void preview(TraceSession preview) { }

        /** {@code events} indexed so far, {@code fraction} (0..1) of the file read. */
        default void progress(int events, double fraction) { }

        /** Whether the load should stop (another trace was opened meanwhile); it then ends with an OpenFailure. */
        default boolean cancelled() {
            return false;
        }
    }

    /** Reads, indexes and checkpoints the trace at {@code path}; failures are {@link OpenFailure}s that say why. */
    public static TraceSession load(Path path, Listener listener) throws OpenFailure {
        if (Files.isDirectory(path)) {
            throw new OpenFailure(path + " is a directory; choose a .trace file inside it", null);
        }
        try {
            long fileSize = Files.size(path);
            CountingInput counting = new CountingInput(open(path));
            try (TraceReader r = TraceReader.open(counting, path.toString())) {
                // A first guess of the number of events from the file size; the arrays grow if it is low.
                LoadedTrace.Builder index = new LoadedTrace.Builder(path.toString(), r.formatVersion(), r.header(),
                        (int) Math.min(1 << 22, fileSize / 32));
                StateReconstructor.Builder states = new StateReconstructor.Builder(index.nodeNames());
                boolean previewed = false;
                for (Optional<TraceEvent> next = r.next(); next.isPresent(); next = r.next()) {
                    TraceEvent e = next.get();
                    int i = index.add(e);
                    states.add(i, e);
                    int n = i + 1;
                    if (n % PROGRESS_EVERY == 0) {
                        if (listener.cancelled()) {
                            throw new OpenFailure("Opening " + path + " was cancelled.", null);
                        }
                        listener.progress(n, fileSize == 0 ? 1 : Math.min(1, counting.count / (double) fileSize));
                    }
                    if (!previewed && n == PREVIEW_EVENTS && !r.atEnd()) {
                        previewed = true;
                        LoadedTrace prefix = index.build(Optional.empty(), Optional.empty(), false);
                        listener.preview(new TraceSession(prefix, new StateReconstructor(prefix, states)));
                    }
                }
                LoadedTrace whole = index.build(r.footer(), r.damage(), true);
                listener.progress(whole.size(), 1);
                return new TraceSession(whole, new StateReconstructor(whole, states));
            }
        } catch (TraceFileException e) {
            if (e.reason() != TraceFileException.Reason.IO_ERROR && !LoadedTrace.startsLikeATrace(path)) {
                throw new OpenFailure("This file is not a seedloop trace: it does not start with \"SEEDLOOP\" "
                        + "(nor is it gzip-compressed). Choose a .trace file written by seedloop.", e);
            }
            String what = switch (e.reason()) {
                case NOT_A_TRACE -> "This file is not a seedloop trace.";
                case UNSUPPORTED_VERSION -> "This trace uses a format version this viewer cannot read.";
                case TRUNCATED, CORRUPT -> "This trace is damaged before its header ends, so nothing of the run can be shown.";
                case IO_ERROR -> "The file cannot be read.";
            };
            throw new OpenFailure(what + " " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new OpenFailure("The file cannot be read: no trace file at " + path + "; check the path", e);
        } catch (IOException e) {
            throw new OpenFailure("The file cannot be read: " + e, e);
        } catch (UncheckedIOException e) {
            throw new OpenFailure("The file cannot be read: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new OpenFailure("The trace is too large for this viewer's heap; start it with a larger -Xmx.", null);
        }
    }

    private static InputStream open(Path path) throws IOException {
        return Files.newInputStream(path);
    }

    /** Counts the bytes read from the file (compressed bytes for a gzip trace): the progress. */
    private static final class CountingInput extends FilterInputStream {
        private volatile long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(n);
            count += k;
            return k;
        }
    }
}

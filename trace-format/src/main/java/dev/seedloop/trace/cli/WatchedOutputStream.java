package dev.seedloop.trace.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * An output stream that remembers the first write failure before passing it on. The print streams and
 * writers the CLI prints through swallow {@link IOException}s, leaving only a yes/no
 * {@code checkError()}; this keeps the reason (a full disk, a closed pipe) for the message.
 */
final class WatchedOutputStream extends FilterOutputStream {
    private IOException failure;

    WatchedOutputStream(OutputStream out) {
        super(out);
    }

    /** The first failure of a write, flush or close, if there was one. */
    Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        // FilterOutputStream would write byte by byte.
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw remember(e);
        }
    }

    private IOException remember(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }
}

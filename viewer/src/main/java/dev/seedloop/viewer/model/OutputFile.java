package dev.seedloop.viewer.model;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file written whole or not at all: the bytes go to a temporary file beside the target, which takes the
 * target's place only once they are all written ({@link #write}). A failure, or {@link #close()} before that,
 * leaves the target as it was and removes the temporary file. {@link #begin} creates the temporary file, so
 * a directory that takes no new files is reported before the work whose result is to be written.
 */
public final class OutputFile implements AutoCloseable {
    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private final OutputStream stream;
    private boolean committed;

    private OutputFile(Path target, Path temporary, FileChannel channel) {
        this.target = target;
        this.temporary = temporary;
        this.channel = channel;
        this.stream = new BufferedOutputStream(Channels.newOutputStream(channel));
    }

    /**
     * Why {@code out} must not be written by a rendering of {@code traces}, or empty if it may: replacing it
     * would destroy a directory, a device or other special file, or the trace being rendered.
     */
    public static Optional<String> refusal(Path out, List<Path> traces) {
        if (Files.isDirectory(out)) {
            return Optional.of("--render " + out + ": that is a directory; name a PNG file inside it, e.g. "
                    + out.resolve("render.png"));
        }
        if (!Files.exists(out)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(out)) {
            return Optional.of("--render " + out + ": that exists and is not a regular file (a device, pipe or "
                    + "socket); name a new PNG file or an existing one to replace");
        }
        for (int i = 0; i < traces.size(); i++) {
            Path trace = traces.get(i);
            String which = i == 0 ? "the trace being rendered" : "the second trace";
            try {
                // isSameFile sees through symbolic links, hard links and different spellings of one path
                if (Files.exists(trace) && Files.isSameFile(out, trace)) {
                    return Optional.of("--render " + out + ": that is " + which + " (" + trace
                            + "); name another file for the PNG");
                }
            } catch (IOException e) {
                return Optional.of("--render " + out + ": cannot tell whether it is " + which + " (" + trace
                        + "): " + e.getMessage() + "; name another file for the PNG");
            }
        }
        return Optional.empty();
    }

    /** Starts writing {@code target}: creates the temporary file in its directory. */
    public static OutputFile begin(Path target) throws Failure {
        if (target.getFileName() == null) {
            throw new Failure("cannot write " + target + ": that is a directory; choose another path", null);
        }
        Path temporary = directoryOf(target).resolve("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            // not Files.createTempFile: its files are private (0600), and the result should have the
            // permissions any new file gets
            return new OutputFile(target, temporary,
                    FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new Failure(cannotWrite(target, e, ""), e);
        }
    }

    /** What goes into the file. */
    @FunctionalInterface
    public interface Contents {
        /** Writes the contents to {@code out}, which is buffered; not closed here. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code contents} to the temporary file, makes it durable and puts it in place of the target
     * (atomically where the file system can). On failure the target is as it was.
     */
    public void write(Contents contents) throws Failure {
        try {
            contents.writeTo(stream);
            stream.flush();
            channel.force(true);
            channel.close();
            // what refusal() checked before the work began, again: a move would replace a special file too
            if (Files.exists(target) && !Files.isRegularFile(target)) {
                throw new FileSystemException(target.toString(), null, "it is no longer a regular file");
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // in the same directory this hardly happens; replacing is then the best there is
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } catch (IOException e) {
            throw new Failure(cannotWrite(target, e, " (" + target + " is unchanged)"), e);
        }
    }

    /** Removes the temporary file unless it took the target's place; the target then stays as it was. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            channel.close();
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // nothing to tell the user beyond the failure that brought us here; a stray hidden file remains
        }
    }

    /** "cannot write OUT: plain reason{note}; what to do", for a failure to create or write {@code out}. */
    static String cannotWrite(Path out, IOException e, String note) {
        Path dir = directoryOf(out);
        String todo = "choose another path";
        String reason;
        if (!Files.exists(dir)) {
            reason = "no such directory " + dir;
            todo = "create it first or choose another path";
        } else if (!Files.isDirectory(dir)) {
            reason = dir + " is not a directory";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            // the directory exists, yet creating a file in it says "no such file": /proc and the like
            reason = "files cannot be created in " + dir;
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            reason = lowerFirst(f.getReason());
        } else {
            reason = e.getMessage() == null ? e.toString() : lowerFirst(e.getMessage());
        }
        return "cannot write " + out + ": " + reason + note + "; " + todo;
    }

    private static Path directoryOf(Path out) {
        Path parent = out.toAbsolutePath().getParent();
        return parent == null ? out.toAbsolutePath().getRoot() : parent;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** The output cannot be written; the message says why and what to do, in one line. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        public Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

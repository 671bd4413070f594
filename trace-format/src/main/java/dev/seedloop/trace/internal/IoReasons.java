package dev.seedloop.trace.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why an I/O operation failed, in plain lower-case words for a message such as "cannot open F: permission
 * denied". {@code toString()} of an {@link IOException} leads with its class name, and the
 * {@code getMessage()} of a {@link FileSystemException} is mostly the path again, which the caller has
 * already named; this keeps only the reason.
 */
public final class IoReasons {
    private IoReasons() {}

    /** The reason {@code e} gives, e.g. "permission denied" or "no space left on device"; never blank. */
    public static String of(IOException e) {
        return switch (e) {
            // These carry no reason text of their own, only the path.
            case AccessDeniedException x -> "permission denied";
            case NoSuchFileException x -> "no such file or directory";
            case NotDirectoryException x -> "a part of the path is not a directory";
            case FileAlreadyExistsException x -> "it already exists";
            case FileSystemException x -> x.getReason() == null ? "the file system refused" : plain(x.getReason());
            default -> e.getMessage() == null || e.getMessage().isBlank() ? "an input/output error"
                    : plain(e.getMessage());
        };
    }

    /** The operating system's text ("No space left on device") as part of a sentence ("no space left on device"). */
    static String plain(String reason) {
        String s = reason.strip();
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        // Lower-case a capitalized first word only, so that acronyms ("ZLIB") keep their case.
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))) {
            s = Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
        return s;
    }
}

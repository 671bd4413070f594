package dev.seedloop.viewer.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recently opened traces, newest first, kept in a small text file (one path a line) under the
 * user's home: {@code ~/.config/seedloop/viewer-recent.txt}, or the file named by the system property
 * {@value #FILE_PROPERTY}. A missing or unreadable file is an empty list; a failed write is ignored (the
 * list is a convenience, never a reason to fail).
 */
public final class RecentFiles {
    /** System property naming the file instead of the default. */
    public static final String FILE_PROPERTY = "seedloop.viewer.recentFile";
    /** How many paths are kept. */
    public static final int MAX = 10;

    private final Path file;

    public RecentFiles(Path file) {
        this.file = file;
    }

    /** The list at the default location (or the one the system property names). */
    public static RecentFiles standard() {
        String p = System.getProperty(FILE_PROPERTY);
        return new RecentFiles(p != null && !p.isBlank() ? Path.of(p)
                : Path.of(System.getProperty("user.home"), ".config", "seedloop", "viewer-recent.txt"));
    }

    /** The paths, newest first. */
    public List<Path> list() {
        try {
            List<Path> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && out.size() < MAX) {
                    out.add(Path.of(line.strip()));
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Puts {@code path} first, dropping an older entry of it and anything beyond {@link #MAX}. */
    public void add(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        List<Path> paths = new ArrayList<>(list());
        paths.remove(abs);
        paths.addFirst(abs);
        List<String> lines = paths.stream().limit(MAX).map(Path::toString).toList();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // A recent-files list that cannot be saved is not worth interrupting the user for.
        }
    }
}
